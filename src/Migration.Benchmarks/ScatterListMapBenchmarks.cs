using BenchmarkDotNet.Attributes;
using Generic.Iommu;
using Legacy.Iommu;
using Migration.Kernel;

namespace Migration.Benchmarks;

/// <summary>
/// Map then unmap a scatterlist of <see cref="Entries"/> × 4 KiB scattered pages on the MSM driver: the CAF 3.0
/// client's iommu_map_range (baseline) and its order-0 iommu_map loop, vs the generic paths: one byte-sized
/// iommu_map per entry on the 3.3 per-page ops and on the batched ops, and iommu_map_sg on the modern driver
/// (msm_iommu.c on io-pgtable-arm-v7s, v7s.md).
/// </summary>
/// <remarks>
/// LegacyMapRange and GenericMapSg use a 1 MiB-aligned IOVA, as a DMA layer's allocator hands out for a list of this
/// size: the CAF unmap_range frees the second-level table it empties, and v7s unmaps a whole aligned MiB as one 1M
/// unmap that frees the table with its walk flush (v7s.md §4.2 step 4). The methods on the 3.3 table code keep a
/// 64 KiB-aligned IOVA: iommu_unmap picks page sizes from the IOVA alone, and the 3.3 code unmaps a whole aligned MiB
/// as a section by clearing the first-level pointer and leaking the second-level page (msm.md §5.7 step 3).
/// </remarks>
[MemoryDiagnoser]
public class ScatterListMapBenchmarks : IBenchmarkState
{
    private const uint Iova = 0x20000000;
    private const uint Iova33 = 0x20010000; // 64 KiB- but not 1 MiB-aligned, for the 3.3 table code (see remarks)
    private const int Prot = 0; // MSM attributes: cache class slot 0 (msm.md §3.3)
    private const int ProtV7s = IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE; // generic prot: the same RW page for v7s
    private const uint Page = 0x1000;

    private LegacyMsmWorld _legacy = null!;
    private GenericMsmWorld _perPage = null!;
    private GenericMsmWorld _batched = null!;
    private GenericMsmWorld _v7s = null!;
    private Scatterlist[] _legacySg = null!;
    private uint[] _perPagePages = null!;
    private uint[] _batchedPages = null!;
    private SgTable _v7sSg = null!;

    /// <summary>Scatterlist entries (4 KiB each).</summary>
    [Params(30, 256)]
    public int Entries { get; set; }

    /// <summary>Boots the worlds (CAF 3.0 core, 3.3 ops, batched ops, v7s driver) and builds each one's list.</summary>
    [GlobalSetup]
    public void Setup()
    {
        uint size = (uint)Entries * Page;
        _legacy = new LegacyMsmWorld(IommuCoreFlavor.Caf30);
        _perPage = new GenericMsmWorld(GenericMsmPath.PerPage);
        _batched = new GenericMsmWorld(GenericMsmPath.Batched);
        _v7s = new GenericMsmWorld(GenericMsmPath.V7s);
        _legacySg = PhysicalBuffers.SgOfPages(PhysicalBuffers.Scattered(_legacy.Soc, size)).Sgl;
        _perPagePages = PhysicalBuffers.Scattered(_perPage.Soc, size);
        _batchedPages = PhysicalBuffers.Scattered(_batched.Soc, size);
        _v7sSg = PhysicalBuffers.SgOfPages(PhysicalBuffers.Scattered(_v7s.Soc, size));
        // The first map installs the level-2 table, which unmapping fewer than 256 pages leaves in place (v7s.md §4.3):
        // the state every later invocation finds, as in a DMA layer that keeps reusing its IOVA range.
        GenericMapSg();
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
            int ret = core.IommuMap(_legacy.Domain, Iova33 + (uint)i * Page, _legacySg[i].Phys, 0, Prot);
            if (ret != 0)
                throw new InvalidOperationException($"iommu_map of entry {i} returned {ret}");
        }
        for (int i = 0; i < Entries; i++)
        {
            int ret = core.IommuUnmap(_legacy.Domain, Iova33 + (uint)i * Page, 0);
            if (ret != 0)
                throw new InvalidOperationException($"iommu_unmap of entry {i} returned {ret}");
        }
        return Entries;
    }

    /// <summary>Linux 3.3: one byte-sized IommuApi.Map per entry on msm_iommu_ops (one TLBIALL per page), then IommuApi.Unmap per entry.</summary>
    [Benchmark]
    public int GenericMap() => MapEntries(_perPage.Domain, _perPagePages);

    /// <summary>
    /// The batched ops on the 3.3 table code (5.x): one IommuApi.Map per entry through map_pages, then one IommuApi.Unmap
    /// of the range with a gathered flush (at the 64 KiB-aligned IOVA: see remarks).
    /// </summary>
    [Benchmark]
    public int GenericMapBatched()
    {
        Generic.Iommu.IommuDomain domain = _batched.Domain;
        for (int i = 0; i < _batchedPages.Length; i++)
        {
            int ret = IommuApi.Map(domain, Iova33 + (uint)i * Page, _batchedPages[i], Page, Prot);
            if (ret != 0)
                throw new InvalidOperationException($"iommu_map of entry {i} returned {ret}");
        }
        uint len = (uint)Entries * Page;
        if (IommuApi.Unmap(domain, Iova33, len) != len)
            throw new InvalidOperationException("iommu_unmap of the list failed");
        return Entries;
    }

    /// <summary>
    /// The list through iommu_map_sg on the modern driver (msm_iommu.c on io-pgtable-arm-v7s, Linux 6.13+): map_pages
    /// per run of physically contiguous entries, one iotlb_sync_map (a TLBIVA per 4 KiB) for the whole list, then one
    /// iommu_unmap of the list (unmap_pages; at 256 entries one 1M unmap that frees the table with its walk flush).
    /// </summary>
    [Benchmark]
    public int GenericMapSg()
    {
        Generic.Iommu.IommuDomain domain = _v7s.Domain;
        uint len = (uint)Entries * Page;
        long mapped = IommuApi.MapSg(domain, Iova, _v7sSg, _v7sSg.Nents, ProtV7s);
        if (mapped != len)
            throw new InvalidOperationException($"iommu_map_sg returned {mapped}");
        if (IommuApi.Unmap(domain, Iova, len) != len)
            throw new InvalidOperationException("iommu_unmap of the list failed");
        return Entries;
    }

    /// <summary>TLB invalidations issued so far by the legacy, per-page, batched and v7s worlds (for the smoke tests).</summary>
    internal (int Legacy, int PerPage, int Batched, int V7s) TlbInvalidations =>
        (_legacy.TlbInvalidations, _perPage.TlbInvalidations, _batched.TlbInvalidations, _v7s.TlbInvalidations);

    /// <summary>The v7s world's translation of <paramref name="iova"/> (V2P), for the smoke tests.</summary>
    internal uint V7sIovaToPhys(uint iova) => IommuApi.IovaToPhys(_v7s.Domain, iova);

    /// <summary>The physical page of the v7s list's entry <paramref name="i"/>.</summary>
    internal uint V7sEntry(int i) => _v7sSg.Sgl[i].Phys;

    string IBenchmarkState.Fingerprint() =>
        $"legacy[{_legacy.Fingerprint()}] perpage[{_perPage.Fingerprint()}] batched[{_batched.Fingerprint()}] v7s[{_v7s.Fingerprint()}]";

    bool? IBenchmarkState.NothingMapped => _legacy.NothingMapped && _perPage.NothingMapped && _batched.NothingMapped && _v7s.NothingMapped;

    private int MapEntries(Generic.Iommu.IommuDomain domain, uint[] pages)
    {
        for (int i = 0; i < pages.Length; i++)
        {
            int ret = IommuApi.Map(domain, Iova33 + (uint)i * Page, pages[i], Page, Prot);
            if (ret != 0)
                throw new InvalidOperationException($"iommu_map of entry {i} returned {ret}");
        }
        for (int i = 0; i < pages.Length; i++)
        {
            if (IommuApi.Unmap(domain, Iova33 + (uint)i * Page, Page) != Page)
                throw new InvalidOperationException($"iommu_unmap of entry {i} failed");
        }
        return pages.Length;
    }
}
