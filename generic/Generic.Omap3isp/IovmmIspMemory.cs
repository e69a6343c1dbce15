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
public sealed class IovmmIspMemory : IspMemoryPort
{
    /// <summary>The iovmm port for the ISP device of <paramref name="platform"/>.</summary>
    public IovmmIspMemory(IspPlatform platform)
        : base(platform)
    {
    }

    /// <inheritdoc />
    public override IspMemoryBackend Backend => IspMemoryBackend.Iovmm;

    /// <inheritdoc />
    public override bool MapsPfnmapThroughDmaSg => false;

    /// <summary>None: 3.3 omap3isp_put calls omap_iommu_save_ctx without an `if (isp->iommu)` guard (omap.md §7.7).</summary>
    protected override bool GuardsContext => false;

    /// <inheritdoc />
    public override int Attach() => AllocAndAttachDomain();

    /// <inheritdoc />
    public override void Detach(string caller) => DetachAndFreeDomain(caller);

    /// <inheritdoc />
    public override int DmaMapSg(string caller, SgTable sgt, DmaDataDirection dir) => DirectDmaMapSg(caller, sgt, dir);

    /// <inheritdoc />
    public override void DmaUnmapSg(string caller, SgTable sgt, DmaDataDirection dir) => DirectDmaUnmapSg(caller, sgt, dir);

    /// <summary>
    /// ispmmu_vmap(isp, sglist, sglen): kmalloc an sg_table over the queue's scatterlist (-ENOMEM), then
    /// omap_iommu_vmap(isp->domain, isp->dev, 0, sgt, IOMMU_FLAG); the sg_table is kfree'd only when the result
    /// IS_ERR_VALUE, which with a first-entry offset it no longer is (§8.24).
    /// </summary>
    public override uint VideoBufferMap(string caller, SgTable sgt)
    {
        if (!Platform.KernelMemory.TryKzalloc())
            return ErrValue.FromErrno(-Errno.ENOMEM); // kmalloc(sizeof(*sgt))
        uint da = OmapIovmm.Vmap(Attached(caller), Dev, 0, sgt, IspDmaProt.IOMMU_FLAG);
        Log(caller, "omap_iommu_vmap", da, da);
        return da;
    }

    /// <summary>ispmmu_vunmap(isp, da): omap_iommu_vunmap(isp->domain, isp->dev, da), then kfree of the returned sg_table (NULL-safe).</summary>
    public override void VideoBufferUnmap(string caller, uint da)
    {
        SgTable? sgt = OmapIovmm.Vunmap(Attached(caller), Dev, da);
        Log(caller, "omap_iommu_vunmap", da, sgt is null ? 0u : 1u);
    }

    /// <summary>omap_iommu_vmalloc(isp->domain, isp->dev, 0, size, IOMMU_FLAG); <paramref name="va"/> is 0 (omap_da_to_va gives it).</summary>
    public override uint Alloc(string caller, uint size, out uint va)
    {
        va = 0;
        uint da = OmapIovmm.Vmalloc(Attached(caller), Dev, 0, size, IspDmaProt.IOMMU_FLAG);
        Log(caller, "omap_iommu_vmalloc", da, da);
        return da;
    }

    /// <summary>omap_iommu_vfree(isp->domain, isp->dev, da); <paramref name="va"/> and <paramref name="size"/> are not part of the call.</summary>
    public override void Free(string caller, uint da, uint va, uint size)
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
}
