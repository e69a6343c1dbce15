namespace Generic.Omap3isp;

/// <summary>Which port of omap3isp's memory calls a probe uses (<see cref="IspPlatform.MemoryBackend"/>).</summary>
public enum IspMemoryBackend
{
    /// <summary>Linux 3.3: omap-iovmm on the generic IOMMU API (omap_iommu_vmap/vmalloc/…; omap.md §7.7).</summary>
    Iovmm,

    /// <summary>
    /// The DMA-mapping port the 2010-2012 threads proposed and omap3isp later did: dma_map_sg for video buffers,
    /// dma_alloc_coherent for tables and statistics, through IOMMU-backed dma_map_ops over the attached domain.
    /// </summary>
    DmaMapping,

    /// <summary>
    /// The ISP domain attached to a <see cref="Generic.Iommu.SharedAddressSpace"/> (<see cref="IspPlatform.SharedSpace"/>)
    /// that other devices share: every buffer is mapped once for all of them at a device address the space hands out.
    /// </summary>
    SharedSpace,
}
