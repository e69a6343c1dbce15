using Migration.Kernel;
using Migration.Hardware;
using Migration.Hardware.Msm;

namespace Legacy.Msm.Tests;

/// <summary>
/// Device accesses through an attached context (msm.md §2.6) and the mainline fault interrupt (§5.12, §9.12):
/// the handler logs each faulting context, writes 0x4000000F to FSR, never resumes, returns IRQ_NONE.
/// </summary>
public class TranslationFaultTests
{
    private const uint FSR = 0x020, FAR = 0x028;
    private const uint FSR_TF = 1u << 1, FSR_SL = 1u << 16, FSR_SS = 1u << 30;

    [Theory]
    [InlineData(0x40023000u, 0x8A345000u, 0, 0x40023FFFu, 0x8A345FFFu, 0x1000u)]
    [InlineData(0x30050000u, 0x8A350000u, 4, 0x3005ABCDu, 0x8A35ABCDu, 0x10000u)]
    [InlineData(0x20100000u, 0x8A300000u, 8, 0x20123456u, 0x8A323456u, 0x100000u)]
    [InlineData(0x11000000u, 0x85000000u, 12, 0x11ABCDEFu, 0x85ABCDEFu, 0x1000000u)]
    public void AMappedAccess_WalksThenHitsTheTlb(uint iova, uint pa, int order, uint va, uint expected, uint pageSize)
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, iova, pa, order, 0));
        MsmTranslation first = rig.Hw.Translate(rig.Num, va, write: false);
        Assert.Equal(MsmTranslationOutcome.Walked, first.Outcome);
        Assert.Equal(expected, first.Pa);
        Assert.Equal(pageSize, first.PageSize);
        MsmTranslation second = rig.Hw.Translate(rig.Num, va, write: true);
        Assert.Equal(MsmTranslationOutcome.TlbHit, second.Outcome);
        Assert.Equal(expected, second.Pa);
        Assert.False(second.ReadOnly); // mainline mappings are always read/write (msm.md §3.3)
        Assert.Equal(0u, rig.Reg(FSR));
        Assert.Equal(0, rig.Hw.Interrupt.Raised);
    }

    [Fact]
    public void TheMemoryTypeIndex_IsTheTexClass()
    {
        var rig = new LegacyMsmRig();
        (uint va, int prot, uint cls)[] cases = [(0x40001000, 0, 1), (0x40002000, 1, 7), (0x40003000, 2, 3), (0x40004000, 3, 2), (0x40005000, 7, 2)];
        foreach ((uint va, int prot, _) in cases)
            Assert.Equal(0, rig.Core.IommuMap(rig.D, va, 0x8A000000 + (va & 0xFFFFF), 0, prot));
        foreach ((uint va, _, uint cls) in cases)
            Assert.Equal(cls, rig.Hw.Translate(rig.Num, va, false).MemoryTypeIndex);
    }

    [Fact]
    public void ATableChangeWithoutFlush_StaysStaleUntilACoreMap()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0x8A345010u, rig.Hw.Translate(rig.Num, 0x40023010, false).Pa);
        rig.Soc.Memory.WriteWord(rig.SlTable(0x40023000) + 4 * 0x23, 0x8B777C36); // no flush
        MsmTranslation stale = rig.Hw.Translate(rig.Num, 0x40023010, false);
        Assert.Equal(MsmTranslationOutcome.TlbHit, stale.Outcome);
        Assert.Equal(0x8A345010u, stale.Pa);

        // Any core map (of another page) ends with TLBIALL.
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x50000000, 0x8C000000, 8, 0));
        MsmTranslation fresh = rig.Hw.Translate(rig.Num, 0x40023010, false);
        Assert.Equal(MsmTranslationOutcome.Walked, fresh.Outcome);
        Assert.Equal(0x8B777010u, fresh.Pa);
    }

    [Fact]
    public void AStaleEntry_SurvivesATableClearUntilACoreUnmap()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x20100000, 0x8A300000, 8, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(MsmTranslationOutcome.Walked, rig.Hw.Translate(rig.Num, 0x20100000, false).Outcome);
        rig.Soc.Memory.WriteWord(rig.Fl + 4 * 0x201, 0); // section removed behind the driver's back
        Assert.Equal(MsmTranslationOutcome.TlbHit, rig.Hw.Translate(rig.Num, 0x20100000, false).Outcome);
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40023000, 0));
        MsmTranslation t = rig.Hw.Translate(rig.Num, 0x20100000, false);
        Assert.Equal(MsmTranslationOutcome.Fault, t.Outcome);
        Assert.Equal(FSR_TF, t.FaultStatus);
    }

    [Fact]
    public void AFirstLevelFault_IsLoggedClearedAndLeftStalled()
    {
        var rig = new LegacyMsmRig();
        MsmTranslation t = rig.Hw.Translate(rig.Num, 0x50001234, write: true);
        Assert.Equal(MsmTranslationOutcome.Fault, t.Outcome);
        Assert.Equal(FSR_TF, t.FaultStatus);

        // The handler ran during the access: it saw FSR = TF | SS (stalled, CFCFG) and FAR = va.
        Assert.Equal([("vfe", 0, FSR_TF | FSR_SS, 0x50001234u)], rig.Msm.FaultLog);
        // 0x4000000F is write-1-to-clear: TF and SS go, FSR reads 0 afterwards; FAR is left.
        Assert.Equal(0u, rig.Reg(FSR));
        Assert.Equal(0x50001234u, rig.Reg(FAR));
        Assert.Equal(1, rig.Hw.Interrupt.Raised);
        Assert.Equal(1, rig.Hw.Interrupt.Unhandled); // IRQ_NONE

        // RESUME is never written: the context stays stalled and the next access waits.
        Assert.True(rig.Hw.IsStalled(rig.Num));
        Assert.Equal(MsmTranslationOutcome.Stalled, rig.Hw.Translate(rig.Num, 0x50001234, false).Outcome);
        Assert.Single(rig.Msm.FaultLog);
    }

    [Fact]
    public void ASecondLevelFault_LeavesFsrSlSetAfterTheHandler()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        MsmTranslation t = rig.Hw.Translate(rig.Num, 0x40024008, write: false);
        Assert.Equal(MsmTranslationOutcome.Fault, t.Outcome);
        Assert.Equal(FSR_TF | FSR_SL, t.FaultStatus);
        Assert.Equal([("vfe", 0, FSR_TF | FSR_SL | FSR_SS, 0x40024008u)], rig.Msm.FaultLog);
        // 0x4000000F does not cover bit 16: SL survives the mainline clear.
        Assert.Equal(FSR_SL, rig.Reg(FSR));
        Assert.Equal(0x40024008u, rig.Reg(FAR));
        Assert.Equal(1, rig.Hw.Interrupt.Unhandled);
    }

    [Fact]
    public void TheHandler_ReturnsIrqNoneAndOnlyLogsContextsWithANonZeroFsr()
    {
        var rig = new LegacyMsmRig(attach: false);
        Device user = rig.GetCtx("gfx3d_user"), priv = rig.GetCtx("gfx3d_priv");
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, user));
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, priv));
        MsmIommu gfx = LegacyMsmRig.HwOf(priv);
        Assert.Equal(MsmTranslationOutcome.Fault, gfx.Translate(1, 0x00400000, false).Outcome);
        Assert.Equal([("gfx3d", 1, FSR_TF | FSR_SS, 0x00400000u)], rig.Msm.FaultLog);
        Assert.False(gfx.IsStalled(0));
        Assert.True(gfx.IsStalled(1));
        Assert.Equal(0, rig.Hw.Interrupt.Raised); // the vfe instance's line is not involved

        // Raising the line with no fault pending logs nothing and is still IRQ_NONE.
        Assert.Equal(IrqReturn.None, gfx.Interrupt.Raise());
        Assert.Single(rig.Msm.FaultLog);
        Assert.Equal(2, gfx.Interrupt.Unhandled);
    }

    [Fact]
    public void FaultsOnTwoContextsOfOneInstance_AreLoggedInBankOrder()
    {
        var rig = new LegacyMsmRig();
        Device misc = rig.GetCtx("vfe_misc");
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, misc));
        // Leave a pending fault on bank 1 without an interrupt (CFEIE off), then fault bank 0.
        uint actlr = rig.Reg(misc, 0x004);
        rig.Hw.Write((1u << 12) + 0x004, actlr & ~0x2u);
        Assert.Equal(MsmTranslationOutcome.Fault, rig.Hw.Translate(1, 0x70000000, false).Outcome);
        Assert.Empty(rig.Msm.FaultLog);
        Assert.Equal(FSR_TF | FSR_SS, rig.Reg(misc, FSR));

        Assert.Equal(MsmTranslationOutcome.Fault, rig.Hw.Translate(0, 0x60000000, false).Outcome);
        Assert.Equal([("vfe", 0, FSR_TF | FSR_SS, 0x60000000u), ("vfe", 1, FSR_TF | FSR_SS, 0x70000000u)], rig.Msm.FaultLog);
        Assert.Equal(0u, rig.Reg(FSR));
        Assert.Equal(0u, rig.Reg(misc, FSR));
    }

    [Fact]
    public void ADetachedContext_PassesAccessesThrough()
    {
        var rig = new LegacyMsmRig();
        rig.Core.IommuDetachDevice(rig.D, rig.Ctx);
        MsmTranslation t = rig.Hw.Translate(rig.Num, 0x50001234, false);
        Assert.Equal(MsmTranslationOutcome.Bypass, t.Outcome);
        Assert.Equal(0x50001234u, t.Pa);
        Assert.Empty(rig.Msm.FaultLog);
    }

    [Fact]
    public void AMasterId_ReachesItsContextThroughTheM2vTable()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        // vfe_imgwr owns MIDs 2..8 (msm.md §2.1).
        MsmTranslation t = rig.Hw.TranslateForMid(5, 0x40023004, false);
        Assert.Equal(MsmTranslationOutcome.Walked, t.Outcome);
        Assert.Equal(0x8A345004u, t.Pa);
        // MID 9 belongs to vfe_misc, which is not attached: bypass.
        Assert.Equal(MsmTranslationOutcome.Bypass, rig.Hw.TranslateForMid(9, 0x40023004, false).Outcome);
    }
}
