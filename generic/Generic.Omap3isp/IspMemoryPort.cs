using Generic.Iommu;
using Generic.Iommu.Dma;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// What every port of omap3isp's memory calls does the same way: isp->domain allocated on the platform bus with the
/// ISP device attached (3.3 isp_probe), detached and freed on the error path and at remove, the IOMMU context
/// saved and restored through the device (omap_iommu_save_ctx/restore_ctx), and the call log. The ports differ in
/// how buffers are mapped and whether the context calls are guarded once the domain is gone.
/// </summary>
public abstract class IspMemoryPort : IIspMemory
{
    private readonly List<IspMemoryCall> _calls = new();

    /// <summary>A port for the ISP device of <paramref name="platform"/>.</summary>
    protected IspMemoryPort(IspPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Platform = platform;
    }

    /// <inheritdoc />
    public abstract IspMemoryBackend Backend { get; }

    /// <inheritdoc />
    public IommuDomain? Domain { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<IspMemoryCall> Calls => _calls;

    /// <inheritdoc />
    public abstract bool MapsPfnmapThroughDmaSg { get; }

    /// <summary>The platform the ISP runs on.</summary>
    protected IspPlatform Platform { get; }

    /// <summary>&amp;pdev->dev of the ISP.</summary>
    protected Device Dev => Platform.Device;

    /// <summary>
    /// True when the context calls are skipped once isp->domain is NULL: the guard omap3isp later added to
    /// omap3isp_put; 3.3 has none and oopses after detach (omap.md §7.7).
    /// </summary>
    protected abstract bool GuardsContext { get; }

    /// <inheritdoc />
    public abstract int Attach();

    /// <inheritdoc />
    public abstract void Detach(string caller);

    /// <summary>isp_save_ctx: omap_iommu_save_ctx(isp->dev); false when the port's guard skipped it.</summary>
    public bool SaveContext()
    {
        if (GuardsContext && Domain is null)
            return false;
        Log("isp_save_ctx", "omap_iommu_save_ctx", 0, 0);
        OmapIommuContext.Save(Dev);
        return true;
    }

    /// <summary>isp_restore_ctx: omap_iommu_restore_ctx(isp->dev), with the same guard as <see cref="SaveContext"/>.</summary>
    public bool RestoreContext()
    {
        if (GuardsContext && Domain is null)
            return false;
        Log("isp_restore_ctx", "omap_iommu_restore_ctx", 0, 0);
        OmapIommuContext.Restore(Dev);
        return true;
    }

    /// <inheritdoc />
    public abstract int DmaMapSg(string caller, SgTable sgt, DmaDataDirection dir);

    /// <inheritdoc />
    public abstract void DmaUnmapSg(string caller, SgTable sgt, DmaDataDirection dir);

    /// <inheritdoc />
    public abstract uint VideoBufferMap(string caller, SgTable sgt);

    /// <inheritdoc />
    public abstract void VideoBufferUnmap(string caller, uint da);

    /// <inheritdoc />
    public abstract uint Alloc(string caller, uint size, out uint va);

    /// <inheritdoc />
    public abstract void Free(string caller, uint da, uint va, uint size);

    /// <summary>
    /// isp_probe: isp->domain = iommu_domain_alloc(pdev->dev.bus) (NULL → -ENOMEM), iommu_attach_device (an error →
    /// iommu_domain_free, "can't attach iommu device"). 0 with <see cref="Domain"/> set, or the errno with it null.
    /// </summary>
    protected int AllocAndAttachDomain()
    {
        Domain = IommuApi.DomainAlloc(Platform.Bus);
        Log("isp_probe", "iommu_domain_alloc", 0, Domain is null ? 0u : 1u);
        if (Domain is null)
            return -Errno.ENOMEM;
        int ret = IommuApi.AttachDevice(Domain, Dev);
        Log("isp_probe", "iommu_attach_device", 0, unchecked((uint)ret));
        if (ret != 0)
            FreeDomain("isp_probe");
        return ret;
    }

    /// <summary>iommu_detach_device + iommu_domain_free; a NULL isp->domain is the kernel's oops.</summary>
    protected void DetachAndFreeDomain(string caller)
    {
        IommuDomain domain = Domain ?? throw new KernelBugException($"{caller}: iommu_detach_device(NULL domain)");
        IommuApi.DetachDevice(domain, Dev);
        Log(caller, "iommu_detach_device", 0, 0);
        FreeDomain(caller);
    }

    /// <summary>iommu_domain_free(isp->domain); the model then clears isp->domain (nothing reads the freed pointer after it).</summary>
    protected void FreeDomain(string caller)
    {
        IommuApi.DomainFree(Domain!);
        Log(caller, "iommu_domain_free", 0, 0);
        Domain = null;
    }

    /// <summary>dma_map_sg through the board's direct ops (3.3 ARM: cache maintenance only, sg_dma_address = the physical address).</summary>
    protected int DirectDmaMapSg(string caller, SgTable sgt, DmaDataDirection dir)
    {
        int n = DmaApi.MapSg(Dev, sgt, dir);
        Log(caller, "dma_map_sg", 0, (uint)n);
        return n;
    }

    /// <summary>dma_unmap_sg through the board's direct ops.</summary>
    protected void DirectDmaUnmapSg(string caller, SgTable sgt, DmaDataDirection dir)
    {
        DmaApi.UnmapSg(Dev, sgt, dir);
        Log(caller, "dma_unmap_sg", 0, 0);
    }

    /// <summary>isp->domain as the mapping calls pass it; after iommu_domain_free it would be a dangling pointer.</summary>
    protected IommuDomain Attached(string caller) =>
        Domain ?? throw new KernelBugException($"{caller}: isp->domain used after iommu_domain_free");

    /// <summary>Records one call.</summary>
    protected void Log(string caller, string callee, uint da, uint result) => _calls.Add(new IspMemoryCall(caller, callee, da, result));
}
