using Migration.Hardware.Memory;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Hardware.Msm.Tests;

/// <summary>Bypass with SCTLR.M = 0, the TTBCR split, and M2V routing of master IDs (msm.md §2.1, §2.2, §2.4).</summary>
public class MsmBypassAndRoutingTests
{
    /// <summary>The context probe of msm.md §2.4 for every MID of <paramref name="ctx"/>: CBNDX = ctx, NSCFG = 3.</summary>
    private static void ProbeContext(MsmIommu iommu, MsmContextConfig ctx)
    {
        foreach (int mid in ctx.Mids)
            iommu.Write(M2VCBR_N + 4 * (uint)mid, ((uint)ctx.Number << M2VCBR_CBNDX_SHIFT) | (3u << M2VCBR_NSCFG_SHIFT));
    }

    [Fact]
    public void MmuOff_AccessesBypassUntranslated()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        iommu.Write(ContextRegister(0, TTBR0), MsmRig.Fl);
        iommu.Write(ContextRegister(0, ACTLR), MsmRig.AttachActlr);
        MsmTranslation t = iommu.Translate(0, 0x00401234, write: true);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Bypass, 0x00401234, 0, 0, false, 0), t);
        Assert.True(t.Succeeded);
        Assert.False(iommu.PeekTlb(0, 0).Valid);
    }

    [Fact]
    public void MmuOff_NeverFaults_EvenWithNoTables()
    {
        MsmIommu iommu = MsmRig.Attached(out _);
        MsmRig.SetReg(iommu, 0, SCTLR, SCTLR_TRE); // detach clears M
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Bypass, 0xFFFFFFFC, 0, 0, false, 0), iommu.Translate(0, 0xFFFFFFFC, write: true));
        Assert.Equal(0u, MsmRig.Reg(iommu, 0, FSR));
    }

    [Fact]
    public void TtbcrSplit_SelectsTtbr1AboveTheBoundary()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        const uint table1 = 0x80008000;
        MsmRig.SetFl(m, 0x10000000, 0x9A030C06);              // TTBR0 table
        MsmRig.SetFl(m, 0x90000000, 0x9B030C06, table: table1); // TTBR1 table
        MsmRig.SetReg(iommu, 0, TTBR1, table1 | TTBR_SH);
        MsmRig.SetReg(iommu, 0, TTBCR, 1); // N = 1: VA[31] = 0 → TTBR0
        Assert.Equal(0x9A000040u, iommu.Translate(0, 0x10000040, write: false).Pa);
        Assert.Equal(0x9B000040u, iommu.Translate(0, 0x90000040, write: false).Pa);
    }

    [Fact]
    public void TtbcrSplit_Ttbr0BaseKeepsBits31To14MinusN()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        const uint table0 = 0x8000A000; // 8 KiB aligned: legal for N = 1
        MsmRig.SetFl(m, 0x10000000, 0x9A030C06, table: table0);
        MsmRig.SetReg(iommu, 0, TTBR0, table0 | TTBR_IRGNL);
        MsmRig.SetReg(iommu, 0, TTBCR, 1);
        Assert.Equal(0x9A000040u, iommu.Translate(0, 0x10000040, write: false).Pa);
    }

    [Fact]
    public void Ttbr0AttributeBits_AreNotPartOfTheTableAddress()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetFl(m, 0x10000000, 0x9A030C06);
        MsmRig.SetReg(iommu, 0, TTBR0, MsmRig.Fl | TTBR_SH | TTBR_NOS | TTBR_IRGNL | (1u << TTBR_ORGN_SHIFT));
        Assert.Equal(0x9A000040u, iommu.Translate(0, 0x10000040, write: false).Pa);
    }

    [Fact]
    public void ContextProbe_RoutesEveryMidOfTheContext()
    {
        MsmIommu iommu = new(MsmIommuConfig.Defaults8x60[2], new PhysicalMemory()); // mdp0
        foreach (MsmContextConfig c in iommu.Config.Contexts)
            ProbeContext(iommu, c);
        Assert.Equal(new[] { 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1 }, Enumerable.Range(0, 11).Select(iommu.MidToContext));
        Assert.Equal(0x00C00100u, iommu.Read(M2VCBR_N + 4 * 3));
    }

    [Fact]
    public void MidToContext_IsMinusOneWithBypassd()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        iommu.Write(M2VCBR_N + 4 * 17, M2VCBR_BYPASSD | (1u << M2VCBR_CBNDX_SHIFT));
        Assert.Equal(-1, iommu.MidToContext(17));
        Assert.Equal(0, iommu.MidToContext(18)); // power-on: CBNDX 0
    }

    [Fact]
    public void TranslateForMid_GoesThroughTheMidsContext_WithAmidInFsynr0()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out PhysicalMemory m);
        foreach (MsmContextConfig c in iommu.Config.Contexts)
            ProbeContext(iommu, c);
        MsmRig.Program(iommu, 1, MsmRig.Fl, 1, MsmRig.AttachActlr & ~ACTLR_CFCFG);
        MsmRig.SetFl(m, 0x10000000, 0x9A030C06);

        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Walked, 0x9A000040, 0x100000, 1, false, 0), iommu.TranslateForMid(20, 0x10000040, write: false));
        Assert.True(iommu.PeekTlb(1, 0).Valid);
        Assert.Equal(MsmTranslationOutcome.Bypass, iommu.TranslateForMid(3, 0x10000040, write: false).Outcome); // gfx3d_user: bank 0, still off

        Assert.Equal(MsmTranslationOutcome.Fault, iommu.TranslateForMid(31, 0x20000000, write: true).Outcome);
        Assert.Equal((0x00000002u, 0x20000000u, 31u), (MsmRig.Reg(iommu, 1, FSR), MsmRig.Reg(iommu, 1, FAR), MsmRig.Reg(iommu, 1, FSYNR0)));
    }

    [Fact]
    public void TranslateForMid_WithBypassd_SkipsTranslation()
    {
        MsmIommu iommu = MsmRig.Attached(out _);
        iommu.Write(M2VCBR_N + 4 * 5, M2VCBR_BYPASSD);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Bypass, 0x50000000, 0, 0, false, 0), iommu.TranslateForMid(5, 0x50000000, write: true));
        Assert.Equal(0u, MsmRig.Reg(iommu, 0, FSR));
        Assert.False(iommu.IsStalled(0));
    }

    [Fact]
    public void TranslateForMid_ToAnUnimplementedBank_IsTerminatedWithoutRecording()
    {
        MsmIommu iommu = MsmRig.Attached(out _);
        iommu.Write(M2VCBR_N + 4 * 6, 7u << M2VCBR_CBNDX_SHIFT);
        Assert.Equal(7, iommu.MidToContext(6));
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Fault, 0, 0, 0, false, 0), iommu.TranslateForMid(6, 0x1000, write: false));
        Assert.Equal(0, iommu.Interrupt.Raised);
    }

    [Fact]
    public void MidOutsideTheTable_Throws()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.MidToContext(512));
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.TranslateForMid(-1, 0, false));
    }
}
