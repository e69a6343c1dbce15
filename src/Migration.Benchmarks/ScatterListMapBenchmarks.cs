using BenchmarkDotNet.Attributes;
using Generic.Iommu;
using Legacy.Iommu;
using Migration.Kernel;

namespace Migration.Benchmarks;

/// <summary>
/// Map then unmap a scatterlist of <see cref="Entries"/> × 4 KiB scattered pages on the MSM driver: the CAF 3.0
/// client's iommu_map_range (baseline) and its order-0 iommu_map loop, vs the generic paths: one byte-sized
/// iommu_map per entry on the 3.3 per-page ops and on the batched ops.
/// </summary>
/// <remarks>
/// dma_map_sg is measured on OMAP (<see cref="OmapMapBenchmarks.DmaMapSg"/>), not here: IommuDmaOps unmaps the list's
/// IOVA range in one iommu_unmap, which the MSM driver cannot do for a range of 4 KiB pages (3.3: msm_iommu_unmap
/// ignores a length that is not a page size, msm.md §5.8; batched: a 1 MiB-aligned range is unmapped as a section,
/// leaking the second-level page, §5.7 step 3).
/// </remarks>
[MemoryDiagnoser]
public class ScatterListMapBenchmarks : IBenchmarkState
{
    // 64 KiB- but not 1 MiB-aligned: iommu_unmap picks page sizes from the IOVA alone, and a 1 MiB-aligned list of
    // 256 entries would be unmapped as one 1M section, which the shared MSM table code does by clearing the
    // first-level table pointer and leaking the second-level page (msm.md §5.7 step 3).
    private const uint Iova = 0x20010000;
    private const int Prot = 0; // MSM attributes: cache class slot 0 (msm.md §3.3)
    private const uint Page = 0x1000;

    private LegacyMsmWorld _legacy = null!;
    private GenericMsmWorld _perPage = null!;
    private GenericMsmWorld _batched = null!;
    private Scatterlist[] _legacySg = null!;
    private uint[] _perPagePages = null!;
    private uint[] _batchedPages = null!;
    private SgTable _batchedSg = null!;

    /// <summary>Scatterlist entries (4 KiB each).</summary>
    [Params(30, 256)]
    public int Entries { get; set; }

    /// <summary>Boots the worlds (CAF 3.0 core, 3.3 ops, batched ops) and builds each one's list.</summary>
    [GlobalSetup]
    public void Setup()
    {
        uint size = (uint)Entries * Page;
        _legacy = new LegacyMsmWorld(IommuCoreFlavor.Caf30);
        _perPage = new GenericMsmWorld(batched: false);
        _batched = new GenericMsmWorld(batched: true);
        _legacySg = PhysicalBuffers.SgOfPages(PhysicalBuffers.Scattered(_legacy.Soc, size)).Sgl;
        _perPagePages = PhysicalBuffers.Scattered(_perPage.Soc, size);
        _batchedPages = PhysicalBuffers.Scattered(_batched.Soc, size);
        _batchedSg = PhysicalBuffers.SgOfPages(_batchedPages);
    }

    /// <summary>
    /// CAF msm-3.0: one iommu_map_range of the whole list (msm_iommu_map_range: 4K entries, one TLBIASID at the end,
    /// msm.md §5.9), then iommu_unmap_range.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int LegacyMapRange()
    {
        uint len = (uint)Entries * Page;
        int ret = _legacy.Core.IommuMapRange(_legacy.Domain, Iova, _legacySg, len, Prot);
        if (ret != 0)
            throw new InvalidOperationException($"iommu_map_range returned {ret}");
        return _legacy.Core.IommuUnmapRange(_legacy.Domain, Iova, len);
    }

    /// <summary>A mainline 3.0 client: iommu_map(order 0) per entry (one TLBIALL each), then iommu_unmap(order 0) per entry.</summary>
    [Benchmark]
    public int LegacyMapLoop()
    {
        IommuCore core = _legacy.Core;
        for (int i = 0; i < Entries; i++)
        {
            int ret = core.IommuMap(_legacy.Domain, Iova + (uint)i * Page, _legacySg[i].Phys, 0, Prot);
            if (ret != 0)
                throw new InvalidOperationException($"iommu_map of entry {i} returned {ret}");
        }
        for (int i = 0; i < Entries; i++)
        {
            int ret = core.IommuUnmap(_legacy.Domain, Iova + (uint)i * Page, 0);
            if (ret != 0)
                throw new InvalidOperationException($"iommu_unmap of entry {i} returned {ret}");
        }
        return Entries;
    }

    /// <summary>Linux 3.3: one byte-sized IommuApi.Map per entry on msm_iommu_ops (one TLBIALL per page), then IommuApi.Unmap per entry.</summary>
    [Benchmark]
    public int GenericMap() => MapEntries(_perPage.Domain, _perPagePages);

    /// <summary>The batched ops (5.x): one IommuApi.Map per entry through map_pages, then one IommuApi.Unmap of the range with a gathered flush.</summary>
    [Benchmark]
    public int GenericMapBatched()
    {
        Generic.Iommu.IommuDomain domain = _batched.Domain;
        for (int i = 0; i < _batchedPages.Length; i++)
        {
            int ret = IommuApi.Map(domain, Iova + (uint)i * Page, _batchedPages[i], Page, Prot);
            if (ret != 0)
                throw new InvalidOperationException($"iommu_map of entry {i} returned {ret}");
        }
        uint len = (uint)Entries * Page;
        if (IommuApi.Unmap(domain, Iova, len) != len)
            throw new InvalidOperationException("iommu_unmap of the list failed");
        return Entries;
    }

    /// <summary>TLB invalidations issued so far by the legacy, per-page and batched worlds (for the smoke tests).</summary>
    /// <summary>
    /// The list through iommu_map_sg on the batched driver (5.12+): physically contiguous entries coalesced, one
    /// iotlb_sync_map for the whole list instead of a TLBIALL per entry, then one iommu_unmap of the range.
    /// </summary>
    [Benchmark]
    public int GenericMapSg()
    {
        Generic.Iommu.IommuDomain domain = _batched.Domain;
        uint len = (uint)Entries * Page;
        long mapped = IommuApi.MapSg(domain, Iova, _batchedSg, _batchedSg.Nents, Prot);
        if (mapped != len)
            throw new InvalidOperationException($"iommu_map_sg returned {mapped}");
        if (IommuApi.Unmap(domain, Iova, len) != len)
            throw new InvalidOperationException("iommu_unmap of the list failed");
        return Entries;
    }

    internal (int Legacy, int PerPage, int Batched) TlbInvalidations =>
        (_legacy.TlbInvalidations, _perPage.TlbInvalidations, _batched.TlbInvalidations);

    string IBenchmarkState.Fingerprint() =>
        $"legacy[{_legacy.Fingerprint()}] perpage[{_perPage.Fingerprint()}] batched[{_batched.Fingerprint()}]";

    bool? IBenchmarkState.NothingMapped => _legacy.NothingMapped && _perPage.NothingMapped && _batched.NothingMapped;

    private int MapEntries(Generic.Iommu.IommuDomain domain, uint[] pages)
    {
        for (int i = 0; i < pages.Length; i++)
        {
            int ret = IommuApi.Map(domain, Iova + (uint)i * Page, pages[i], Page, Prot);
            if (ret != 0)
                throw new InvalidOperationException($"iommu_map of entry {i} returned {ret}");
        }
        for (int i = 0; i < pages.Length; i++)
        {
            if (IommuApi.Unmap(domain, Iova + (uint)i * Page, Page) != Page)
                throw new InvalidOperationException($"iommu_unmap of entry {i} failed");
        }
        return pages.Length;
    }
}
