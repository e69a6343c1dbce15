using BenchmarkDotNet.Attributes;
using Generic.Iommu;

namespace Migration.Benchmarks;

/// <summary>
/// Unmap of an OMAP ISP range of <see cref="Size"/> bytes mapped with 4 KiB pages at a 1 MiB-aligned device address: the
/// 3.3 driver (omap_iommu_unmap per page, each iopgtable_clear_entry with its flush_iotlb_page CAM scan, omap.md §4.5,
/// baseline) vs the batched ops (unmap_pages of the range and one gathered flush_iotlb_all in iotlb_sync), plus the
/// batched map of the same range (map_pages: one run of PTEs, one flush in iotlb_sync_map) and its 3.3 counterpart.
/// </summary>
/// <remarks>
/// GlobalSetup maps the range in both worlds and it stays mapped. Each unmap method unmaps the range and maps it back so
/// every invocation finds the state it left; each map method maps over the mapped range, which the OMAP writers
/// overwrite entry for entry with the same values (omap.md §3.5: no overwrite check), so it too is steady state. The
/// unmap cost is therefore read as the unmap method minus the map method of the same ops: "unmap costs at most 2× map"
/// reads UnmapGathered − Map ≤ 2 × Map (and UnmapPerPageFlush − MapPerPageFlush for 3.3). The physical address is 4 KiB
/// off a 64 KiB boundary, so pgsize_bitmap can only pick 4 KiB pages for the map: Size / 4 KiB PTEs in one L2 table, as
/// many words as RawStoreBenchmarks and BareStoreBenchmarks store. The device address is 1 MiB-aligned on purpose:
/// iommu_unmap picks its page sizes from the IOVA alone, so at Size = 1 MiB the core asks the driver for one 1M page;
/// the batched driver does what the OMAP driver really does there (clear whatever is mapped, here the 256 PTEs, and free
/// the emptied table, §4.5, §8.23) and reports 1 MiB, as 3.3's page-by-page loop does.
/// </remarks>
[MemoryDiagnoser]
public class UnmapFlushBenchmarks : IBenchmarkState
{
    private const uint Iova = 0x30000000;
    private const int Prot = 0;
    private const uint Page = 0x1000;

    private GenericOmapWorld _perPage = null!;
    private GenericOmapWorld _batched = null!;
    private uint _perPagePa;
    private uint _batchedPa;

    /// <summary>Range size in bytes.</summary>
    [Params(BenchSizes.K64, BenchSizes.M1)]
    public uint Size { get; set; }

    /// <summary>Boots the 3.3 and the batched world and maps the range in each.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _perPage = new GenericOmapWorld(dmaOps: false);
        _batched = new GenericOmapWorld(dmaOps: false, batched: true);
        _perPage.PrimeL2Cache(1);
        _batched.PrimeL2Cache(1);
        _perPagePa = PhysicalBuffers.Contiguous(_perPage.Soc, 2 * Size) + Page;
        _batchedPa = PhysicalBuffers.Contiguous(_batched.Soc, 2 * Size) + Page;
        MapPerPageFlush();
        Map();
    }

    /// <summary>3.3 ops: IommuApi.Unmap of the range (omap_iommu_unmap per 4 KiB page, a flush_iotlb_page scan each), then the range mapped back.</summary>
    [Benchmark(Baseline = true)]
    public uint UnmapPerPageFlush()
    {
        uint unmapped = IommuApi.Unmap(_perPage.Domain, Iova, Size);
        if (unmapped != Size)
            throw new InvalidOperationException($"iommu_unmap returned 0x{unmapped:x}");
        return MapPerPageFlush();
    }

    /// <summary>Batched ops: one IommuApi.Unmap of the range (unmap_pages, one gathered flush_iotlb_all in iotlb_sync), then the range mapped back.</summary>
    [Benchmark]
    public uint UnmapGathered()
    {
        uint unmapped = IommuApi.Unmap(_batched.Domain, Iova, Size);
        if (unmapped != Size)
            throw new InvalidOperationException($"iommu_unmap (unmap_pages) returned 0x{unmapped:x}");
        return Map();
    }

    /// <summary>Batched ops: IommuApi.Map of the range through map_pages (Size / 4 KiB PTEs as one run, one flush_iotlb_all).</summary>
    [Benchmark]
    public uint Map()
    {
        int ret = IommuApi.Map(_batched.Domain, Iova, _batchedPa, Size, Prot);
        return ret == 0 ? Size : throw new InvalidOperationException($"iommu_map (map_pages) returned {ret}");
    }

    /// <summary>3.3 ops: IommuApi.Map of the range (one omap_iommu_map and one flush_iotlb_page scan per 4 KiB page).</summary>
    [Benchmark]
    public uint MapPerPageFlush()
    {
        int ret = IommuApi.Map(_perPage.Domain, Iova, _perPagePa, Size, Prot);
        return ret == 0 ? Size : throw new InvalidOperationException($"iommu_map returned {ret}");
    }

    /// <summary>TLB flushes issued so far by the 3.3 and the batched world (for the smoke tests).</summary>
    internal (int PerPage, int Batched) TlbFlushes => (_perPage.TlbFlushes, _batched.TlbFlushes);

    /// <summary>The batched world's buffer (for the smoke tests).</summary>
    internal uint BatchedPa => _batchedPa;

    /// <summary>The physical address <paramref name="iova"/> translates to in the batched world (for the smoke tests).</summary>
    internal uint BatchedIovaToPhys(uint iova) => IommuApi.IovaToPhys(_batched.Domain, iova);

    string IBenchmarkState.Fingerprint() => $"perpage[{_perPage.Fingerprint()}] batched[{_batched.Fingerprint()}]";

    bool? IBenchmarkState.NothingMapped => null;
}
