using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Legacy.Omap3isp.Tests;

/// <summary>isp_save_ctx / isp_restore_ctx through omap3isp_get/put and isp_pm_prepare/complete (omap.md §6.1).</summary>
public class IspPowerContextTests
{
    [Fact]
    public void Get_AfterProbe_RestoresTheIommuContextLostWhileOff()
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        var v = isp.Video(IspVideoNode.CcdcOutput);
        Assert.NotNull(isp.Get());
        Assert.Equal(1, v.RequestBuffers(1, 0x1000, IspMemoryType.Mmap));
        Assert.Equal(0, v.Queue(0));
        uint pa = rig.Kmem.VmallocToPhys(v.Buffer(0).KernelAddress);
        isp.Put();
        // Power loss: the MMU registers come back at their reset values.
        rig.Mmu.Write(MMU_CNTL, 0);
        rig.Mmu.Write(MMU_TTB, 0);
        rig.Mmu.Write(MMU_IRQENABLE, 0);

        Assert.Same(isp, isp.Get());

        Assert.Equal(2, isp.IommuCtxRestores); // probe: none; the first Get: 1; this Get: 2
        Assert.Equal(0x6u, rig.Mmu.Read(MMU_CNTL));
        Assert.Equal(rig.Iommu.Instance.Iopgd, rig.Mmu.Read(MMU_TTB));
        Assert.Equal(0x1Eu, rig.Mmu.Read(MMU_IRQENABLE));
        OmapMmuTranslation t = rig.Mmu.Translate(0x1000 + 0x24);
        Assert.True(t.Succeeded);
        Assert.Equal(pa + 0x24, t.Pa);
    }

    [Fact]
    public void GetPut_NestedUsers_SaveAndRestoreOnlyOnTheOuterTransitions()
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();

        isp.Get();
        isp.Get();
        isp.Put();
        Assert.Equal(1, isp.IommuCtxRestores);
        Assert.Equal(1, isp.IommuCtxSaves);
        Assert.True(isp.ClocksEnabled);

        isp.Put();

        Assert.Equal(2, isp.IommuCtxSaves);
        Assert.Equal(0, isp.RefCount);
        Assert.False(isp.ClocksEnabled);
    }

    [Fact]
    public void Put_Unbalanced_IsABug()
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();

        Assert.Throws<KernelBugException>(isp.Put);
    }

    [Fact]
    public void PmPrepare_WithoutUsers_SavesNothing()
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();

        Assert.Equal(0, isp.PmPrepare());
        isp.PmComplete();

        Assert.Equal(1, isp.IommuCtxSaves);
        Assert.Equal(0, isp.IommuCtxRestores);
    }

    [Fact]
    public void PmPrepareComplete_WithUsers_SaveThenRestoreTheIommuRegisters()
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        isp.Get();

        Assert.Equal(0, isp.PmPrepare());
        Assert.Equal(2, isp.IommuCtxSaves);
        // System suspend: the MMU loses its registers.
        rig.Mmu.Write(MMU_CNTL, 0);
        rig.Mmu.Write(MMU_TTB, 0);
        isp.PmComplete();

        Assert.Equal(2, isp.IommuCtxRestores);
        Assert.Equal(0x6u, rig.Mmu.Read(MMU_CNTL));
        Assert.Equal(rig.Iommu.Instance.Iopgd, rig.Mmu.Read(MMU_TTB));
        Assert.Equal(1, isp.RefCount);
    }
}
