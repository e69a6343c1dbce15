using Generic.Iommu;
using Generic.Iommu.Dma;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// The one seam behind which omap3isp's memory calls sit, so that the same driver runs on the 3.3 iovmm port
/// (<see cref="IovmmIspMemory"/>) and on the DMA-mapping port (<see cref="DmaIspMemory"/>). Every call names the
/// driver function it is made from; the call sites stay in their enclosing functions (omap.md §6.1, §7.7).
/// u32 results follow the kernel: a device address, or a negative errno as IS_ERR_VALUE.
/// </summary>
public interface IIspMemory
{
    /// <summary>Which port this is.</summary>
    IspMemoryBackend Backend { get; }

    /// <summary>isp->domain: the domain the ISP device is attached to; null before attach and after free.</summary>
    IommuDomain? Domain { get; }

    /// <summary>Every call made so far, in order (for tests and comparison harnesses).</summary>
    IReadOnlyList<IspMemoryCall> Calls { get; }

    /// <summary>
    /// isp_probe: isp->domain = iommu_domain_alloc(pdev->dev.bus) (NULL → -ENOMEM), then
    /// iommu_attach_device(isp->domain, &amp;pdev->dev) (error → iommu_domain_free, the error returned).
    /// </summary>
    int Attach();

    /// <summary>isp_probe error path (detach_dev, free_domain) and isp_remove: iommu_detach_device + iommu_domain_free.</summary>
    void Detach(string caller);

    /// <summary>isp_save_ctx: omap_iommu_save_ctx(isp->dev) (3.3: no NULL guard, omap.md §7.7); true when it was called and returned.</summary>
    bool SaveContext();

    /// <summary>isp_restore_ctx: omap_iommu_restore_ctx(isp->dev); true when it was called and returned.</summary>
    bool RestoreContext();

    /// <summary>
    /// dma_map_sg(isp->dev, sglist, sglen, dir) as ispqueue's isp_video_buffer_prepare calls it: cache maintenance
    /// through the direct ops in 3.3, the IOMMU mapping itself in the DMA port. Returns the mapped entry count (0 = failure).
    /// </summary>
    int DmaMapSg(string caller, SgTable sgt, DmaDataDirection dir);

    /// <summary>dma_unmap_sg(isp->dev, sglist, sglen, dir).</summary>
    void DmaUnmapSg(string caller, SgTable sgt, DmaDataDirection dir);

    /// <summary>
    /// True when the port maps VM_PFNMAP USERPTR buffers through <see cref="DmaMapSg"/> (one segment per
    /// contiguous run) instead of filling their DMA address by hand and mapping 4K entries with iovmm.
    /// </summary>
    bool MapsPfnmapThroughDmaSg { get; }

    /// <summary>
    /// The device address of a prepared video buffer (ispvideo.c isp_video_buffer_prepare): 3.3 calls
    /// ispmmu_vmap → omap_iommu_vmap(isp->domain, isp->dev, 0, sgt, IOMMU_FLAG); the DMA port reads
    /// sg_dma_address of the first entry that <see cref="DmaMapSg"/> filled.
    /// </summary>
    uint VideoBufferMap(string caller, SgTable sgt);

    /// <summary>ispmmu_vunmap(isp, da) → omap_iommu_vunmap in 3.3; nothing in the DMA port (dma_unmap_sg undoes the mapping).</summary>
    void VideoBufferUnmap(string caller, uint da);

    /// <summary>
    /// A table or statistics buffer of <paramref name="size"/> bytes: 3.3 omap_iommu_vmalloc(isp->domain, isp->dev,
    /// 0, size, IOMMU_FLAG) (<paramref name="va"/> = 0: the driver asks omap_da_to_va); the DMA port
    /// dma_alloc_coherent(isp->dev, size, &amp;dma) (<paramref name="va"/> = the kernel address). Returns the da or -ENOMEM/-EINVAL as IS_ERR_VALUE.
    /// </summary>
    uint Alloc(string caller, uint size, out uint va);

    /// <summary>Frees what <see cref="Alloc"/> returned: omap_iommu_vfree(isp->domain, isp->dev, da) / dma_free_coherent(isp->dev, size, va, da).</summary>
    void Free(string caller, uint da, uint va, uint size);
}
