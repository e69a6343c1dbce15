using BenchmarkDotNet.Attributes;
using Generic.Iommu;
using Legacy.Iommu;
using Migration.Drivers.Msm;

namespace Migration.Benchmarks;

/// <summary>
/// Map then unmap <see cref="Size"/> bytes of physically contiguous, size-aligned memory on the MSM driver: the
/// Linux 3.0 client's order-0 iommu_map loop (baseline) vs one byte-sized iommu_map on the 3.3 per-page ops vs the
/// same through the 5.x map_pages/unmap_pages ops (generic.md §4.3, §5.1; msm.md §5.5-§5.8).
/// </summary>
[MemoryDiagnoser]
public class EraAMapLoopBenchmarks : IBenchmarkState
{
    // A 64 MiB-aligned IOVA, so every size maps with its largest page.
    private const uint Iova = 0x10000000;

    // MSM attributes (mainline reads prot as the cache class, msm.md §3.3): slot 0, non-cached, valid in both eras.
    private const int Prot = 0;

    private const uint Page = 0x1000;

    private LegacyMsmWorld _legacy = null!;
    private GenericMsmWorld _perPage = null!;
    private GenericMsmWorld _batched = null!;
    private uint _legacyPa;
    private uint _perPagePa;
    private uint _batchedPa;

    /// <summary>Buffer size in bytes.</summary>
    [Params(BenchSizes.K4, BenchSizes.K64, BenchSizes.M1, BenchSizes.M16, BenchSizes.M64)]
    public uint Size { get; set; }

    /// <summary>Boots the three worlds (3.0 mainline core, 3.3 ops, batched ops) and allocates each one's buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _legacy = new LegacyMsmWorld(IommuCoreFlavor.Mainline30);
        _perPage = new GenericMsmWorld(batched: false);
        _batched = new GenericMsmWorld(batched: true);
        _legacyPa = PhysicalBuffers.Contiguous(_legacy.Soc, Size);
        _perPagePa = PhysicalBuffers.Contiguous(_perPage.Soc, Size);
        _batchedPa = PhysicalBuffers.Contiguous(_batched.Soc, Size);
    }

    /// <summary>
    /// The Linux 3.0 client: IommuCore.IommuMap(domain, iova + off, pa + off, order 0, prot) page by page (one
    /// msm_iommu_map and one TLBIALL per 4 KiB), then order-0 iommu_unmap page by page.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int EraALoop4K()
    {
        IommuCore core = _legacy.Core;
        Legacy.Iommu.IommuDomain domain = _legacy.Domain;
        for (uint off = 0; off < Size; off += Page)
        {
            int ret = core.IommuMap(domain, Iova + off, _legacyPa + off, 0, Prot);
            if (ret != 0)
                throw new InvalidOperationException($"iommu_map(order 0) at +0x{off:x} returned {ret}");
        }
        for (uint off = 0; off < Size; off += Page)
        {
            int ret = core.IommuUnmap(domain, Iova + off, 0);
            if (ret != 0)
                throw new InvalidOperationException($"iommu_unmap(order 0) at +0x{off:x} returned {ret}");
        }
        return (int)(Size / Page);
    }

    /// <summary>
    /// Linux 3.3: one byte-sized IommuApi.Map split by pgsize_bitmap into 4K/64K/1M/16M pages (one msm_iommu_map and
    /// one TLBIALL per page), then IommuApi.Unmap page by page: 3.3's iommu_unmap hands msm_iommu_unmap the
    /// remaining length, which it ignores unless it is a page size (msm.md §5.8, generic.md §9.7).
    /// </summary>
    [Benchmark]
    public uint GenericMap()
    {
        Generic.Iommu.IommuDomain domain = _perPage.Domain;
        int ret = IommuApi.Map(domain, Iova, _perPagePa, Size, Prot);
        if (ret != 0)
            throw new InvalidOperationException($"iommu_map of 0x{Size:x} returned {ret}");
        uint iova = Iova, pa = _perPagePa, left = Size;
        while (left != 0)
        {
            uint pgsize = PageSizeSplitter.PageSize(MsmPageTableFormat.MSM_IOMMU_PGSIZES, iova, pa, left);
            if (IommuApi.Unmap(domain, iova, pgsize) != pgsize)
                throw new InvalidOperationException($"iommu_unmap of 0x{pgsize:x} at 0x{iova:x8} failed");
            iova += pgsize;
            pa += pgsize;
            left -= pgsize;
        }
        return Size;
    }

    /// <summary>
    /// The batched path (Linux 5.x): the same byte-sized IommuApi.Map through MsmIommuPagesOps.MapPages (one TLBIALL
    /// per run of equal pages) and one IommuApi.Unmap through UnmapPages with a gathered flush (IommuIotlbGather).
    /// </summary>
    [Benchmark]
    public uint GenericMapBatched()
    {
        Generic.Iommu.IommuDomain domain = _batched.Domain;
        int ret = IommuApi.Map(domain, Iova, _batchedPa, Size, Prot);
        if (ret != 0)
            throw new InvalidOperationException($"iommu_map (map_pages) of 0x{Size:x} returned {ret}");
        uint unmapped = IommuApi.Unmap(domain, Iova, Size);
        if (unmapped != Size)
            throw new InvalidOperationException($"iommu_unmap (unmap_pages) of 0x{Size:x} returned 0x{unmapped:x}");
        return unmapped;
    }

    /// <summary>TLB invalidations issued so far by the legacy, per-page and batched worlds (for the smoke tests).</summary>
    internal (int Legacy, int PerPage, int Batched) TlbInvalidations => (_legacy.TlbInvalidations, _perPage.TlbInvalidations, _batched.TlbInvalidations);

    string IBenchmarkState.Fingerprint() => $"legacy[{_legacy.Fingerprint()}] perpage[{_perPage.Fingerprint()}] batched[{_batched.Fingerprint()}]";

    bool? IBenchmarkState.NothingMapped => _legacy.NothingMapped && _perPage.NothingMapped && _batched.NothingMapped;
}
