using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Legacy.Omap.Tests;

/// <summary>iommu_set_twl (omap.md §2.5, §4.4, §8.9): the argument is ignored, the walker always goes off.</summary>
public class SetTwlTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnyArgument_SwitchesToTlbMissMode(bool on)
    {
        var rig = new LegacyOmapRig();

        OmapIommu.SetTwl(rig.Isp, on);

        Assert.Equal(0x17u, rig.Reg(MMU_IRQENABLE));
        Assert.Equal(MMU_CNTL_MMU_EN, rig.Reg(MMU_CNTL));
        Assert.False(rig.IspMmu.TableWalkerEnabled);
        Assert.True(rig.IspMmu.IsEnabled);
        Assert.Equal(0, rig.IspMmu.Clock.EnableCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AfterSetTwl_AnUnmappedAccessRaisesATlbMissFault(bool on)
    {
        var rig = new LegacyOmapRig(getIsp: false);
        var recorder = new LegacyOmapRig.FaultRecorder { Answer = 0 };
        Assert.Equal(0, OmapIommu.SetIsr(rig.Driver, "isp", recorder.Callback, "priv"));
        OmapIommu isp = OmapIommu.Get(rig.Driver, "isp").Value!;
        OmapIommu.SetTwl(isp, on);

        OmapMmuTranslation t = rig.IspMmu.Translate(0x00345000);

        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        Assert.Equal(MMU_IRQ_TLBMISS, t.FaultBits);
        Assert.Equal(1, rig.IspMmu.Interrupt.Raised);
        var call = Assert.Single(recorder.Calls);
        Assert.Same(isp, call.Obj);
        Assert.Equal(0x00345000u, call.Da);
        Assert.Equal(OmapIommuErrors.OMAP_IOMMU_ERR_TLB_MISS, call.Errs);
        Assert.Equal("priv", call.Priv);
        Assert.Equal(0u, rig.Reg(MMU_IRQSTATUS)); // acknowledged
        Assert.Equal(0x00345000u, rig.Reg(MMU_FAULT_AD));
        Assert.True(rig.IspMmu.IsEnabled); // handled: MMU left on
    }

    [Fact]
    public void AfterSetTwl_EvenAMappedDaMissesBecauseNothingWalks()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        var recorder = new LegacyOmapRig.FaultRecorder();
        Assert.Equal(0, OmapIommu.SetIsr(rig.Driver, "isp", recorder.Callback, null));
        OmapIommu isp = OmapIommu.Get(rig.Driver, "isp").Value!;
        SgTable sgt = rig.SgOfPages(1, out _);
        uint da = Iovmm.Vmap(isp, 0, sgt, 0);
        Assert.Equal(0x1000u, da);

        OmapIommu.SetTwl(isp, true);
        OmapMmuTranslation t = rig.IspMmu.Translate(da);

        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        Assert.Equal(MMU_IRQ_TLBMISS, t.FaultBits);
        Assert.Equal(OmapIommuErrors.OMAP_IOMMU_ERR_TLB_MISS, Assert.Single(recorder.Calls).Errs);
    }

    [Fact]
    public void AfterSetTwl_ATlbEntryLoadedByTheDriverStillTranslates()
    {
        var rig = new LegacyOmapRig();
        OmapIommu.SetTwl(rig.Isp, false);
        var cr = new CrRegs(0x00200000 | MMU_CAM_V | MMU_CAM_PGSZ_4K, 0x80123000);
        Assert.Equal(0, OmapIommu.LoadIotlbEntry(rig.Isp, OmapIommu.IotlbCrToE(rig.Isp, cr)));

        OmapMmuTranslation t = rig.IspMmu.Translate(0x00200ABC);

        Assert.Equal(OmapMmuOutcome.TlbHit, t.Outcome);
        Assert.Equal(0x80123ABCu, t.Pa);
    }
}
