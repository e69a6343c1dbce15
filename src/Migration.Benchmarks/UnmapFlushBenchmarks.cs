using BenchmarkDotNet.Attributes;
using Generic.Iommu;

namespace Migration.Benchmarks;

/// <summary>
/// Unmap of a range of <see cref="Size"/> bytes mapped with 4 KiB pages: one TLB flush per page (3.3 msm_iommu_unmap
/// per page, baseline) vs the gathered flush (unmap_pages + one iotlb_sync, Linux 5.x), plus Map of the same range.
/// </summary>
/// <remarks>
/// GlobalSetup maps the range in both worlds and it stays mapped. Each unmap method unmaps the range and maps it back
/// so every invocation finds the state it left; each map method maps over the mapped range, which msm_iommu_map
/// overwrites entry for entry with the same values (msm.md §9.5), so it too is steady state. The unmap cost is the
/// unmap method minus the map method of the same ops: "unmap costs at most 2× map" reads
/// UnmapGathered − Map ≤ 2 × Map. The IOVA is 4 KiB off a 64 KiB boundary relative to the physical address, so
/// pgsize_bitmap can only pick 4 KiB pages: Size / 4 KiB PTEs, as many words as BareStoreBenchmarks writes.
/// Sizes stop below 2 MiB: iommu_unmap picks its page sizes from the IOVA alone, and a whole aligned MiB would be
/// unmapped as a 1M section, which the shared MSM table code does by clearing the first-level table pointer and
/// leaking the second-level page (msm.md §5.7 step 3) instead of clearing the 4 KiB entries.
/// </remarks>
[MemoryDiagnoser]
public class UnmapFlushBenchmarks : IBenchmarkState
{
    private const uint Iova = 0x30001000;
    private const int Prot = 0;
    private const uint Page = 0x1000;

    private GenericMsmWorld _perPage = null!;
    private GenericMsmWorld _batched = null!;
    private uint _perPagePa;
    private uint _batchedPa;

    /// <summary>Range size in bytes.</summary>
    [Params(BenchSizes.K64, BenchSizes.M1)]
    public uint Size { get; set; }

    /// <summary>Boots the per-page and the batched world and maps the range in each.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _perPage = new GenericMsmWorld(batched: false);
        _batched = new GenericMsmWorld(batched: true);
        _perPagePa = PhysicalBuffers.Contiguous(_perPage.Soc, Size);
        _batchedPa = PhysicalBuffers.Contiguous(_batched.Soc, Size);
        MapPerPageFlush();
        Map();
    }

    /// <summary>3.3 per-page ops: IommuApi.Unmap page by page (msm_iommu_unmap, one TLBIALL each), then the range mapped back.</summary>
    [Benchmark(Baseline = true)]
    public uint UnmapPerPageFlush()
    {
        Generic.Iommu.IommuDomain domain = _perPage.Domain;
        for (uint off = 0; off < Size; off += Page)
        {
            if (IommuApi.Unmap(domain, Iova + off, Page) != Page)
                throw new InvalidOperationException($"iommu_unmap at +0x{off:x} failed");
        }
        return MapPerPageFlush();
    }

    /// <summary>Batched ops: one IommuApi.Unmap of the range (unmap_pages, one gathered TLBIALL in iotlb_sync), then the range mapped back.</summary>
    [Benchmark]
    public uint UnmapGathered()
    {
        uint unmapped = IommuApi.Unmap(_batched.Domain, Iova, Size);
        if (unmapped != Size)
            throw new InvalidOperationException($"iommu_unmap (unmap_pages) returned 0x{unmapped:x}");
        return Map();
    }

    /// <summary>Batched ops: IommuApi.Map of the range through map_pages (Size / 4 KiB PTEs, one TLBIALL).</summary>
    [Benchmark]
    public uint Map()
    {
        int ret = IommuApi.Map(_batched.Domain, Iova, _batchedPa, Size, Prot);
        return ret == 0 ? Size : throw new InvalidOperationException($"iommu_map (map_pages) returned {ret}");
    }

    /// <summary>3.3 per-page ops: IommuApi.Map of the range (one msm_iommu_map and one TLBIALL per 4 KiB page).</summary>
    [Benchmark]
    public uint MapPerPageFlush()
    {
        int ret = IommuApi.Map(_perPage.Domain, Iova, _perPagePa, Size, Prot);
        return ret == 0 ? Size : throw new InvalidOperationException($"iommu_map returned {ret}");
    }

    /// <summary>TLB invalidations issued so far by the per-page and the batched world (for the smoke tests).</summary>
    internal (int PerPage, int Batched) TlbInvalidations => (_perPage.TlbInvalidations, _batched.TlbInvalidations);

    /// <summary>The batched world's buffer (for the smoke tests).</summary>
    internal uint BatchedPa => _batchedPa;

    /// <summary>The physical address <paramref name="iova"/> translates to in the batched world (for the smoke tests).</summary>
    internal uint BatchedIovaToPhys(uint iova) => IommuApi.IovaToPhys(_batched.Domain, iova);

    string IBenchmarkState.Fingerprint() => $"perpage[{_perPage.Fingerprint()}] batched[{_batched.Fingerprint()}]";

    bool? IBenchmarkState.NothingMapped => null;
}
