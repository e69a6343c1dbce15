using Migration.Hardware.Omap;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Hardware.Tests;

/// <summary>MMU faults: IRQSTATUS causes, FAULT_AD, IRQENABLE gating, bypass (omap.md §2.2, §2.5).</summary>
public class OmapMmuFaultTests
{
    private static readonly OmapMmuTranslation TranslationFault = new(OmapMmuOutcome.Fault, 0, 0, 0, 0x2);
    private static readonly OmapMmuTranslation TlbMissFault = new(OmapMmuOutcome.Fault, 0, 0, 0, 0x1);
    private static readonly OmapMmuTranslation MultiHitFault = new(OmapMmuOutcome.Fault, 0, 0, 0, 0x10);

    private static List<int> CountIrqs(OmapMmu mmu, IrqReturn answer = IrqReturn.Handled)
    {
        var seen = new List<int>();
        mmu.Interrupt.Handler = irq =>
        {
            seen.Add(irq);
            return answer;
        };
        return seen;
    }

    [Theory]
    [InlineData(MMU_IRQ_TLBMISS, 0x01u)]
    [InlineData(MMU_IRQ_TRANSLATIONFAULT, 0x02u)]
    [InlineData(MMU_IRQ_EMUMISS, 0x04u)]
    [InlineData(MMU_IRQ_TABLEWALKFAULT, 0x08u)]
    [InlineData(MMU_IRQ_MULTIHITFAULT, 0x10u)]
    public void IrqCauseBit_MatchesIommu2h(uint constant, uint expected) => Assert.Equal(expected, constant);

    [Fact]
    public void Translate_EmptyDescriptor_SetsTranslationFaultAndFaultAddress()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        Assert.Equal(TranslationFault, mmu.Translate(0x12345678));
        Assert.Equal(0x2u, mmu.Read(MMU_IRQSTATUS));
        Assert.Equal(0x12345678u, mmu.Read(MMU_FAULT_AD));
    }

    [Fact]
    public void Translate_EmptyPteUnderTable_SetsTranslationFault()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out var mem);
        MmuRig.SetPte(mem, 0x12346000, 0x87654002); // neighbour page only
        Assert.Equal(TranslationFault, mmu.Translate(0x12345ABC));
        Assert.Equal(0x12345ABCu, mmu.Read(MMU_FAULT_AD));
    }

    [Fact]
    public void Translate_TranslationFaultEnabled_RaisesInterruptOnce()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        List<int> irqs = CountIrqs(mmu);
        mmu.Translate(0x12345678);
        Assert.Equal(new[] { 24 }, irqs);
        Assert.Equal(1, mmu.Interrupt.Raised);
        Assert.Equal(0, mmu.Interrupt.Unhandled);
    }

    [Fact]
    public void Translate_TranslationFaultMasked_DoesNotCallHandlerButLatchesStatus()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        mmu.Write(MMU_IRQENABLE, MMU_IRQ_MASK & ~MMU_IRQ_TRANSLATIONFAULT);
        List<int> irqs = CountIrqs(mmu);
        Assert.Equal(TranslationFault, mmu.Translate(0x12345678));
        Assert.Empty(irqs);
        Assert.Equal(0, mmu.Interrupt.Raised);
        Assert.Equal(0x2u, mmu.Read(MMU_IRQSTATUS));
        Assert.Equal(0x12345678u, mmu.Read(MMU_FAULT_AD));
    }

    [Fact]
    public void Translate_HandlerReturnsNone_CountsUnhandled()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        CountIrqs(mmu, IrqReturn.None);
        mmu.Translate(0x12345678);
        Assert.Equal(1, mmu.Interrupt.Raised);
        Assert.Equal(1, mmu.Interrupt.Unhandled);
    }

    [Fact]
    public void Translate_Fault_DoesNotLoadTlbOrMoveVictim()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        MmuRig.SetVictim(mmu, 2);
        mmu.Translate(0x12345678);
        for (int i = 0; i < mmu.TlbEntries; i++)
            Assert.False(mmu.PeekTlb(i).Valid);
        Assert.Equal(0x20u, mmu.Read(MMU_LOCK));
    }

    [Fact]
    public void Translate_SecondFault_AccumulatesStatusAndUpdatesFaultAddress()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        mmu.Translate(0x12345678);
        mmu.Write(MMU_CNTL, MMU_CNTL_MMU_EN); // walker off
        Assert.Equal(TlbMissFault, mmu.Translate(0x00ABC000));
        Assert.Equal(0x3u, mmu.Read(MMU_IRQSTATUS));
        Assert.Equal(0x00ABC000u, mmu.Read(MMU_FAULT_AD));
    }

    [Fact]
    public void IrqStatus_IsWriteOneToClear()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        mmu.Translate(0x12345678);
        mmu.Write(MMU_CNTL, MMU_CNTL_MMU_EN);
        mmu.Translate(0x00ABC000);
        Assert.Equal(0x3u, mmu.Read(MMU_IRQSTATUS));
        mmu.Write(MMU_IRQSTATUS, 0x2);
        Assert.Equal(0x1u, mmu.Read(MMU_IRQSTATUS));
        mmu.Write(MMU_IRQSTATUS, 0x0);
        Assert.Equal(0x1u, mmu.Read(MMU_IRQSTATUS));
        mmu.Write(MMU_IRQSTATUS, 0x1F);
        Assert.Equal(0x0u, mmu.Read(MMU_IRQSTATUS));
    }

    [Fact]
    public void IrqStatus_WritingOnesToClearBits_DoesNotSetThem()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_IRQSTATUS, 0x1F);
        Assert.Equal(0u, mmu.Read(MMU_IRQSTATUS));
    }

    [Fact]
    public void Translate_WalkerOff_MissSetsTlbMissFault()
    {
        OmapMmu mmu = MmuRig.TlbMissModeIsp(out var mem);
        MmuRig.SetL1(mem, 0x12345678, 0x9AB00002); // a valid descriptor is not walked
        List<int> irqs = CountIrqs(mmu);
        Assert.Equal(TlbMissFault, mmu.Translate(0x12345678));
        Assert.Equal(0x1u, mmu.Read(MMU_IRQSTATUS));
        Assert.Equal(0x12345678u, mmu.Read(MMU_FAULT_AD));
        Assert.Equal(new[] { 24 }, irqs);
        Assert.False(mmu.PeekTlb(0).Valid);
    }

    [Fact]
    public void Translate_TlbMissInTwlMode_IsMaskedByIrqEnable0x1E()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        mmu.Write(MMU_CNTL, MMU_CNTL_MMU_EN); // walker off but enable set still 0x1E
        List<int> irqs = CountIrqs(mmu);
        Assert.Equal(TlbMissFault, mmu.Translate(0x12345678));
        Assert.Empty(irqs);
        Assert.Equal(0x1u, mmu.Read(MMU_IRQSTATUS));
    }

    [Fact]
    public void Translate_TwoEntriesCoveringDa_SetsMultiHitFault()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        MmuRig.LoadTlb(mmu, 0, 0x10000004, 0x90000000); // 1M at 0x10000000
        MmuRig.LoadTlb(mmu, 1, 0x10005006, 0x87654000); // 4K at 0x10005000
        List<int> irqs = CountIrqs(mmu);
        Assert.Equal(MultiHitFault, mmu.Translate(0x10005123));
        Assert.Equal(0x10u, mmu.Read(MMU_IRQSTATUS));
        Assert.Equal(0x10005123u, mmu.Read(MMU_FAULT_AD));
        Assert.Equal(new[] { 24 }, irqs);
    }

    [Fact]
    public void Translate_OnlyOneOfTwoEntriesCoversDa_Hits()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        MmuRig.LoadTlb(mmu, 0, 0x10000004, 0x90000000);
        MmuRig.LoadTlb(mmu, 1, 0x10005006, 0x87654000);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.TlbHit, 0x90006123, 0x100000, 0, 0), mmu.Translate(0x10006123));
        Assert.Equal(0u, mmu.Read(MMU_IRQSTATUS));
    }

    [Fact]
    public void Translate_MultiHitMasked_DoesNotRaiseInterrupt()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        mmu.Write(MMU_IRQENABLE, MMU_IRQ_TWL_MASK & ~MMU_IRQ_MULTIHITFAULT);
        MmuRig.LoadTlb(mmu, 2, 0x20000007, 0x9F000000); // 16M
        MmuRig.LoadTlb(mmu, 3, 0x20100004, 0x91000000); // 1M inside it
        List<int> irqs = CountIrqs(mmu);
        Assert.Equal(MultiHitFault, mmu.Translate(0x20100000));
        Assert.Empty(irqs);
        Assert.Equal(0x10u, mmu.Read(MMU_IRQSTATUS));
    }

    [Fact]
    public void Translate_MmuDisabled_Bypasses()
    {
        OmapMmu mmu = MmuRig.NewIsp(out var mem);
        mmu.Write(MMU_TTB, MmuRig.Ttb);
        mmu.Write(MMU_IRQENABLE, MMU_IRQ_MASK);
        List<int> irqs = CountIrqs(mmu);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.Bypass, 0x12345678, 0, 0, 0), mmu.Translate(0x12345678));
        Assert.Empty(irqs);
        Assert.Equal(0u, mmu.Read(MMU_IRQSTATUS));
        Assert.Equal(0u, mmu.Read(MMU_FAULT_AD));
    }

    [Fact]
    public void Translate_WalkerOnButMmuEnOff_Bypasses()
    {
        OmapMmu mmu = MmuRig.NewIsp(out var mem);
        MmuRig.SetL1(mem, 0x12345678, 0x9AB00002);
        mmu.Write(MMU_TTB, MmuRig.Ttb);
        mmu.Write(MMU_CNTL, MMU_CNTL_TWL_EN);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.Bypass, 0x12345678, 0, 0, 0), mmu.Translate(0x12345678));
        Assert.False(mmu.PeekTlb(0).Valid);
    }

    [Fact]
    public void Translate_MmuDisabled_IgnoresLoadedEntries()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        MmuRig.LoadTlb(mmu, 0, 0x12300004, 0x9AB00000);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.Bypass, 0x12345678, 0, 0, 0), mmu.Translate(0x12345678));
    }
}
