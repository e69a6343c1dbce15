namespace Migration.Benchmarks.Tests;

/// <summary>What each measured path does, in exact TLB-flush counts and translations (msm.md §3.4, §5.5-§5.9).</summary>
public class PathTests
{
    [Theory]
    [InlineData(0x10000u, 32, 2, 2)]
    [InlineData(0x100000u, 512, 2, 2)]
    public void EraAMapLoop_FlushesPerPage_GenericPerPage(uint size, int legacy, int perPage, int batched)
    {
        var b = new EraAMapLoopBenchmarks { Size = size };
        b.Setup();
        var start = b.TlbInvalidations;
        Assert.Equal((int)(size / 0x1000), b.EraALoop4K());
        Assert.Equal(size, b.GenericMap());
        Assert.Equal(size, b.GenericMapBatched());
        var end = b.TlbInvalidations;
        Assert.Equal((legacy, perPage, batched), (end.Legacy - start.Legacy, end.PerPage - start.PerPage, end.Batched - start.Batched));
    }

    [Fact]
    public void ScatterList30_FlushCounts()
    {
        var b = new ScatterListMapBenchmarks { Entries = 30 };
        b.Setup();
        var s0 = b.TlbInvalidations;
        Assert.Equal(0, b.LegacyMapRange()); // iommu_unmap_range returns 0
        var s1 = b.TlbInvalidations;
        Assert.Equal(30, b.LegacyMapLoop());
        var s2 = b.TlbInvalidations;
        Assert.Equal(30, b.GenericMap());
        Assert.Equal(30, b.GenericMapBatched());
        var s3 = b.TlbInvalidations;
        Assert.Equal(30, b.GenericMapSg());
        var s4 = b.TlbInvalidations;
        Assert.Equal(2, s1.Legacy - s0.Legacy);       // one TLBIASID after map_range, one after unmap_range
        Assert.Equal(60, s2.Legacy - s1.Legacy);      // a TLBIALL per order-0 map and per unmap
        Assert.Equal(60, s3.PerPage - s2.PerPage);    // 3.3: a TLBIALL per iommu_map and per iommu_unmap
        Assert.Equal(31, s3.Batched - s2.Batched);    // map_pages per entry, then one gathered iotlb_sync
        Assert.Equal(60, s4.V7s - s3.V7s);            // v7s: sync_map's TLBIVA per 4K, then one per cleared slot
    }

    [Fact]
    public void ScatterList256_V7sFreesTheTableAndTranslatesWhileMapped()
    {
        var b = new ScatterListMapBenchmarks { Entries = 256 };
        b.Setup();
        var s0 = b.TlbInvalidations;
        Assert.Equal(256, b.GenericMapSg());
        Assert.Equal(512, b.TlbInvalidations.V7s - s0.V7s); // 256 from sync_map, 256 from the 1M unmap's walk flush
        Assert.True(((IBenchmarkState)b).NothingMapped);
        Assert.Equal(0u, b.V7sIovaToPhys(0x20000123));
    }

    [Theory]
    [InlineData(0x10000u)]
    [InlineData(0x100000u)]
    public void UnmapFlush_OmapPerPageVersusGathered(uint size)
    {
        int pages = (int)(size / 0x1000);
        var b = new UnmapFlushBenchmarks { Size = size };
        b.Setup();
        var s0 = b.TlbFlushes;
        Assert.Equal(size, b.UnmapPerPageFlush());
        Assert.Equal(size, b.UnmapGathered());
        var s1 = b.TlbFlushes;
        Assert.Equal(size, b.Map());
        Assert.Equal(size, b.MapPerPageFlush());
        var s2 = b.TlbFlushes;
        Assert.Equal(2 * pages, s1.PerPage - s0.PerPage); // a flush_iotlb_page per clear_entry and per store_entry
        Assert.Equal(2, s1.Batched - s0.Batched);         // one gathered iotlb_sync + one iotlb_sync_map
        Assert.Equal(1, s2.Batched - s1.Batched);
        Assert.Equal(pages, s2.PerPage - s1.PerPage);
        Assert.Equal(b.BatchedPa + 0x5123, b.BatchedIovaToPhys(0x30000000 + 0x5123)); // still mapped, 4K pages
        Assert.Equal(b.BatchedPa + size - 0x1000, b.BatchedIovaToPhys(0x30000000 + size - 0x1000));
    }

    [Theory]
    [InlineData(BufferLayout.Scattered4K, 256)]
    [InlineData(BufferLayout.Contiguous, 1)]
    public void OmapMap1M_LegacyFlushesPerPage_DmaMapSgOncePerCall(BufferLayout layout, int pages)
    {
        var b = new OmapMapBenchmarks { Size = 0x100000, Layout = layout };
        b.Setup();
        var s0 = b.TlbFlushes;
        b.LegacyIovmm();
        var s1 = b.TlbFlushes;
        Assert.Equal(2, b.DmaMapSg() > 0 ? b.TlbFlushes.Dma - s1.Dma : -1); // one iotlb_sync_map, one gathered iotlb_sync
        Assert.Equal(2 * pages, s1.Legacy - s0.Legacy); // flush_iotlb_page per store and per clear
    }

    [Fact]
    public void BareStore_WritesSizeOver4KDescriptors()
    {
        var b = new BareStoreBenchmarks { Size = 0x10000 };
        b.Setup();
        Assert.Equal(16u, b.BareStore());
        Assert.Equal(0x00000C32u, b.Word(0));
        Assert.Equal(0x0000FC32u, b.Word(15));
        Assert.Equal(0u, b.Word(16));
    }

    [Theory]
    [InlineData(0x10000u, 16u)]
    [InlineData(0x4000000u, 16384u)]
    public void RawStore_WritesTheWordsBareStoreWrites(uint size, uint words)
    {
        var raw = new RawStoreBenchmarks { Size = size };
        raw.Setup();
        var bare = new BareStoreBenchmarks { Size = size };
        bare.Setup();
        Assert.Equal(words, raw.RawStore());
        Assert.Equal(words, bare.BareStore());
        foreach (uint i in new[] { 0u, 1u, 1023u, 1024u, words - 1 }.Where(i => i < words))
            Assert.Equal(bare.Word(i), raw.Word(i));
        Assert.Equal(0x00000C32u, raw.Word(0));
        Assert.Equal(((words - 1) << 12) | 0xC32u, raw.Word(words - 1));
        Assert.Equal(0u, raw.Word(words)); // nothing past the last word (the area is at least one page)
    }

    [Fact]
    public void Translate_HitsAndMissesAreWhatTheyClaim()
    {
        var b = new TranslateBenchmarks();
        b.Setup();
        // The methods throw when an access faults or a "miss" does not walk; iova_to_phys is checked against the pa.
        b.OmapAccessTlbMiss();
        b.MsmAccessTlbMiss();
        Assert.Equal(b.OmapAccessTlbHit(), b.OmapAccessTlbHit());
        Assert.Equal(b.MsmAccessTlbHit(), b.MsmAccessTlbHit());
        Assert.Equal(b.GenericIovaToPhysMsm() - 0x123, b.GenericIovaToPhysMsm() & ~0xFFFu);
        Assert.Equal(0x123u, b.LegacyIovaToPhys() & 0xFFF);
        Assert.Equal(0x123u, b.GenericIovaToPhysOmap() & 0xFFF);
    }
}
