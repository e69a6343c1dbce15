using CsCheck;
using Migration.Hardware.Memory;

namespace Migration.Hardware.Msm.Tests;

/// <summary>The hardware walker of msm.md §2.6: every descriptor kind, exact PAs, fault levels.</summary>
public class MsmTableWalkerTests
{
    private const uint Fl = MsmRig.Fl;
    private const uint Sl = MsmRig.Sl;

    private static MsmWalkResult WalkOk(PhysicalMemory m, uint va)
    {
        Assert.True(MsmTableWalker.Walk(m, Fl, va, out MsmWalkResult r));
        return r;
    }

    private static MsmWalkResult WalkFault(PhysicalMemory m, uint va)
    {
        Assert.False(MsmTableWalker.Walk(m, Fl, va, out MsmWalkResult r));
        return r;
    }

    [Theory]
    [InlineData(0x80004000u, 0x00000000u, 0x80004000u)]
    [InlineData(0x80004000u, 0x12345678u, 0x8000448Cu)]
    [InlineData(0x80004000u, 0xFFFFFFFFu, 0x80007FFCu)]
    public void FlEntryAddress_IsBasePlusFourTimesVaShifted20(uint table, uint va, uint expected) =>
        Assert.Equal(expected, MsmTableWalker.FlEntryAddress(table, va));

    [Theory]
    [InlineData(0x80010401u, 0x12345678u, 0x80010514u)]
    [InlineData(0x800107FDu, 0x000FF000u, 0x800107FCu)]
    [InlineData(0x80010401u, 0x00000FFFu, 0x80010400u)]
    public void SlEntryAddress_UsesEntryBits31To10AndVaBits19To12(uint fl, uint va, uint expected) =>
        Assert.Equal(expected, MsmTableWalker.SlEntryAddress(fl, va));

    [Fact]
    public void Walk_NullMemory_Throws() =>
        Assert.Throws<ArgumentNullException>(() => MsmTableWalker.Walk(null!, Fl, 0, out _));

    [Fact]
    public void Section_PaIsEntryBits31To20PlusVaBits19To0()
    {
        var m = new PhysicalMemory();
        MsmRig.SetFl(m, 0x12345678, 0x9AB30C02);
        Assert.Equal(new MsmWalkResult(0x9AB45678, 0x100000, 0x9AB30C02, 1, false, true, 0, true, 0), WalkOk(m, 0x12345678));
    }

    [Fact]
    public void Supersection_PaIsEntryBits31To24PlusVaBits23To0()
    {
        var m = new PhysicalMemory();
        MsmRig.SetFl(m, 0x12345678, 0x9AF70C02); // bits 23:20 (extended base) ignored
        MsmWalkResult r = WalkOk(m, 0x12345678);
        Assert.Equal(new MsmWalkResult(0x9A345678, 0x1000000, 0x9AF70C02, 1, false, true, 0, true, 0), r);
        Assert.True(r.IsSupersection);
    }

    [Fact]
    public void LargePage_PaIsEntryBits31To16PlusVaBits15To0()
    {
        var m = new PhysicalMemory();
        MsmRig.SetPte(m, 0x12345678, 0x8765FC31); // bits 15:12 are TEX/XN, not PA
        Assert.Equal(new MsmWalkResult(0x87655678, 0x10000, 0x8765FC31, 2, false, true, 4, true, 0), WalkOk(m, 0x12345678));
    }

    [Theory]
    [InlineData(0x87654C32u)]
    [InlineData(0x87654C33u)] // 1x: bit 0 (XN) does not change the kind
    public void SmallPage_PaIsEntryBits31To12PlusVaBits11To0(uint pte)
    {
        var m = new PhysicalMemory();
        MsmRig.SetPte(m, 0x12345678, pte);
        Assert.Equal(new MsmWalkResult(0x87654678, 0x1000, pte, 2, false, true, 0, true, 0), WalkOk(m, 0x12345678));
    }

    [Theory]
    [InlineData(0x00000000u)]
    [InlineData(0x9AB00000u)] // type 00 with other bits set
    [InlineData(0x9AB00003u)] // type 11 reserved
    [InlineData(0xFFFFFFFFu)]
    public void FirstLevelTypes00And11_AreLevel1Faults(uint fl)
    {
        var m = new PhysicalMemory();
        MsmRig.SetFl(m, 0x12345678, fl);
        Assert.Equal(new MsmWalkResult(0, 0, fl, 0, false, false, 0, false, 1), WalkFault(m, 0x12345678));
    }

    [Theory]
    [InlineData(0x00000000u)]
    [InlineData(0x87654C30u)]
    public void SecondLevelType00_IsLevel2Fault(uint pte)
    {
        var m = new PhysicalMemory();
        MsmRig.SetPte(m, 0x12345678, pte);
        MsmWalkResult r = WalkFault(m, 0x12345678);
        Assert.Equal(new MsmWalkResult(0, 0, pte, 0, false, false, 0, false, 2), r);
        Assert.False(r.Succeeded);
    }

    [Fact]
    public void TablePointer_UsesBits31To10Only()
    {
        var m = new PhysicalMemory();
        MsmRig.SetFl(m, 0x12345678, Sl | 0x3FD); // low bits 9:2 set: ignored for the SL address
        m.WriteWord(Sl + (0x45 << 2), 0x11111002);
        Assert.Equal(0x11111678u, WalkOk(m, 0x12345678).Pa);
    }

    [Fact]
    public void NeighbouringSlots_AreNotConsulted()
    {
        var m = new PhysicalMemory();
        MsmRig.SetFl(m, 0x12345678, 0x9AB00002);
        MsmRig.SetFl(m, 0x12445678, 0);
        Assert.False(MsmTableWalker.Walk(m, Fl, 0x12400000, out _));
        Assert.False(MsmTableWalker.Walk(m, Fl, 0x122FFFFF, out _));
        Assert.True(MsmTableWalker.Walk(m, Fl, 0x123FFFFF, out _));
    }

    [Fact]
    public void WalkToPhys_ReturnsPaOrZeroOnFault()
    {
        var m = new PhysicalMemory();
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        MsmRig.SetFl(m, 0x40000000, 0x9A430C06);
        Assert.Equal(0x8A345ABCu, MsmTableWalker.WalkToPhys(m, Fl, 0x00401ABC));
        Assert.Equal(0x9A4FFFFFu, MsmTableWalker.WalkToPhys(m, Fl, 0x400FFFFF));
        Assert.Equal(0u, MsmTableWalker.WalkToPhys(m, Fl, 0x00402000)); // SL 00
        Assert.Equal(0u, MsmTableWalker.WalkToPhys(m, Fl, 0x50000000)); // FL 00
    }

    [Fact]
    public void WalkToPhys_ReadsTheBackgroundAsDescriptors()
    {
        // 0xA5A5A5A5 is type 01 (table at 0xA5A5A400) whose SL words are 0xA5A5A5A5 as well: a large page.
        var m = new PhysicalMemory(0xA5A5A5A5);
        Assert.Equal(0xA5A51234u, MsmTableWalker.WalkToPhys(m, Fl, 0x00001234));
    }

    [Fact]
    public void Section_Property() =>
        Gen.Select(Gen.UInt, Gen.UInt).Sample((va, raw) =>
        {
            uint fl = (raw & ~0x40003u) | 0x2;
            var m = new PhysicalMemory();
            MsmRig.SetFl(m, va, fl);
            MsmWalkResult r = WalkOk(m, va);
            Assert.Equal((fl & 0xFFF00000) | (va & 0xFFFFF), r.Pa);
            Assert.Equal(0x100000u, r.PageSize);
            Assert.Equal(fl, r.Descriptor);
            Assert.Equal(1, r.Level);
            Assert.Equal((fl & 0x8000) != 0, r.ReadOnly);
            Assert.Equal((fl & 0x20000) != 0, r.NotGlobal);
            Assert.Equal((fl & 0x10000) != 0, r.Shareable);
            Assert.Equal(((fl >> 10) & 4) | ((fl >> 2) & 3), r.MemoryTypeIndex);
        }, iter: 1000);

    [Fact]
    public void Supersection_Property() =>
        Gen.Select(Gen.UInt, Gen.UInt).Sample((va, raw) =>
        {
            uint fl = (raw & ~0x3u) | 0x40002;
            var m = new PhysicalMemory();
            MsmRig.SetFl(m, va, fl);
            MsmWalkResult r = WalkOk(m, va);
            Assert.Equal((fl & 0xFF000000) | (va & 0xFFFFFF), r.Pa);
            Assert.Equal(0x1000000u, r.PageSize);
            Assert.Equal(1, r.Level);
        }, iter: 1000);

    [Fact]
    public void LargePage_Property() =>
        Gen.Select(Gen.UInt, Gen.UInt).Sample((va, raw) =>
        {
            uint pte = (raw & ~3u) | 1;
            var m = new PhysicalMemory();
            MsmRig.SetPte(m, va, pte);
            MsmWalkResult r = WalkOk(m, va);
            Assert.Equal((pte & 0xFFFF0000) | (va & 0xFFFF), r.Pa);
            Assert.Equal(0x10000u, r.PageSize);
            Assert.Equal(2, r.Level);
            Assert.Equal(((pte >> 10) & 4) | ((pte >> 2) & 3), r.MemoryTypeIndex);
        }, iter: 1000);

    [Fact]
    public void SmallPage_Property() =>
        Gen.Select(Gen.UInt, Gen.UInt).Sample((va, raw) =>
        {
            uint pte = raw | 2;
            var m = new PhysicalMemory();
            MsmRig.SetPte(m, va, pte);
            MsmWalkResult r = WalkOk(m, va);
            Assert.Equal((pte & 0xFFFFF000) | (va & 0xFFF), r.Pa);
            Assert.Equal(0x1000u, r.PageSize);
            Assert.Equal(pte, r.Descriptor);
            Assert.Equal(2, r.Level);
            Assert.Equal((pte & 0x200) != 0, r.ReadOnly);
            Assert.Equal((pte & 0x800) != 0, r.NotGlobal);
            Assert.Equal((pte & 0x400) != 0, r.Shareable);
            Assert.Equal(((pte >> 4) & 4) | ((pte >> 2) & 3), r.MemoryTypeIndex);
        }, iter: 1000);

    [Fact]
    public void WalkToPhys_Property_SmallPagesAndSections() =>
        Gen.Select(Gen.UInt, Gen.UInt, Gen.Bool).Sample((va, raw, section) =>
        {
            var m = new PhysicalMemory();
            uint expected;
            if (section)
            {
                uint fl = (raw & ~0x40003u) | 0x2;
                MsmRig.SetFl(m, va, fl);
                expected = (fl & 0xFFF00000) | (va & 0xFFFFF);
            }
            else
            {
                uint pte = raw | 2;
                MsmRig.SetPte(m, va, pte);
                expected = (pte & 0xFFFFF000) | (va & 0xFFF);
            }
            Assert.Equal(expected, MsmTableWalker.WalkToPhys(m, Fl, va));
        }, iter: 1000);
}
