using Migration.Hardware.Memory;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Hardware.Msm.Tests;

/// <summary>The per-context TLB: hits, stale entries, ASID tagging and every invalidation register (msm.md §2.2, §2.6).</summary>
public class MsmTlbTests
{
    private const uint NoStall = MsmRig.AttachActlr & ~ACTLR_CFCFG;
    private const uint NgPage = 0x8A345C36;       // nG small page, RW, class 1
    private const uint GlobalPage = 0x8A346432;   // small page without nG

    private static MsmTranslation Read(MsmIommu iommu, uint va, int ctx = 0) => iommu.Translate(ctx, va, write: false);

    [Fact]
    public void SecondAccess_HitsTheEntryTheWalkLoaded()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, NgPage);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Walked, 0x8A345123, 0x1000, 1, false, 0), Read(iommu, 0x00401123));
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.TlbHit, 0x8A345FFC, 0x1000, 1, false, 0), Read(iommu, 0x00401FFC));
        Assert.Equal(new MsmTlbEntry(true, 0x00401000, 0x8A345000, 0x1000, false, 0, false, 1, true), iommu.PeekTlb(0, 0));
        Assert.False(iommu.PeekTlb(0, 1).Valid);
    }

    [Fact]
    public void SectionEntry_CoversTheWholeMegabyte()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetFl(m, 0x40000000, 0x9A430C06);
        Read(iommu, 0x40000000);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.TlbHit, 0x9A4FFFFC, 0x100000, 1, false, 0), Read(iommu, 0x400FFFFC));
        Assert.Equal(MsmTranslationOutcome.Fault, Read(iommu, 0x40100000).Outcome); // the next megabyte is unmapped
    }

    [Fact]
    public void TableChangeWithoutInvalidation_KeepsTheStaleTranslation()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, NgPage);
        Read(iommu, 0x00401000);
        MsmRig.SetPte(m, 0x00401000, 0x8B000C36);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.TlbHit, 0x8A345010, 0x1000, 1, false, 0), Read(iommu, 0x00401010));
        MsmRig.SetPte(m, 0x00401000, 0);
        Assert.Equal(0x8A345010u, Read(iommu, 0x00401010).Pa); // even an unmapped page still translates
    }

    [Fact]
    public void CtxTlbiall_DropsEveryEntryOfTheContext()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, NgPage);
        MsmRig.SetFl(m, 0x40000000, 0x9A430C06);
        Read(iommu, 0x00401000);
        Read(iommu, 0x40000000);
        MsmRig.SetPte(m, 0x00401000, 0x8B000C36);
        MsmRig.SetFl(m, 0x40000000, 0x9C030C06);
        MsmRig.SetReg(iommu, 0, CTX_TLBIALL, 0xDEADBEEF);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Walked, 0x8B000010, 0x1000, 1, false, 0), Read(iommu, 0x00401010));
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Walked, 0x9C000010, 0x100000, 1, false, 0), Read(iommu, 0x40000010));
    }

    [Fact]
    public void CtxTlbiall_LeavesOtherContextsAlone_GlobalTlbiallDoesNot()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, ctx: 0);
        MsmRig.Program(iommu, 1, MsmRig.Fl, 1);
        MsmRig.SetPte(m, 0x00401000, NgPage);
        Read(iommu, 0x00401000, ctx: 0);
        Read(iommu, 0x00401000, ctx: 1);
        MsmRig.SetPte(m, 0x00401000, 0x8B000C36);
        MsmRig.SetReg(iommu, 1, CTX_TLBIALL, 0);
        Assert.Equal(0x8A345000u, Read(iommu, 0x00401000, ctx: 0).Pa);
        Assert.Equal(0x8B000000u, Read(iommu, 0x00401000, ctx: 1).Pa);

        MsmRig.SetPte(m, 0x00401000, 0x8C000C36);
        iommu.Write(GLOBAL_TLBIALL, 0);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Walked, 0x8C000000, 0x1000, 1, false, 0), Read(iommu, 0x00401000, ctx: 0));
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Walked, 0x8C000000, 0x1000, 1, false, 0), Read(iommu, 0x00401000, ctx: 1));
    }

    [Fact]
    public void NgEntries_MatchOnlyTheirAsid_GlobalEntriesMatchAny()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetReg(iommu, 0, CONTEXTIDR, 5);
        MsmRig.SetPte(m, 0x00401000, NgPage);
        MsmRig.SetPte(m, 0x00402000, GlobalPage);
        Read(iommu, 0x00401000);
        Read(iommu, 0x00402000);
        MsmRig.SetReg(iommu, 0, CONTEXTIDR, 0xABCDEF06); // PROCID is not part of the tag
        Assert.Equal(MsmTranslationOutcome.Walked, Read(iommu, 0x00401000).Outcome);
        Assert.Equal(MsmTranslationOutcome.TlbHit, Read(iommu, 0x00402000).Outcome);
        Assert.Equal(new MsmTlbEntry(true, 0x00401000, 0x8A345000, 0x1000, false, 6, false, 1, true), iommu.PeekTlb(0, 2));
        Assert.True(iommu.PeekTlb(0, 1).Global);
    }

    /// <summary>Entries: 0 = nG ASID 5 at 0x401000, 1 = nG ASID 6 at 0x401000, 2 = global at 0x402000, 3 = nG ASID 5 at 0x403000.</summary>
    private static MsmIommu FourEntries(out PhysicalMemory m)
    {
        MsmIommu iommu = MsmRig.Attached(out m);
        MsmRig.SetPte(m, 0x00401000, NgPage);
        MsmRig.SetPte(m, 0x00402000, GlobalPage);
        MsmRig.SetPte(m, 0x00403000, 0x8A347C36);
        MsmRig.SetReg(iommu, 0, CONTEXTIDR, 5);
        Read(iommu, 0x00401000);
        MsmRig.SetReg(iommu, 0, CONTEXTIDR, 6);
        Read(iommu, 0x00401000);
        Read(iommu, 0x00402000);
        MsmRig.SetReg(iommu, 0, CONTEXTIDR, 5);
        Read(iommu, 0x00403000);
        return iommu;
    }

    private static bool[] ValidEntries(MsmIommu iommu) => Enumerable.Range(0, 4).Select(i => iommu.PeekTlb(0, i).Valid).ToArray();

    [Fact]
    public void FourEntries_AreLoadedAsDescribed()
    {
        MsmIommu iommu = FourEntries(out _);
        Assert.Equal(
            new[] { (true, false, (byte)5, 0x00401000u), (true, false, (byte)6, 0x00401000u), (true, true, (byte)6, 0x00402000u), (true, false, (byte)5, 0x00403000u) },
            Enumerable.Range(0, 4).Select(i => iommu.PeekTlb(0, i)).Select(e => (e.Valid, e.Global, e.Asid, e.VaBase)));
    }

    [Fact]
    public void Tlbiasid_DropsOnlyTheNgEntriesOfThatAsid()
    {
        MsmIommu iommu = FourEntries(out _);
        MsmRig.SetReg(iommu, 0, TLBIASID, 0xFFFFFF05); // only ASID[7:0] counts
        Assert.Equal(new[] { false, true, true, false }, ValidEntries(iommu));
    }

    [Fact]
    public void Tlbiasid_KeepsAGlobalEntry_EvenOneLoadedUnderThatAsid()
    {
        MsmIommu iommu = FourEntries(out _);
        MsmRig.SetReg(iommu, 0, TLBIASID, 6);
        Assert.Equal(new[] { true, false, true, true }, ValidEntries(iommu));
    }

    [Fact]
    public void Tlbiasid_OfAnUnusedAsid_DropsNothing()
    {
        MsmIommu iommu = FourEntries(out _);
        MsmRig.SetReg(iommu, 0, TLBIASID, 7);
        Assert.Equal(new[] { true, true, true, true }, ValidEntries(iommu));
    }

    [Fact]
    public void Tlbiva_DropsTheVaForThatAsidOnly()
    {
        MsmIommu iommu = FourEntries(out _);
        MsmRig.SetReg(iommu, 0, TLBIVA, 0x00401000 | 6);
        Assert.Equal(new[] { true, false, true, true }, ValidEntries(iommu));
        MsmRig.SetReg(iommu, 0, TLBIVA, 0x00403FFF & 0xFFFFF000 | 6); // VA 0x403000 is ASID 5's: stays
        Assert.Equal(new[] { true, false, true, true }, ValidEntries(iommu));
    }

    [Fact]
    public void Tlbiva_DropsAGlobalEntryForAnyAsid()
    {
        MsmIommu iommu = FourEntries(out _);
        MsmRig.SetReg(iommu, 0, TLBIVA, 0x00402000 | 0x99);
        Assert.Equal(new[] { true, true, false, true }, ValidEntries(iommu));
    }

    [Fact]
    public void Tlbiva_MakesTheNextAccessWalk()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, NgPage);
        Read(iommu, 0x00401000);
        MsmRig.SetPte(m, 0x00401000, 0x8B000C36);
        MsmRig.SetReg(iommu, 0, TLBIVA, 0x00401000 | 0); // ASID 0 = context 0's
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Walked, 0x8B000444, 0x1000, 1, false, 0), Read(iommu, 0x00401444));
    }

    [Fact]
    public void Tlbiva_InsideASection_DropsTheSectionEntry()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetFl(m, 0x40000000, 0x9A430C06);
        Read(iommu, 0x40000000);
        MsmRig.SetReg(iommu, 0, TLBIVA, 0x400AB000);
        Assert.False(iommu.PeekTlb(0, 0).Valid);
    }

    [Fact]
    public void Tlbivaa_DropsTheVaForEveryAsid()
    {
        MsmIommu iommu = FourEntries(out _);
        MsmRig.SetReg(iommu, 0, TLBIVAA, 0x00401ABC);
        Assert.Equal(new[] { false, false, true, true }, ValidEntries(iommu));
    }

    [Fact]
    public void Tlbivmid_DropsTheContextsWhoseCbvmidMatches()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, ctx: 0);
        MsmRig.Program(iommu, 1, MsmRig.Fl, 1);
        iommu.Write(CBACR_N + 4 * 1, 3u << CBACR_CBVMID_SHIFT);
        MsmRig.SetPte(m, 0x00401000, NgPage);
        Read(iommu, 0x00401000, ctx: 0);
        Read(iommu, 0x00401000, ctx: 1);
        iommu.Write(TLBIVMID, 0xFFFFFFE3); // only VMID[4:0] counts
        Assert.True(iommu.PeekTlb(0, 0).Valid);
        Assert.False(iommu.PeekTlb(1, 0).Valid);
        iommu.Write(TLBIVMID, 0);
        Assert.False(iommu.PeekTlb(0, 0).Valid);
    }

    [Fact]
    public void Replacement_IsRoundRobinOver32Entries()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        Assert.Equal(32, MsmIommu.TlbEntriesPerContext);
        for (uint i = 0; i < 33; i++)
            MsmRig.SetFl(m, i << 20, (0x90000000 + (i << 20)) | 0x30C06);
        for (uint i = 0; i < 33; i++)
            Assert.Equal(MsmTranslationOutcome.Walked, Read(iommu, i << 20).Outcome);
        Assert.Equal(0x02000000u, iommu.PeekTlb(0, 0).VaBase); // the 33rd page replaced entry 0
        Assert.Equal(0x00100000u, iommu.PeekTlb(0, 1).VaBase);
        Assert.Equal(MsmTranslationOutcome.Walked, Read(iommu, 0).Outcome); // page 0 was evicted: walks into entry 1
        Assert.Equal(MsmTranslationOutcome.TlbHit, Read(iommu, 2u << 20).Outcome);
        Assert.Equal(MsmTranslationOutcome.Walked, Read(iommu, 1u << 20).Outcome);
    }

    [Fact]
    public void OverlappingStaleEntries_AreAMultiHitFault()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, actlr: NoStall);
        MsmRig.SetPte(m, 0x00401000, NgPage);
        Read(iommu, 0x00401000);
        MsmRig.SetFl(m, 0x00400000, 0x9A430C06); // remapped as a section without invalidation
        Read(iommu, 0x00480000);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Fault, 0, 0, 0, false, FSR_MHF), Read(iommu, 0x00401000));
        Assert.Equal((0x00000080u, 0x00401000u), (MsmRig.Reg(iommu, 0, FSR), MsmRig.Reg(iommu, 0, FAR)));
    }

    [Fact]
    public void Tlb_IsPerContextBank()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, ctx: 0);
        MsmRig.Program(iommu, 1, MsmRig.Fl, 1);
        MsmRig.SetPte(m, 0x00401000, GlobalPage);
        Read(iommu, 0x00401000, ctx: 0);
        Assert.Equal(MsmTranslationOutcome.Walked, Read(iommu, 0x00401000, ctx: 1).Outcome);
    }
}
