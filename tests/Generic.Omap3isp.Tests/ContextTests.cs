using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>omap3isp_get/put and isp_pm_prepare/complete with the 3.3 IOMMU context calls (omap.md §6.1, §7.7, §8.21).</summary>
public class ContextTests
{
    [Fact]
    public void Get_AfterProbe_RestoresTheSavedMmuContext_WhichReenablesTheMmu()
    {
        var rig = new IspRig();
        // Power loss while the ISP is unused: the MMU forgets its control register and table base.
        rig.Mmu.Write(OmapMmuRegisters.MMU_CNTL, 0);
        rig.Mmu.Write(OmapMmuRegisters.MMU_TTB, 0);
        Assert.False(rig.Mmu.IsEnabled);

        Assert.Same(rig.Isp, rig.Isp.Get());

        Assert.Equal(1, rig.Isp.RefCount);
        Assert.True(rig.Isp.ClocksEnabled);
        Assert.True(rig.Mmu.IsEnabled);
        Assert.True(rig.Mmu.TableWalkerEnabled);
        Assert.Equal(rig.Pgtable, rig.Mmu.Read(OmapMmuRegisters.MMU_TTB));
        Assert.Equal(("isp_restore_ctx", "omap_iommu_restore_ctx"), (rig.Isp.Memory.Calls[^1].Caller, rig.Isp.Memory.Calls[^1].Callee));
    }

    [Fact]
    public void Probe_FirstGet_DoesNotRestore_NestedGetPut_SaveOnlyAtZero()
    {
        var rig = new IspRig();
        Assert.DoesNotContain(rig.Isp.Memory.Calls, c => c.Callee == "omap_iommu_restore_ctx");
        int calls = rig.Isp.Memory.Calls.Count;

        rig.Isp.Get();
        rig.Isp.Get();
        rig.Isp.Put();
        Assert.Equal(calls + 1, rig.Isp.Memory.Calls.Count); // one restore, no save yet
        rig.Isp.Put();

        Assert.Equal("omap_iommu_save_ctx", rig.Isp.Memory.Calls[^1].Callee);
        Assert.Equal(calls + 2, rig.Isp.Memory.Calls.Count);
        Assert.False(rig.Isp.ClocksEnabled);
    }

    [Fact]
    public void ContextCounters_CountSavesAndRestoresThatHappened()
    {
        var rig = new IspRig();
        Assert.Equal((1, 0), (rig.Isp.IommuCtxSaves, rig.Isp.IommuCtxRestores));

        rig.Isp.Get();
        rig.Isp.Put();

        Assert.Equal((2, 1), (rig.Isp.IommuCtxSaves, rig.Isp.IommuCtxRestores));
        Assert.Throws<KernelBugException>(rig.Isp.Remove);
        Assert.Equal((2, 2), (rig.Isp.IommuCtxSaves, rig.Isp.IommuCtxRestores)); // the oopsing save is not counted
    }

    [Fact]
    public void Dma_Remove_RestoresBeforeTheDetach_AndSkipsTheSaveAfterIt()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);

        rig.Isp.Remove();

        Assert.Equal((1, 1), (rig.Isp.IommuCtxSaves, rig.Isp.IommuCtxRestores));
        Assert.Equal(
            ["omap_iommu_restore_ctx", "iommu_detach_device", "iommu_domain_free"],
            rig.Isp.Memory.Calls.TakeLast(3).Select(c => c.Callee));
    }

    [Fact]
    public void Put_AtZero_IsABug()
    {
        var rig = new IspRig();

        var bug = Assert.Throws<KernelBugException>(rig.Isp.Put);

        Assert.Contains("omap3isp_put", bug.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IspMemoryBackend.Iovmm)]
    [InlineData(IspMemoryBackend.DmaMapping)]
    public void PmPrepareAndComplete_DoNothingWhenUnused_SaveAndRestoreWhenInUse(IspMemoryBackend backend)
    {
        var rig = new IspRig(backend);
        int calls = rig.Isp.Memory.Calls.Count;

        Assert.Equal(0, rig.Isp.PmPrepare());
        rig.Isp.PmComplete();
        Assert.Equal(calls, rig.Isp.Memory.Calls.Count);

        rig.Isp.Get();
        Assert.Equal(0, rig.Isp.PmPrepare());
        rig.Mmu.Write(OmapMmuRegisters.MMU_CNTL, 0); // suspend loses the MMU state
        rig.Isp.PmComplete();

        Assert.Equal(
            ["omap_iommu_restore_ctx", "omap_iommu_save_ctx", "omap_iommu_restore_ctx"],
            rig.Isp.Memory.Calls.Skip(calls).Select(c => c.Callee));
        Assert.True(rig.Mmu.IsEnabled);
    }
}
