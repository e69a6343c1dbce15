using Migration.Kernel;

namespace Legacy.Msm.Tests;

/// <summary>
/// CAF msm-3.0 map_range / unmap_range through iommu_map_range / iommu_unmap_range (msm.md §3.3 CAF,
/// §5.9, §9.19; generic.md §8.1, §9.14): 4K small pages only, CAF generic prot, no rollback.
/// </summary>
public class MapRangeTests
{
    private const int READ = 1, WRITE = 2, CACHE = 4;

    private static Scatterlist[] ThreeSegments() =>
    [
        LegacyMsmRig.Seg(0x8A000000, 0x2000),
        LegacyMsmRig.Seg(0x8B004000, 0x1000),
        LegacyMsmRig.Seg(0x8C010000, 0x3000),
    ];

    private static readonly uint[] ThreeSegmentPages = [0x8A000000, 0x8A001000, 0x8B004000, 0x8C010000, 0x8C011000, 0x8C012000];

    [Theory]
    [InlineData(READ | WRITE, 0xC36u)]
    [InlineData(READ, 0xE36u)]
    [InlineData(0, 0xC36u)]            // neither → READ|WRITE
    [InlineData(WRITE, 0xC36u)]        // WRITE alone gains READ
    [InlineData(READ | WRITE | CACHE, 0xC7Eu)]
    [InlineData(READ | CACHE, 0xE7Eu)]
    public void Maps_4K_pages_over_every_segment_with_caf_attributes(int prot, uint low)
    {
        var rig = new LegacyMsmRig();
        const uint iova = 0x40020000;
        Assert.Equal(0, rig.Core.IommuMapRange(rig.D, iova, ThreeSegments(), 0x6000, prot));
        uint sl = rig.SlTable(iova);
        for (uint i = 0; i < 256; i++)
        {
            uint expected = i is >= 0x20 and < 0x26 ? ThreeSegmentPages[i - 0x20] | low : 0;
            Assert.Equal(expected, rig.Word(sl + 4 * i));
        }
    }

    [Fact]
    public void Uses_the_dma_address_when_set_and_the_page_offset_otherwise()
    {
        var rig = new LegacyMsmRig();
        Scatterlist a = LegacyMsmRig.Seg(0x8A000000, 0x1000, offset: 0x2000);
        Scatterlist b = LegacyMsmRig.Seg(0x8B000000, 0x1000);
        b.DmaAddress = 0x9C005000;
        Assert.Equal(0, rig.Core.IommuMapRange(rig.D, 0x40000000, [a, b], 0x2000, READ | WRITE));
        Assert.Equal(0x8A002C36u, rig.SlEntry(0x40000000));
        Assert.Equal(0x9C005C36u, rig.SlEntry(0x40001000));
    }

    [Fact]
    public void A_segment_at_physical_zero_fails_with_einval_and_keeps_earlier_pages()
    {
        var rig = new LegacyMsmRig();
        int flushes = rig.Ops.TlbInvalidations;
        Scatterlist[] sg = [LegacyMsmRig.Seg(0x8A000000, 0x2000), LegacyMsmRig.Seg(0, 0x1000), LegacyMsmRig.Seg(0x8C000000, 0x1000)];
        Assert.Equal(LegacyMsmRig.EINVAL, rig.Core.IommuMapRange(rig.D, 0x40020000, sg, 0x4000, READ | WRITE));
        uint sl = rig.SlTable(0x40020000);
        Assert.Equal(0x8A000C36u, rig.Word(sl + 4 * 0x20)); // no rollback (msm.md §9.19)
        Assert.Equal(0x8A001C36u, rig.Word(sl + 4 * 0x21));
        Assert.Equal(0u, rig.Word(sl + 4 * 0x22));
        Assert.Equal(0u, rig.Word(sl + 4 * 0x23));
        Assert.Equal(flushes, rig.Ops.TlbInvalidations);
    }

    [Fact]
    public void A_first_segment_at_physical_zero_maps_nothing()
    {
        var rig = new LegacyMsmRig();
        int pages = rig.Soc.Pages.AllocatedPages;
        Assert.Equal(LegacyMsmRig.EINVAL, rig.Core.IommuMapRange(rig.D, 0x40020000, [LegacyMsmRig.Seg(0, 0x2000)], 0x2000, READ));
        Assert.Equal(0u, rig.FlEntry(0x40020000));
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
    }

    [Theory]
    [InlineData(0x800u)]
    [InlineData(0x1001u)]
    [InlineData(0x5FFFu)]
    public void A_length_that_is_not_a_4K_multiple_is_a_bug(uint len)
    {
        var rig = new LegacyMsmRig();
        Assert.Throws<KernelBugException>(() => rig.Core.IommuMapRange(rig.D, 0x40020000, ThreeSegments(), len, READ));
        Assert.Throws<KernelBugException>(() => rig.Core.IommuUnmapRange(rig.D, 0x40020000, len));
        Assert.Equal(0u, rig.FlEntry(0x40020000));
    }

    [Theory]
    [InlineData(0x40020800u)]
    [InlineData(0x40020004u)]
    [InlineData(0x40020001u)]
    public void An_iova_that_is_not_4K_aligned_is_a_core_bug(uint iova)
    {
        var rig = new LegacyMsmRig();
        int flushes = rig.Ops.TlbInvalidations;
        Assert.Throws<KernelBugException>(() => rig.Core.IommuMapRange(rig.D, iova, ThreeSegments(), 0x6000, READ));
        Assert.Throws<KernelBugException>(() => rig.Core.IommuUnmapRange(rig.D, iova, 0x1000));
        Assert.Equal(0u, rig.FlEntry(iova));
        Assert.Equal(flushes, rig.Ops.TlbInvalidations);
    }

    [Fact]
    public void Crossing_a_1M_boundary_allocates_a_second_table()
    {
        var rig = new LegacyMsmRig();
        int pages = rig.Soc.Pages.AllocatedPages;
        Assert.Equal(0, rig.Core.IommuMapRange(rig.D, 0x400FE000, [LegacyMsmRig.Seg(0x8A000000, 0x4000)], 0x4000, READ | WRITE));
        Assert.Equal(pages + 2, rig.Soc.Pages.AllocatedPages);
        uint sl1 = rig.SlTable(0x400FE000), sl2 = rig.SlTable(0x40100000);
        Assert.NotEqual(sl1, sl2);
        Assert.Equal(0x8A000C36u, rig.Word(sl1 + 4 * 0xFE));
        Assert.Equal(0x8A001C36u, rig.Word(sl1 + 4 * 0xFF));
        Assert.Equal(0x8A002C36u, rig.Word(sl2 + 4 * 0x00));
        Assert.Equal(0x8A003C36u, rig.Word(sl2 + 4 * 0x01));
        Assert.Equal(0u, rig.Word(sl2 + 4 * 0x02));
        Assert.Equal(0u, rig.FlEntry(0x40200000));
    }

    [Fact]
    public void Reuses_an_existing_table_and_overwrites_without_checking()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40021000, 0x8F000000, 0, 1));
        uint sl = rig.SlTable(0x40021000);
        int pages = rig.Soc.Pages.AllocatedPages;
        Assert.Equal(0, rig.Core.IommuMapRange(rig.D, 0x40020000, ThreeSegments(), 0x6000, READ));
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
        Assert.Equal(sl, rig.SlTable(0x40020000));
        Assert.Equal(0x8A001E36u, rig.Word(sl + 4 * 0x21)); // CAF 3.0 map_range does not check (msm.md §5.9)
    }

    [Fact]
    public void Enomem_for_a_table_keeps_the_pages_of_the_first_table()
    {
        var rig = new LegacyMsmRig();
        rig.Pt.SecondLevelFaults.FailAt(2);
        Assert.Equal(LegacyMsmRig.ENOMEM,
            rig.Core.IommuMapRange(rig.D, 0x400FE000, [LegacyMsmRig.Seg(0x8A000000, 0x4000)], 0x4000, READ | WRITE));
        Assert.Equal(0x8A001C36u, rig.SlEntry(0x400FF000));
        Assert.Equal(0u, rig.FlEntry(0x40100000));
    }

    [Fact]
    public void Flushes_once_per_attached_context_with_tlbiasid()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, rig.GetCtx("gfx3d_priv")));
        // Warm the vfe TLB with a page, then remap it behind the range call.
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40020000, 0x8F000000, 0, 0));
        Assert.Equal(0x8F000000u, rig.Hw.Translate(rig.Num, 0x40020000, false).Pa);
        int n = rig.Ops.TlbInvalidations;
        Assert.Equal(0, rig.Core.IommuMapRange(rig.D, 0x40020000, ThreeSegments(), 0x6000, READ | WRITE));
        Assert.Equal(n + 2, rig.Ops.TlbInvalidations);
        // The TLBIASID with the context's ASID dropped the stale entry.
        Assert.Equal(0x8A000000u, rig.Hw.Translate(rig.Num, 0x40020000, false).Pa);
        Assert.Equal(0, rig.Core.IommuUnmapRange(rig.D, 0x40020000, 0x6000));
        Assert.Equal(n + 4, rig.Ops.TlbInvalidations);
    }

    [Fact]
    public void Unmap_range_clears_the_range_and_frees_emptied_tables()
    {
        var rig = new LegacyMsmRig();
        int pages = rig.Soc.Pages.AllocatedPages;
        Assert.Equal(0, rig.Core.IommuMapRange(rig.D, 0x400FE000, [LegacyMsmRig.Seg(0x8A000000, 0x4000)], 0x4000, READ | WRITE));
        uint sl1 = rig.SlTable(0x400FE000), sl2 = rig.SlTable(0x40100000);
        Assert.Equal(0, rig.Core.IommuUnmapRange(rig.D, 0x400FE000, 0x4000));
        Assert.Equal(0u, rig.FlEntry(0x400FE000));
        Assert.Equal(0u, rig.FlEntry(0x40100000));
        Assert.False(rig.Soc.Pages.IsAllocated(sl1));
        Assert.False(rig.Soc.Pages.IsAllocated(sl2));
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
    }

    [Fact]
    public void Unmap_range_of_part_of_a_table_keeps_the_rest()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMapRange(rig.D, 0x40020000, ThreeSegments(), 0x6000, READ | WRITE));
        uint sl = rig.SlTable(0x40020000);
        Assert.Equal(0, rig.Core.IommuUnmapRange(rig.D, 0x40021000, 0x3000));
        Assert.Equal(sl | 1, rig.FlEntry(0x40020000));
        Assert.Equal(0x8A000C36u, rig.Word(sl + 4 * 0x20));
        Assert.Equal(0u, rig.Word(sl + 4 * 0x21));
        Assert.Equal(0u, rig.Word(sl + 4 * 0x22));
        Assert.Equal(0u, rig.Word(sl + 4 * 0x23));
        Assert.Equal(0x8C011C36u, rig.Word(sl + 4 * 0x24));
        Assert.Equal(0x8C012C36u, rig.Word(sl + 4 * 0x25));
        Assert.True(rig.Soc.Pages.IsAllocated(sl));
        // The translation agrees.
        Assert.Equal(0u, rig.Core.IommuIovaToPhys(rig.D, 0x40022000));
        Assert.Equal(0x8C011008u, rig.Core.IommuIovaToPhys(rig.D, 0x40024008));
    }

    [Fact]
    public void Unmap_range_of_a_whole_table_frees_it()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMapRange(rig.D, 0x40000000, [LegacyMsmRig.Seg(0x8A000000, 0x100000)], 0x100000, READ));
        uint sl = rig.SlTable(0x40000000);
        Assert.Equal(0x8A0FFE36u, rig.Word(sl + 4 * 0xFF));
        Assert.Equal(0u, rig.FlEntry(0x40100000)); // exactly one table
        Assert.Equal(0, rig.Core.IommuUnmapRange(rig.D, 0x40000000, 0x100000));
        Assert.Equal(0u, rig.FlEntry(0x40000000));
        Assert.False(rig.Soc.Pages.IsAllocated(sl));
    }
}
