using BenchmarkDotNet.Attributes;
using Generic.Iommu.Dma;
using Generic.Omap;
using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Migration.Benchmarks;

/// <summary>
/// Map + unmap of an OMAP ISP buffer of <see cref="Size"/> bytes, contiguous or 4 KiB-scattered, through the Linux 3.0
/// iovmm (baseline), the 3.3 omap-iovmm on the generic API (the 3.3 driver: flush_iotlb_page per page), and the generic
/// DMA-mapping layer over the driver's batched ops (one iommu_map_sg through map_pages and one TLB flush, one gathered
/// unmap) (omap.md §5, §7).
/// </summary>
/// <remarks>
/// The iovmm paths allocate by design on every call: each map kmallocs a struct iovm_struct (kmem_cache_zalloc in
/// alloc_iovm_area), and iommu_kmap also builds its sg table and an ioremap vm_struct (sgtable_alloc, ioremap), as
/// the kernel does. The DMA path keeps its IOVA tree in preallocated arrays and allocates nothing.
/// </remarks>
[MemoryDiagnoser]
public class OmapMapBenchmarks : IBenchmarkState
{
    // A 16 MiB-aligned device address for the ported path's contiguous buffer (IOVMF_DA_FIXED), so its superpage
    // entries are as aligned as iommu_kmap's anonymous LINEAR area (omap.md §5.4, §7.5).
    private const uint PortedDa = 0x10000000;

    private LegacyOmapWorld _legacy = null!;
    private GenericOmapWorld _ported = null!;
    private GenericOmapWorld _dma = null!;
    private uint _legacyPa;
    private SgTable _legacySgt = null!;
    private SgTable _portedSgt = null!;
    private uint _portedDa;
    private uint _portedFlags;
    private SgTable _dmaSgt = null!;

    /// <summary>Buffer size in bytes.</summary>
    [Params(BenchSizes.K4, BenchSizes.K64, BenchSizes.M1, BenchSizes.M16, BenchSizes.M64)]
    public uint Size { get; set; }

    /// <summary>Physically contiguous or one 4 KiB page per scatterlist entry.</summary>
    [Params(BufferLayout.Contiguous, BufferLayout.Scattered4K)]
    public BufferLayout Layout { get; set; }

    /// <summary>Boots the three worlds on their own SoCs and builds every buffer and sg list the methods map.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _legacy = new LegacyOmapWorld();
        _ported = new GenericOmapWorld(dmaOps: false);
        _dma = new GenericOmapWorld(dmaOps: true, batched: true);
        int tables = (int)(Size >> 20) + 2; // L2 tables a map of Size bytes can need
        _legacy.PrimeL2Cache(tables);
        _ported.PrimeL2Cache(tables);
        _dma.PrimeL2Cache(tables);
        if (Layout == BufferLayout.Contiguous)
        {
            _legacyPa = PhysicalBuffers.Contiguous(_legacy.Soc, Size);
            uint portedPa = PhysicalBuffers.Contiguous(_ported.Soc, Size);
            _portedSgt = PhysicalBuffers.SgOfDecomposition(PortedDa, portedPa, Size);
            _portedDa = PortedDa;
            _portedFlags = IovmFlags.IOVMF_DA_FIXED;
            _dmaSgt = PhysicalBuffers.SgOfBlock(PhysicalBuffers.Contiguous(_dma.Soc, Size), Size);
        }
        else
        {
            _legacySgt = PhysicalBuffers.SgOfPages(PhysicalBuffers.Scattered(_legacy.Soc, Size));
            _portedSgt = PhysicalBuffers.SgOfPages(PhysicalBuffers.Scattered(_ported.Soc, Size));
            _dmaSgt = PhysicalBuffers.SgOfPages(PhysicalBuffers.Scattered(_dma.Soc, Size));
        }
    }

    /// <summary>
    /// Linux 3.0 iovmm (arch/arm/plat-omap/iovmm.c): iommu_kmap of the contiguous buffer (kmap takes a pa) or
    /// iommu_vmap of the sg list, then iommu_kunmap / iommu_vunmap.
    /// </summary>
    [Benchmark(Baseline = true)]
    public uint LegacyIovmm()
    {
        if (Layout == BufferLayout.Contiguous)
        {
            uint da = Iovmm.Kmap(_legacy.Isp, 0, _legacyPa, Size, 0);
            Check(da, "iommu_kmap");
            Iovmm.Kunmap(_legacy.Isp, da);
            return da;
        }
        uint vda = Iovmm.Vmap(_legacy.Isp, 0, _legacySgt, 0);
        Check(vda, "iommu_vmap");
        _ = Iovmm.Vunmap(_legacy.Isp, vda);
        return vda;
    }

    /// <summary>
    /// Linux 3.3 omap-iovmm (drivers/iommu/omap-iovmm.c) over the generic API: omap_iommu_vmap of the same sg list
    /// (for a contiguous buffer, its superpage decomposition at a fixed 16 MiB-aligned da), then omap_iommu_vunmap.
    /// </summary>
    [Benchmark]
    public uint PortedIovmm()
    {
        uint da = OmapIovmm.Vmap(_ported.Domain, _ported.Client, _portedDa, _portedSgt, _portedFlags);
        Check(da, "omap_iommu_vmap");
        _ = OmapIovmm.Vunmap(_ported.Domain, _ported.Client, da);
        return da;
    }

    /// <summary>
    /// The generic DMA layer (arm_iommu dma_map_ops over the OMAP domain, prot 0 as the omap3isp DMA port sets it) on
    /// the batched OMAP ops: dma_map_sg of the buffer (one entry when contiguous) as one iommu_map_sg (map_pages runs
    /// per L2 table, one iotlb_sync_map), then dma_unmap_sg (unmap_pages, one gathered iotlb_sync).
    /// </summary>
    [Benchmark]
    public int DmaMapSg()
    {
        int nents = DmaApi.MapSg(_dma.Client, _dmaSgt, DmaDataDirection.Bidirectional);
        if (nents == 0)
            throw new InvalidOperationException("dma_map_sg failed");
        DmaApi.UnmapSg(_dma.Client, _dmaSgt, DmaDataDirection.Bidirectional);
        return nents;
    }

    /// <summary>TLB flushes the legacy and the DMA world's driver issued so far (for the smoke tests).</summary>
    internal (int Legacy, int Dma) TlbFlushes => (_legacy.Isp.Instance.TlbFlushes, _dma.TlbFlushes);

    string IBenchmarkState.Fingerprint() => $"legacy[{_legacy.Fingerprint()}] ported[{_ported.Fingerprint()}] dma[{_dma.Fingerprint()}]";

    bool? IBenchmarkState.NothingMapped => _legacy.NothingMapped && _ported.NothingMapped && _dma.NothingMapped;

    private static void Check(uint da, string call)
    {
        if (ErrValue.IsErrValue(da))
            throw new InvalidOperationException($"{call} failed: {Errno.Describe(ErrValue.ToErrno(da))}");
    }
}
