using Generic.Iommu;
using Generic.Iommu.Dma;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// omap3isp's memory calls ported onto the DMA-mapping layer (no iovmm at all), as the 2010-2012 threads
/// proposed and omap3isp later did: the ISP device is attached to an OMAP domain as in 3.3, and its dma_map_ops
/// become <see cref="IommuDmaOps"/> over that domain with an <see cref="IovaAllocator"/> over the ISP's device
/// address range [0x1000, 0xFFFFF000) (da_start 0, first page never handed out, as iovmm's anonymous areas).
/// Video buffers go through dma_map_sg/dma_unmap_sg, tables and statistics through dma_alloc_coherent/
/// dma_free_coherent, whose kernel address replaces omap_da_to_va. The prot given to iommu_map is
/// <see cref="IspPlatform.DmaProt"/> (default <see cref="IspDmaProt.ForDirection"/>, omap.md §7.3).
/// </summary>
public sealed class DmaIspMemory : IspMemoryPort
{
    /// <summary>First device address the port hands out (iovmm's anonymous start for da_start 0, omap.md §5.4).</summary>
    public const uint IovaStart = 0x1000;

    /// <summary>End (exclusive) of the ISP MMU's device address range: da_end 0xFFFFF000 (omap.md §2.1).</summary>
    public const uint IovaEnd = 0xFFFFF000;

    private object? _boardDmaOps;

    /// <summary>The DMA-mapping port for the ISP device of <paramref name="platform"/>.</summary>
    public DmaIspMemory(IspPlatform platform)
        : base(platform)
    {
    }

    /// <inheritdoc />
    public override IspMemoryBackend Backend => IspMemoryBackend.DmaMapping;

    /// <inheritdoc />
    public override bool MapsPfnmapThroughDmaSg => true;

    /// <summary>The IOMMU-backed ops set on the ISP device while attached (null otherwise).</summary>
    public IommuDmaOps? DmaOps { get; private set; }

    /// <summary>The ISP's IOVA space while attached (null otherwise).</summary>
    public IovaAllocator? Iova { get; private set; }

    /// <summary>
    /// The guard omap3isp later added to omap3isp_put (the reference is silent on when; 3.3 has none and oopses, see
    /// <see cref="IovmmIspMemory"/>): the port keeps the ISP usable across probe failures and remove.
    /// </summary>
    protected override bool GuardsContext => true;

    /// <summary>
    /// isp_probe: iommu_domain_alloc + iommu_attach_device as in 3.3, then the device's dma ops become the
    /// IOMMU-backed ops over that domain (arm_iommu_attach_device's set_dma_ops).
    /// </summary>
    public override int Attach()
    {
        int ret = AllocAndAttachDomain();
        if (ret != 0)
            return ret;

        Iova = new IovaAllocator(IovaStart, IovaEnd);
        DmaOps = new IommuDmaOps(Domain!, Iova, Platform.KernelMemory, Platform.DmaProt ?? IspDmaProt.ForDirection);
        _boardDmaOps = Dev.ArchDataDmaOps;
        DmaApi.SetDmaOps(Dev, Platform.WrapDmaOps?.Invoke(DmaOps) ?? DmaOps);
        return 0;
    }

    /// <summary>
    /// The error path and isp_remove: the direct ops come back (arm_iommu_detach_device: set_dma_ops(dev, NULL)),
    /// then iommu_detach_device + iommu_domain_free, and isp->domain = NULL as the later driver does.
    /// </summary>
    public override void Detach(string caller)
    {
        _ = Domain ?? throw new KernelBugException($"{caller}: iommu_detach_device(NULL domain)");
        if (_boardDmaOps is IDmaMapOps board)
            DmaApi.SetDmaOps(Dev, board);
        DetachAndFreeDomain(caller);
        DmaOps = null;
        Iova = null;
    }

    /// <summary>dma_map_sg(isp->dev, …): the IOMMU mapping; the entry count, 0 when iommu_map failed (nothing left mapped).</summary>
    public override int DmaMapSg(string caller, SgTable sgt, DmaDataDirection dir)
    {
        int n = DmaApi.MapSg(Dev, sgt, dir);
        Log(caller, "dma_map_sg", n == 0 ? 0 : sgt.Sgl[0].DmaAddress, (uint)n);
        return n;
    }

    /// <summary>dma_unmap_sg(isp->dev, …): iommu_unmap of the region and release of its IOVA.</summary>
    public override void DmaUnmapSg(string caller, SgTable sgt, DmaDataDirection dir)
    {
        ArgumentNullException.ThrowIfNull(sgt);
        uint da = sgt.Sgl[0].DmaAddress;
        DmaApi.UnmapSg(Dev, sgt, dir);
        Log(caller, "dma_unmap_sg", da, 0);
    }

    /// <summary>sg_dma_address(sglist): the mapping was made by ispqueue's dma_map_sg; no call here.</summary>
    public override uint VideoBufferMap(string caller, SgTable sgt)
    {
        ArgumentNullException.ThrowIfNull(sgt);
        return sgt.Sgl[0].DmaAddress;
    }

    /// <summary>Nothing: the buffer's mapping belongs to its scatterlist and is undone by dma_unmap_sg in the queue's cleanup.</summary>
    public override void VideoBufferUnmap(string caller, uint da)
    {
    }

    /// <summary>dma_alloc_coherent(isp->dev, size, &amp;dma, GFP_KERNEL): returns dma (the da), or -ENOMEM as IS_ERR_VALUE when it returned NULL.</summary>
    public override uint Alloc(string caller, uint size, out uint va)
    {
        va = DmaApi.AllocCoherent(Dev, size, out uint dma);
        Log(caller, "dma_alloc_coherent", va == 0 ? 0 : dma, va == 0 ? ErrValue.FromErrno(-Errno.ENOMEM) : dma);
        return va == 0 ? ErrValue.FromErrno(-Errno.ENOMEM) : dma;
    }

    /// <summary>dma_free_coherent(isp->dev, size, va, da).</summary>
    public override void Free(string caller, uint da, uint va, uint size)
    {
        DmaApi.FreeCoherent(Dev, size, va, da);
        Log(caller, "dma_free_coherent", da, 0);
    }
}
