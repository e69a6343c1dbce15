using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Legacy.Omap.Tests;

/// <summary>iommu_save_ctx / iommu_restore_ctx (omap.md §4.3, §8.21).</summary>
public class ContextSaveRestoreTests
{
    [Fact]
    public void Save_ReadsAll64RegisterWords()
    {
        var rig = new LegacyOmapRig();

        OmapIommu.SaveCtx(rig.Isp);

        uint[] ctx = rig.Isp.Instance.Ctx;
        Assert.Equal(64, ctx.Length);
        Assert.Equal(0x11u, ctx[0]); // REVISION
        Assert.Equal(0x11u, ctx[MMU_SYSCONFIG / 4]);
        Assert.Equal(0x1u, ctx[MMU_SYSSTATUS / 4]);
        Assert.Equal(0x1Eu, ctx[MMU_IRQENABLE / 4]);
        Assert.Equal(0x6u, ctx[MMU_CNTL / 4]);
        Assert.Equal(rig.Isp.Instance.Iopgd, ctx[MMU_TTB / 4]);
    }

    [Fact]
    public void SaveAndRestore_DoNotTouchTheClock()
    {
        var rig = new LegacyOmapRig();

        OmapIommu.SaveCtx(rig.Isp);
        OmapIommu.RestoreCtx(rig.Isp);

        Assert.Equal(0, rig.IspMmu.Clock.EnableCount);
    }

    [Fact]
    public void Restore_WritesBackTtbCntlAndSysconfig_AfterTheMmuWasDisabled()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out uint[] pages);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        OmapIommu.SaveCtx(rig.Isp);
        OmapIommu.Put(rig.Isp);
        Assert.Equal(0u, rig.Reg(MMU_CNTL));
        Assert.Equal(0u, rig.Reg(MMU_SYSCONFIG));

        OmapIommu.RestoreCtx(rig.Isp);

        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
        Assert.Equal(rig.Isp.Instance.Iopgd, rig.Reg(MMU_TTB));
        Assert.Equal(0x11u, rig.Reg(MMU_SYSCONFIG));
        Assert.Equal(0x1Eu, rig.Reg(MMU_IRQENABLE));
        OmapMmuTranslation t = rig.IspMmu.Translate(da + 4);
        Assert.Equal(OmapMmuOutcome.Walked, t.Outcome);
        Assert.Equal(pages[0] + 4, t.Pa);
    }

    [Fact]
    public void Restore_WritesTheSavedIrqStatus_WhichClearsExactlyThoseBits()
    {
        var rig = new LegacyOmapRig();
        rig.IspMmu.Write(MMU_IRQENABLE, 0); // keep the causes pending: no interrupt
        Assert.Equal(OmapMmuOutcome.Fault, rig.IspMmu.Translate(0x00500000).Outcome);
        Assert.Equal(MMU_IRQ_TRANSLATIONFAULT, rig.Reg(MMU_IRQSTATUS));
        OmapIommu.SaveCtx(rig.Isp);
        Assert.Equal(MMU_IRQ_TRANSLATIONFAULT, rig.Isp.Instance.Ctx[MMU_IRQSTATUS / 4]);
        rig.IspMmu.Write(MMU_CNTL, MMU_CNTL_MMU_EN); // walker off: the next miss is a TLB miss
        Assert.Equal(OmapMmuOutcome.Fault, rig.IspMmu.Translate(0x00600000).Outcome);
        Assert.Equal(MMU_IRQ_TRANSLATIONFAULT | MMU_IRQ_TLBMISS, rig.Reg(MMU_IRQSTATUS));

        OmapIommu.RestoreCtx(rig.Isp);

        Assert.Equal(MMU_IRQ_TLBMISS, rig.Reg(MMU_IRQSTATUS)); // the saved bit 1 was written back (W1C)
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL)); // walker back on
        Assert.Equal(0u, rig.Reg(MMU_IRQENABLE)); // the saved value
    }

    [Fact]
    public void Restore_WritesTheSavedLockRegister()
    {
        var rig = new LegacyOmapRig();
        OmapIommu.FlushIotlbPage(rig.Isp, 0x1000); // every scan leaves VICT = N-1
        Assert.Equal(7u << MMU_LOCK_VICT_SHIFT, rig.Reg(MMU_LOCK));
        OmapIommu.SaveCtx(rig.Isp);
        OmapIommu.FlushIotlbAll(rig.Isp);
        Assert.Equal(0u, rig.Reg(MMU_LOCK));

        OmapIommu.RestoreCtx(rig.Isp);

        Assert.Equal(7u << MMU_LOCK_VICT_SHIFT, rig.Reg(MMU_LOCK));
    }

    [Fact]
    public void Restore_BugsWhenWordZeroIsNotTheRevision()
    {
        var rig = new LegacyOmapRig();
        OmapIommu.SaveCtx(rig.Isp);
        rig.Isp.Instance.Ctx[0] = 0x12;

        Assert.Throws<KernelBugException>(() => OmapIommu.RestoreCtx(rig.Isp));
    }

    [Fact]
    public void Restore_WithoutAPreviousSave_BugsOnTheZeroRevisionWord()
    {
        var rig = new LegacyOmapRig();

        Assert.Throws<KernelBugException>(() => OmapIommu.RestoreCtx(rig.Isp));
    }
}
