using Generic.Iommu;
using Generic.Iommu.Dma;
using Generic.Omap;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// omap3isp's memory calls as Linux 3.3 makes them (omap.md §7.7): a domain allocated on the platform bus with
/// the ISP device attached, and the omap-iovmm functions with (isp->domain, isp->dev, …) or (isp->dev, …):
/// omap_iommu_vmap/vunmap/vmalloc/vfree, omap_find_iovm_area, omap_da_to_va. Every allocation is anonymous
/// (da 0, no IOVMF_DA_FIXED) with IOMMU_FLAG = 0, so areas start at 0x1000 with a guard page after each (§8.11).
/// </summary>
public sealed class IovmmIspMemory : IIspMemory
{
    private readonly IspPlatform _platform;
    private readonly List<IspMemoryCall> _calls = new();

    /// <summary>The iovmm port for the ISP device of <paramref name="platform"/>.</summary>
    public IovmmIspMemory(IspPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        _platform = platform;
    }

    /// <inheritdoc />
    public IspMemoryBackend Backend => IspMemoryBackend.Iovmm;

    /// <inheritdoc />
    public IommuDomain? Domain { get; private set; }

    /// <inheritdoc />
    public IReadOnlyList<IspMemoryCall> Calls => _calls;

    /// <inheritdoc />
    public bool MapsPfnmapThroughDmaSg => false;

    private Device Dev => _platform.Device;

    /// <inheritdoc />
    public int Attach()
    {
        Domain = IommuApi.DomainAlloc(_platform.Bus);
        Log("isp_probe", "iommu_domain_alloc", 0, Domain is null ? 0u : 1u);
        if (Domain is null)
            return -Errno.ENOMEM; // "can't alloc iommu domain"

        int ret = IommuApi.AttachDevice(Domain, Dev);
        Log("isp_probe", "iommu_attach_device", 0, unchecked((uint)ret));
        if (ret != 0)
        {
            // goto free_domain ("can't attach iommu device")
            IommuApi.DomainFree(Domain);
            Log("isp_probe", "iommu_domain_free", 0, 0);
            Domain = null; // isp->domain keeps the freed pointer in the kernel; nothing reads it after this
        }
        return ret;
    }

    /// <inheritdoc />
    public void Detach(string caller)
    {
        IommuDomain domain = Domain ?? throw new KernelBugException($"{caller}: iommu_detach_device(NULL domain)");
        IommuApi.DetachDevice(domain, Dev);
        Log(caller, "iommu_detach_device", 0, 0);
        IommuApi.DomainFree(domain);
        Log(caller, "iommu_domain_free", 0, 0);
        Domain = null;
    }

    /// <inheritdoc />
    public bool SaveContext()
    {
        Log("isp_save_ctx", "omap_iommu_save_ctx", 0, 0);
        OmapIommuContext.Save(Dev); // no `if (isp->iommu)` guard any more (§7.7)
        return true;
    }

    /// <inheritdoc />
    public bool RestoreContext()
    {
        Log("isp_restore_ctx", "omap_iommu_restore_ctx", 0, 0);
        OmapIommuContext.Restore(Dev);
        return true;
    }

    /// <inheritdoc />
    public int DmaMapSg(string caller, SgTable sgt, DmaDataDirection dir)
    {
        // 3.3 ARM: the direct ops; only cache maintenance, sg_dma_address = the physical address.
        int n = DmaApi.MapSg(Dev, sgt, dir);
        Log(caller, "dma_map_sg", 0, (uint)n);
        return n;
    }

    /// <inheritdoc />
    public void DmaUnmapSg(string caller, SgTable sgt, DmaDataDirection dir)
    {
        DmaApi.UnmapSg(Dev, sgt, dir);
        Log(caller, "dma_unmap_sg", 0, 0);
    }

    /// <summary>
    /// ispmmu_vmap(isp, sglist, sglen): kmalloc an sg_table over the queue's scatterlist (-ENOMEM), then
    /// omap_iommu_vmap(isp->domain, isp->dev, 0, sgt, IOMMU_FLAG); the sg_table is kfree'd only when the result
    /// IS_ERR_VALUE, which with a first-entry offset it no longer is (§8.24).
    /// </summary>
    public uint VideoBufferMap(string caller, SgTable sgt)
    {
        if (!_platform.KernelMemory.TryKzalloc())
            return ErrValue.FromErrno(-Errno.ENOMEM); // kmalloc(sizeof(*sgt))
        uint da = OmapIovmm.Vmap(Attached(caller), Dev, 0, sgt, IspDmaProt.IOMMU_FLAG);
        Log(caller, "omap_iommu_vmap", da, da);
        return da;
    }

    /// <summary>ispmmu_vunmap(isp, da): omap_iommu_vunmap(isp->domain, isp->dev, da), then kfree of the returned sg_table (NULL-safe).</summary>
    public void VideoBufferUnmap(string caller, uint da)
    {
        SgTable? sgt = OmapIovmm.Vunmap(Attached(caller), Dev, da);
        Log(caller, "omap_iommu_vunmap", da, sgt is null ? 0u : 1u);
    }

    /// <summary>omap_iommu_vmalloc(isp->domain, isp->dev, 0, size, IOMMU_FLAG); <paramref name="va"/> is 0 (omap_da_to_va gives it).</summary>
    public uint Alloc(string caller, uint size, out uint va)
    {
        va = 0;
        uint da = OmapIovmm.Vmalloc(Attached(caller), Dev, 0, size, IspDmaProt.IOMMU_FLAG);
        Log(caller, "omap_iommu_vmalloc", da, da);
        return da;
    }

    /// <summary>omap_iommu_vfree(isp->domain, isp->dev, da); <paramref name="va"/> and <paramref name="size"/> are not part of the call.</summary>
    public void Free(string caller, uint da, uint va, uint size)
    {
        OmapIovmm.Vfree(Attached(caller), Dev, da);
        Log(caller, "omap_iommu_vfree", da, 0);
    }

    /// <summary>omap_find_iovm_area(isp->dev, da): the area containing da (its sgt feeds dma_map_sg), or null.</summary>
    public IovmArea? FindIovmArea(string caller, uint da)
    {
        IovmArea? area = OmapIovmm.FindIovmArea(Dev, da);
        Log(caller, "omap_find_iovm_area", da, area is null ? 0u : 1u);
        return area;
    }

    /// <summary>omap_da_to_va(isp->dev, da): the kernel address of the START of the area containing da (§8.17), 0 if none.</summary>
    public uint DaToVa(string caller, uint da)
    {
        uint va = OmapIovmm.DaToVa(Dev, da);
        Log(caller, "omap_da_to_va", da, va);
        return va;
    }

    // isp->domain as the iovmm calls pass it; after iommu_domain_free it would be a dangling pointer.
    private IommuDomain Attached(string caller) =>
        Domain ?? throw new KernelBugException($"{caller}: isp->domain used after iommu_domain_free");

    private void Log(string caller, string callee, uint da, uint result) => _calls.Add(new IspMemoryCall(caller, callee, da, result));
}
