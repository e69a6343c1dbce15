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
    public void MapRange_Maps4KPagesOverEverySegmentWithCafAttributes(int prot, uint low)
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
    public void MapRange_UsesTheDmaAddressWhenSetAndThePageOffsetOtherwise()
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
    public void ASegmentAtPhysicalZero_FailsWithEinvalAndKeepsEarlierPages()
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
    public void AFirstSegmentAtPhysicalZero_MapsNothing()
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
    public void ALengthThatIsNotA4KMultiple_IsABug(uint len)
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
    public void AnIovaThatIsNot4KAligned_IsACoreBug(uint iova)
    {
        var rig = new LegacyMsmRig();
        int flushes = rig.Ops.TlbInvalidations;
        Assert.Throws<KernelBugException>(() => rig.Core.IommuMapRange(rig.D, iova, ThreeSegments(), 0x6000, READ));
        Assert.Throws<KernelBugException>(() => rig.Core.IommuUnmapRange(rig.D, iova, 0x1000));
        Assert.Equal(0u, rig.FlEntry(iova));
        Assert.Equal(flushes, rig.Ops.TlbInvalidations);
    }

    [Fact]
    public void CrossingA1MBoundary_AllocatesASecondTable()
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
    public void MapRange_ReusesAnExistingTableAndOverwritesWithoutChecking()
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
    public void EnomemForATable_KeepsThePagesOfTheFirstTable()
    {
        var rig = new LegacyMsmRig();
        rig.Pt.SecondLevelFaults.FailAt(2);
        Assert.Equal(LegacyMsmRig.ENOMEM,
            rig.Core.IommuMapRange(rig.D, 0x400FE000, [LegacyMsmRig.Seg(0x8A000000, 0x4000)], 0x4000, READ | WRITE));
        Assert.Equal(0x8A001C36u, rig.SlEntry(0x400FF000));
        Assert.Equal(0u, rig.FlEntry(0x40100000));
    }

    [Fact]
    public void MapRange_FlushesOncePerAttachedContextWithTlbiasid()
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
    public void UnmapRange_ClearsTheRangeAndFreesEmptiedTables()
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
    public void UnmapRangeOfPartOfATable_KeepsTheRest()
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
    public void UnmapRangeOfAWholeTable_FreesIt()
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
