using CsCheck;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;

namespace Migration.Hardware.Tests;

/// <summary>The hardware table walker: descriptor decoding of the four page sizes (omap.md §2.4, §3).</summary>
public class OmapTableWalkerTests
{
    private const uint Ttb = MmuRig.Ttb;
    private const uint L2 = MmuRig.L2Table;

    private static OmapTlbEntry WalkOk(PhysicalMemory m, uint da)
    {
        Assert.True(OmapTableWalker.Walk(m, Ttb, da, out OmapTlbEntry e));
        return e;
    }

    [Fact]
    public void TtbAlignMask_Is16KiB() => Assert.Equal(0xFFFFC000u, OmapTableWalker.TtbAlignMask);

    [Theory]
    [InlineData(0x80004000u, 0x00000000u, 0x80004000u)]
    [InlineData(0x80004000u, 0x123FFFFFu, 0x8000448Cu)]
    [InlineData(0x80004000u, 0xFFF00000u, 0x80007FFCu)]
    [InlineData(0x80004ABCu, 0x00100000u, 0x80004004u)]
    public void L1EntryAddress_IsTtbPlusIndexTimesFour(uint ttb, uint da, uint expected) =>
        Assert.Equal(expected, OmapTableWalker.L1EntryAddress(ttb, da));

    [Theory]
    [InlineData(0x80010401u, 0x12345678u, 0x80010514u)]
    [InlineData(0x800107FDu, 0x000FF000u, 0x800107FCu)]
    [InlineData(0x80010401u, 0x00000FFFu, 0x80010400u)]
    public void L2EntryAddress_UsesL1Bits31To10AndDaBits19To12(uint l1, uint da, uint expected) =>
        Assert.Equal(expected, OmapTableWalker.L2EntryAddress(l1, da));

    [Fact]
    public void Walk_NullMemory_Throws() =>
        Assert.Throws<ArgumentNullException>(() => OmapTableWalker.Walk(null!, Ttb, 0, out _));

    [Fact]
    public void Walk_Section_DecodesPaBits31To20()
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), 0x9AB00002);
        OmapTlbEntry e = WalkOk(m, 0x12345678);
        Assert.Equal(0x12300004u, e.Cam); // 1M code 0, V
        Assert.Equal(0x9AB00000u, e.Ram);
    }

    [Fact]
    public void Walk_Supersection_DecodesPaBits31To24()
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), 0x9AB40002); // bit 18 set; bits 23:20 ignored
        OmapTlbEntry e = WalkOk(m, 0x12345678);
        Assert.Equal(0x12000007u, e.Cam); // 16M code 3, V
        Assert.Equal(0x9A000000u, e.Ram);
    }

    [Fact]
    public void Walk_LargePage_DecodesPaBits31To16()
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), L2 | 1);
        m.WriteWord(L2 + (0x45 << 2), 0x8765F001); // type 01; bits 15:12 ignored
        OmapTlbEntry e = WalkOk(m, 0x12345678);
        Assert.Equal(0x12340005u, e.Cam); // 64K code 1, V
        Assert.Equal(0x87650000u, e.Ram);
    }

    [Fact]
    public void Walk_SmallPage_DecodesPaBits31To12()
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), L2 | 1);
        m.WriteWord(L2 + (0x45 << 2), 0x87654002);
        OmapTlbEntry e = WalkOk(m, 0x12345678);
        Assert.Equal(0x12345006u, e.Cam); // 4K code 2, V
        Assert.Equal(0x87654000u, e.Ram);
    }

    [Fact]
    public void Walk_SmallPageType11_IsSmall()
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), L2 | 1);
        m.WriteWord(L2 + (0x45 << 2), 0x87654003);
        OmapTlbEntry e = WalkOk(m, 0x12345678);
        Assert.Equal(0x12345006u, e.Cam);
        Assert.Equal(0x87654000u, e.Ram);
    }

    [Fact]
    public void Walk_TablePointer_IgnoresL1Bits9To2()
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), L2 | 0x3FC | 1);
        m.WriteWord(L2 + (0x45 << 2), 0x87654002);
        Assert.Equal(0x87654000u, WalkOk(m, 0x12345678).Ram);
    }

    [Fact]
    public void Walk_TtbLowBits_AreIgnored()
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), 0x9AB00002);
        Assert.True(OmapTableWalker.Walk(m, Ttb | 0x3FFC, 0x12345678, out OmapTlbEntry e));
        Assert.Equal(0x9AB00000u, e.Ram);
    }

    [Fact]
    public void Walk_EmptyL1_Fails()
    {
        var m = new PhysicalMemory();
        Assert.False(OmapTableWalker.Walk(m, Ttb, 0x12345678, out OmapTlbEntry e));
        Assert.Equal(0u, e.Cam);
        Assert.Equal(0u, e.Ram);
    }

    [Fact]
    public void Walk_EmptyPteUnderTable_Fails()
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), L2 | 1);
        m.WriteWord(L2 + (0x46 << 2), 0x87654002); // neighbour only
        Assert.False(OmapTableWalker.Walk(m, Ttb, 0x12345678, out OmapTlbEntry e));
        Assert.Equal(0u, e.Cam);
        Assert.Equal(0u, e.Ram);
    }

    [Theory]
    [InlineData(0x400u, 0x080u)]    // ES bits 11:10 = 1 -> RAM ES 8:7 = 1
    [InlineData(0x800u, 0x100u)]    // ES = 2
    [InlineData(0xC00u, 0x180u)]    // ES = 3
    [InlineData(0x8000u, 0x200u)]   // E bit 15 -> RAM bit 9
    [InlineData(0x20000u, 0x040u)]  // M bit 17 -> RAM bit 6
    [InlineData(0x28C00u, 0x3C0u)]  // all
    public void Walk_SectionAttributes_MapToRamBits(uint attr, uint ram)
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), 0x9AB00002 | attr);
        OmapTlbEntry e = WalkOk(m, 0x12345678);
        Assert.Equal(0x9AB00000u | ram, e.Ram);
        Assert.Equal(0x12300004u, e.Cam);
    }

    [Theory]
    [InlineData(0x400u, 0x080u)]
    [InlineData(0x8000u, 0x200u)]
    [InlineData(0x20000u, 0x040u)]
    [InlineData(0x28C00u, 0x3C0u)]
    public void Walk_SupersectionAttributes_MapToRamBits(uint attr, uint ram)
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), 0x9A040002 | attr);
        OmapTlbEntry e = WalkOk(m, 0x12345678);
        Assert.Equal(0x9A000000u | ram, e.Ram);
        Assert.Equal(0x12000007u, e.Cam);
    }

    [Theory]
    [InlineData(0x010u, 0x080u)]    // ES bits 5:4 = 1
    [InlineData(0x020u, 0x100u)]
    [InlineData(0x030u, 0x180u)]
    [InlineData(0x200u, 0x200u)]    // E bit 9
    [InlineData(0x800u, 0x040u)]    // M bit 11
    [InlineData(0xA30u, 0x3C0u)]
    public void Walk_SmallPageAttributes_MapToRamBits(uint attr, uint ram)
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), L2 | 1);
        m.WriteWord(L2 + (0x45 << 2), 0x87654002 | attr);
        Assert.Equal(0x87654000u | ram, WalkOk(m, 0x12345678).Ram);
    }

    [Theory]
    [InlineData(0x010u, 0x080u)]
    [InlineData(0x200u, 0x200u)]
    [InlineData(0x800u, 0x040u)]
    [InlineData(0xA30u, 0x3C0u)]
    public void Walk_LargePageAttributes_MapToRamBits(uint attr, uint ram)
    {
        var m = new PhysicalMemory();
        m.WriteWord(Ttb + (0x123 << 2), L2 | 1);
        m.WriteWord(L2 + (0x45 << 2), 0x87650001 | attr);
        OmapTlbEntry e = WalkOk(m, 0x12345678);
        Assert.Equal(0x87650000u | ram, e.Ram);
        Assert.Equal(0x12340005u, e.Cam);
    }

    [Fact]
    public void Translate_Section_ReturnsExactTranslation()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out PhysicalMemory m);
        MmuRig.SetL1(m, 0x12345678, 0x9AB28C02);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.Walked, 0x9AB45678, 0x100000, 0x3C0, 0), mmu.Translate(0x12345678));
    }

    [Fact]
    public void Translate_Supersection_ReturnsExactTranslation()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out PhysicalMemory m);
        MmuRig.SetL1(m, 0x12345678, 0x9A048002);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.Walked, 0x9A345678, 0x1000000, 0x200, 0), mmu.Translate(0x12345678));
    }

    [Fact]
    public void Translate_LargePage_ReturnsExactTranslation()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out PhysicalMemory m);
        MmuRig.SetPte(m, 0x12345678, 0x87650811);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.Walked, 0x87655678, 0x10000, 0x0C0, 0), mmu.Translate(0x12345678));
    }

    [Fact]
    public void Translate_SmallPage_ReturnsExactTranslation()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out PhysicalMemory m);
        MmuRig.SetPte(m, 0x12345678, 0x87654022);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.Walked, 0x87654678, 0x1000, 0x100, 0), mmu.Translate(0x12345678));
    }

    [Fact]
    public void Translation_Succeeded_IsFalseOnlyForFault()
    {
        Assert.True(new OmapMmuTranslation(OmapMmuOutcome.Walked, 1, 0x1000, 0, 0).Succeeded);
        Assert.True(new OmapMmuTranslation(OmapMmuOutcome.TlbHit, 1, 0x1000, 0, 0).Succeeded);
        Assert.True(new OmapMmuTranslation(OmapMmuOutcome.Bypass, 1, 0, 0, 0).Succeeded);
        Assert.False(new OmapMmuTranslation(OmapMmuOutcome.Fault, 0, 0, 0, 2).Succeeded);
    }

    private static uint SectionAttrs(uint d) => (((d >> 10) & 3) << 7) | (((d >> 15) & 1) << 9) | (((d >> 17) & 1) << 6);

    private static uint PageAttrs(uint d) => (((d >> 4) & 3) << 7) | (((d >> 9) & 1) << 9) | (((d >> 11) & 1) << 6);

    [Fact]
    public void Section_TranslatesToDescriptorBits31To20PlusOffset() =>
        Gen.Select(Gen.UInt, Gen.UInt).Sample((da, raw) =>
        {
            uint l1 = (raw & ~0x40003u) | 0x2;
            OmapMmu mmu = MmuRig.EnabledIsp(out PhysicalMemory m);
            MmuRig.SetL1(m, da, l1);
            Assert.Equal(
                new OmapMmuTranslation(OmapMmuOutcome.Walked, (l1 & 0xFFF00000) | (da & 0xFFFFF), 0x100000, SectionAttrs(l1), 0),
                mmu.Translate(da));
        }, iter: 1000);

    [Fact]
    public void Supersection_TranslatesToDescriptorBits31To24PlusOffset() =>
        Gen.Select(Gen.UInt, Gen.UInt).Sample((da, raw) =>
        {
            uint l1 = (raw & ~0x40003u) | 0x40002;
            OmapMmu mmu = MmuRig.EnabledIsp(out PhysicalMemory m);
            MmuRig.SetL1(m, da, l1);
            Assert.Equal(
                new OmapMmuTranslation(OmapMmuOutcome.Walked, (l1 & 0xFF000000) | (da & 0xFFFFFF), 0x1000000, SectionAttrs(l1), 0),
                mmu.Translate(da));
        }, iter: 1000);

    [Fact]
    public void LargePage_TranslatesToDescriptorBits31To16PlusOffset() =>
        Gen.Select(Gen.UInt, Gen.UInt).Sample((da, raw) =>
        {
            uint pte = (raw & ~3u) | 1;
            OmapMmu mmu = MmuRig.EnabledIsp(out PhysicalMemory m);
            MmuRig.SetPte(m, da, pte);
            Assert.Equal(
                new OmapMmuTranslation(OmapMmuOutcome.Walked, (pte & 0xFFFF0000) | (da & 0xFFFF), 0x10000, PageAttrs(pte), 0),
                mmu.Translate(da));
        }, iter: 1000);

    [Fact]
    public void SmallPage_TranslatesToDescriptorBits31To12PlusOffset() =>
        Gen.Select(Gen.UInt, Gen.UInt).Sample((da, raw) =>
        {
            uint pte = raw | 2;
            OmapMmu mmu = MmuRig.EnabledIsp(out PhysicalMemory m);
            MmuRig.SetPte(m, da, pte);
            Assert.Equal(
                new OmapMmuTranslation(OmapMmuOutcome.Walked, (pte & 0xFFFFF000) | (da & 0xFFF), 0x1000, PageAttrs(pte), 0),
                mmu.Translate(da));
        }, iter: 1000);
}
