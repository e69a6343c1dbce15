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
public sealed class DmaIspMemory : IIspMemory
{
    /// <summary>First device address the port hands out (iovmm's anonymous start for da_start 0, omap.md §5.4).</summary>
    public const uint IovaStart = 0x1000;

    /// <summary>End (exclusive) of the ISP MMU's device address range: da_end 0xFFFFF000 (omap.md §2.1).</summary>
    public const uint IovaEnd = 0xFFFFF000;

    private readonly IspPlatform _platform;
    private readonly List<IspMemoryCall> _calls = new();
    private object? _boardDmaOps;

    /// <summary>The DMA-mapping port for the ISP device of <paramref name="platform"/>.</summary>
    public DmaIspMemory(IspPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        _platform = platform;
    }

    /// <inheritdoc />
    public IspMemoryBackend Backend => IspMemoryBackend.DmaMapping;

    /// <inheritdoc />
    public IommuDomain? Domain { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<IspMemoryCall> Calls => _calls;

    /// <inheritdoc />
    public bool MapsPfnmapThroughDmaSg => true;

    /// <summary>The IOMMU-backed ops set on the ISP device while attached (null otherwise).</summary>
    public IommuDmaOps? DmaOps { get; private set; }

    /// <summary>The ISP's IOVA space while attached (null otherwise).</summary>
    public IovaAllocator? Iova { get; private set; }

    private Device Dev => _platform.Device;

    /// <summary>
    /// isp_probe: iommu_domain_alloc + iommu_attach_device as in 3.3, then the device's dma ops become the
    /// IOMMU-backed ops over that domain (arm_iommu_attach_device's set_dma_ops).
    /// </summary>
    public int Attach()
    {
        Domain = IommuApi.DomainAlloc(_platform.Bus);
        Log("isp_probe", "iommu_domain_alloc", 0, Domain is null ? 0u : 1u);
        if (Domain is null)
            return -Errno.ENOMEM;

        int ret = IommuApi.AttachDevice(Domain, Dev);
        Log("isp_probe", "iommu_attach_device", 0, unchecked((uint)ret));
        if (ret != 0)
        {
            IommuApi.DomainFree(Domain);
            Log("isp_probe", "iommu_domain_free", 0, 0);
            Domain = null;
            return ret;
        }

        Iova = new IovaAllocator(IovaStart, IovaEnd);
        DmaOps = new IommuDmaOps(Domain, Iova, _platform.KernelMemory, _platform.DmaProt ?? IspDmaProt.ForDirection);
        _boardDmaOps = Dev.ArchDataDmaOps;
        DmaApi.SetDmaOps(Dev, DmaOps);
        return 0;
    }

    /// <summary>
    /// The error path and isp_remove: the direct ops come back (arm_iommu_detach_device: set_dma_ops(dev, NULL)),
    /// then iommu_detach_device + iommu_domain_free, and isp->domain = NULL as the later driver does.
    /// </summary>
    public void Detach(string caller)
    {
        IommuDomain domain = Domain ?? throw new KernelBugException($"{caller}: iommu_detach_device(NULL domain)");
        if (_boardDmaOps is IDmaMapOps board)
            DmaApi.SetDmaOps(Dev, board);
        IommuApi.DetachDevice(domain, Dev);
        Log(caller, "iommu_detach_device", 0, 0);
        IommuApi.DomainFree(domain);
        Log(caller, "iommu_domain_free", 0, 0);
        Domain = null;
        DmaOps = null;
        Iova = null;
    }

    /// <summary>
    /// isp_save_ctx: omap_iommu_save_ctx(isp->dev), skipped once isp->domain is NULL. This is the guard omap3isp
    /// later added to omap3isp_put (the reference is silent on when; 3.3 has no guard and oopses, see
    /// <see cref="IovmmIspMemory.SaveContext"/>): the port keeps the ISP usable across probe failures and remove.
    /// </summary>
    public bool SaveContext()
    {
        if (Domain is null)
            return false;
        Log("isp_save_ctx", "omap_iommu_save_ctx", 0, 0);
        OmapIommuContext.Save(Dev);
        return true;
    }

    /// <summary>isp_restore_ctx: omap_iommu_restore_ctx(isp->dev), with the same guard as <see cref="SaveContext"/>.</summary>
    public bool RestoreContext()
    {
        if (Domain is null)
            return false;
        Log("isp_restore_ctx", "omap_iommu_restore_ctx", 0, 0);
        OmapIommuContext.Restore(Dev);
        return true;
    }

    /// <summary>dma_map_sg(isp->dev, …): the IOMMU mapping; the entry count, 0 when iommu_map failed (nothing left mapped).</summary>
    public int DmaMapSg(string caller, SgTable sgt, DmaDataDirection dir)
    {
        int n = DmaApi.MapSg(Dev, sgt, dir);
        Log(caller, "dma_map_sg", n == 0 ? 0 : sgt.Sgl[0].DmaAddress, (uint)n);
        return n;
    }

    /// <summary>dma_unmap_sg(isp->dev, …): iommu_unmap of the region and release of its IOVA.</summary>
    public void DmaUnmapSg(string caller, SgTable sgt, DmaDataDirection dir)
    {
        ArgumentNullException.ThrowIfNull(sgt);
        uint da = sgt.Sgl[0].DmaAddress;
        DmaApi.UnmapSg(Dev, sgt, dir);
        Log(caller, "dma_unmap_sg", da, 0);
    }

    /// <summary>sg_dma_address(sglist): the mapping was made by ispqueue's dma_map_sg; no call here.</summary>
    public uint VideoBufferMap(string caller, SgTable sgt)
    {
        ArgumentNullException.ThrowIfNull(sgt);
        return sgt.Sgl[0].DmaAddress;
    }

    /// <summary>Nothing: the buffer's mapping belongs to its scatterlist and is undone by dma_unmap_sg in the queue's cleanup.</summary>
    public void VideoBufferUnmap(string caller, uint da)
    {
    }

    /// <summary>dma_alloc_coherent(isp->dev, size, &amp;dma, GFP_KERNEL): returns dma (the da), or -ENOMEM as IS_ERR_VALUE when it returned NULL.</summary>
    public uint Alloc(string caller, uint size, out uint va)
    {
        va = DmaApi.AllocCoherent(Dev, size, out uint dma);
        Log(caller, "dma_alloc_coherent", va == 0 ? 0 : dma, va == 0 ? ErrValue.FromErrno(-Errno.ENOMEM) : dma);
        return va == 0 ? ErrValue.FromErrno(-Errno.ENOMEM) : dma;
    }

    /// <summary>dma_free_coherent(isp->dev, size, va, da).</summary>
    public void Free(string caller, uint da, uint va, uint size)
    {
        DmaApi.FreeCoherent(Dev, size, va, da);
        Log(caller, "dma_free_coherent", da, 0);
    }

    private void Log(string caller, string callee, uint da, uint result) => _calls.Add(new IspMemoryCall(caller, callee, da, result));
}
