using Migration.Hardware.Memory;

namespace Migration.Hardware.Msm.Tests;

/// <summary>
/// Attribute decode of the descriptors the drivers write (msm.md §3.2-§3.3): AP2, nG, S and the
/// {TEX0, C, B} memory-type index, level by level.
/// </summary>
public class MsmAttributeDecodeTests
{
    private const uint Va = 0x40123456;

    private static MsmWalkResult WalkFl(uint fl)
    {
        var m = new PhysicalMemory();
        MsmRig.SetFl(m, Va, fl);
        Assert.True(MsmTableWalker.Walk(m, MsmRig.Fl, Va, out MsmWalkResult r));
        return r;
    }

    private static MsmWalkResult WalkSl(uint pte)
    {
        var m = new PhysicalMemory();
        MsmRig.SetPte(m, Va, pte);
        Assert.True(MsmTableWalker.Walk(m, MsmRig.Fl, Va, out MsmWalkResult r));
        return r;
    }

    [Theory]
    // low bits of §3.3: (readOnly, notGlobal, shareable, index)
    [InlineData(0x00000432u, false, false, true, 0u)]  // 2.6.35 4K: S, no nG, no B/C/TEX
    [InlineData(0x00000C36u, false, true, true, 1u)]   // RW uncached (class 1 = B)
    [InlineData(0x00000E36u, true, true, true, 1u)]    // CAF RO uncached: AP2 (bit 9)
    [InlineData(0x00000C7Eu, false, true, true, 7u)]   // WB_WA class 7: TEX0 bit 6 | C | B
    [InlineData(0x00000C3Eu, false, true, true, 3u)]   // WB_NWA class 3
    [InlineData(0x00000C3Au, false, true, true, 2u)]   // WT class 2
    public void SmallPage_DecodesItsAttributesAndAddress(uint low, bool readOnly, bool notGlobal, bool shareable, uint index)
    {
        MsmWalkResult r = WalkSl(0x8A345000 | low);
        Assert.Equal((readOnly, notGlobal, shareable, index), (r.ReadOnly, r.NotGlobal, r.Shareable, r.MemoryTypeIndex));
        Assert.Equal(0x8A345456u, r.Pa);
    }

    [Theory]
    [InlineData(0x00000431u, false, false, true, 0u)]  // 2.6.35 64K: S only
    [InlineData(0x00000C35u, false, true, true, 1u)]   // RW uncached
    [InlineData(0x00000E35u, true, true, true, 1u)]    // RO uncached
    // The driver's SL_TEX0 (bit 6) in a large page is not TEX for the ARMv7 large-page format (TEX at
    // 14:12, msm.md §3.3 note): the hardware sees class 3 where the driver meant 7.
    [InlineData(0x00000C7Du, false, true, true, 3u)]
    [InlineData(0x00001C3Du, false, true, true, 7u)]   // TEX0 where the hardware reads it (bit 12)
    public void LargePage_DecodesItsAttributesAndAddress(uint low, bool readOnly, bool notGlobal, bool shareable, uint index)
    {
        MsmWalkResult r = WalkSl(0x8A340000 | low);
        Assert.Equal((readOnly, notGlobal, shareable, index), (r.ReadOnly, r.NotGlobal, r.Shareable, r.MemoryTypeIndex));
        Assert.Equal(0x8A343456u, r.Pa);
    }

    [Theory]
    [InlineData(0x00010C02u, false, false, true, 0u)]  // 2.6.35 1M: S only
    [InlineData(0x00030C06u, false, true, true, 1u)]   // RW uncached
    [InlineData(0x00038C06u, true, true, true, 1u)]    // RO: AP2 bit 15
    [InlineData(0x00031C0Eu, false, true, true, 7u)]   // TEX0 bit 12 | C | B
    [InlineData(0x00030C0Au, false, true, true, 2u)]   // WT
    public void Section_DecodesItsAttributesAndAddress(uint low, bool readOnly, bool notGlobal, bool shareable, uint index)
    {
        MsmWalkResult r = WalkFl(0x9A400000 | low);
        Assert.Equal((readOnly, notGlobal, shareable, index), (r.ReadOnly, r.NotGlobal, r.Shareable, r.MemoryTypeIndex));
        Assert.Equal(0x9A423456u, r.Pa);
        Assert.Equal(0x100000u, r.PageSize);
    }

    [Theory]
    [InlineData(0x00050C02u, false, false, true, 0u)]  // 2.6.35 16M
    [InlineData(0x00070C06u, false, true, true, 1u)]
    [InlineData(0x00078C06u, true, true, true, 1u)]
    [InlineData(0x00071C0Eu, false, true, true, 7u)]
    public void Supersection_DecodesItsAttributesAndAddress(uint low, bool readOnly, bool notGlobal, bool shareable, uint index)
    {
        MsmWalkResult r = WalkFl(0x9A000000 | low);
        Assert.Equal((readOnly, notGlobal, shareable, index), (r.ReadOnly, r.NotGlobal, r.Shareable, r.MemoryTypeIndex));
        Assert.Equal(0x9A123456u, r.Pa);
        Assert.Equal(0x1000000u, r.PageSize);
    }

    [Fact]
    public void DescriptorConstants_MatchTheDriversTable()
    {
        Assert.Equal(new uint[] { 1, 2, 4, 8, 0x400, 0x800, 0x1000, 0x8000, 0x10000, 0x20000, 0x40000, 0xFFFFFC00 },
            new[] { MsmDescriptor.FL_TYPE_TABLE, MsmDescriptor.FL_TYPE_SECT, MsmDescriptor.FL_BUFFERABLE, MsmDescriptor.FL_CACHEABLE,
                MsmDescriptor.FL_AP0, MsmDescriptor.FL_AP1, MsmDescriptor.FL_TEX0, MsmDescriptor.FL_AP2, MsmDescriptor.FL_SHARED,
                MsmDescriptor.FL_NG, MsmDescriptor.FL_SUPERSECTION, MsmDescriptor.FL_BASE_MASK });
        Assert.Equal(new uint[] { 1, 2, 4, 8, 0x10, 0x20, 0x40, 0x200, 0x400, 0x800, 0xFFFF0000, 0xFFFFF000 },
            new[] { MsmDescriptor.SL_TYPE_LARGE, MsmDescriptor.SL_TYPE_SMALL, MsmDescriptor.SL_BUFFERABLE, MsmDescriptor.SL_CACHEABLE,
                MsmDescriptor.SL_AP0, MsmDescriptor.SL_AP1, MsmDescriptor.SL_TEX0, MsmDescriptor.SL_AP2, MsmDescriptor.SL_SHARED,
                MsmDescriptor.SL_NG, MsmDescriptor.SL_BASE_MASK_LARGE, MsmDescriptor.SL_BASE_MASK_SMALL });
        Assert.Equal((4096, 256), (MsmDescriptor.NumFlPte, MsmDescriptor.NumSlPte));
        Assert.Equal((0x123u, 0x45u), (MsmDescriptor.FlOffset(0x12345678), MsmDescriptor.SlOffset(0x12345678)));
    }
}
