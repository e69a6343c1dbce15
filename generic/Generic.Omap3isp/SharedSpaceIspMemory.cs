using Generic.Iommu;
using Generic.Iommu.Dma;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// omap3isp's memory calls on a shared address space (the VCM idea as a library, issue #9): the ISP domain is
/// allocated and attached as in 3.3, then attached to <see cref="IspPlatform.SharedSpace"/>, and every buffer is
/// mapped through the space, so every device attached to it sees the buffer at the same device address. Tables
/// and statistics buffers come from the page allocator, not from a domain: a device that detaches or vanishes
/// takes no memory with it. The OMAP driver reads prot as IOVMF bits (omap.md §7.3), so the space hands it
/// omap3isp's IOMMU_FLAG (0: little endian, 8-bit elements) whatever generic flags a buffer carries.
/// </summary>
public sealed class SharedSpaceIspMemory : IspMemoryPort
{
    /// <summary>The generic flags every ISP buffer is shared with: the ISP reads and writes its buffers.</summary>
    public const int BufferProt = IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE;

    private readonly SharedAddressSpace _space;
    private readonly Dictionary<uint, (uint Pa, int Order)> _allocations = new();

    /// <summary>The shared-space port for the ISP device of <paramref name="platform"/> (whose <see cref="IspPlatform.SharedSpace"/> must be set).</summary>
    public SharedSpaceIspMemory(IspPlatform platform)
        : base(platform)
    {
        _space = platform.SharedSpace ?? throw new ArgumentException("the shared-space port needs IspPlatform.SharedSpace", nameof(platform));
    }

    /// <inheritdoc />
    public override IspMemoryBackend Backend => IspMemoryBackend.SharedSpace;

    /// <inheritdoc />
    public override bool MapsPfnmapThroughDmaSg => false;

    /// <summary>Guarded as in the DMA port: after remove has detached there is no context to save (the 3.3 oops, omap.md §7.7, is not repeated).</summary>
    protected override bool GuardsContext => true;

    /// <summary>The space the buffers are mapped through.</summary>
    public SharedAddressSpace Space => _space;

    /// <summary>omap3isp's prot for the OMAP driver: IOMMU_FLAG whatever the generic flags (the driver ORs prot into IOVMF bits, §7.3).</summary>
    public static int OmapProt(int genericProt) => (int)IspDmaProt.IOMMU_FLAG;

    /// <summary>isp_probe: iommu_domain_alloc + iommu_attach_device as in 3.3, then the domain joins the space (its mappings replayed into it).</summary>
    public override int Attach()
    {
        int ret = AllocAndAttachDomain();
        if (ret != 0)
            return ret;
        ret = _space.Attach(Domain!, OmapProt);
        Log("isp_probe", "shared_space_attach", 0, unchecked((uint)ret));
        if (ret != 0)
            DetachAndFreeDomain("isp_probe");
        return ret;
    }

    /// <summary>The domain leaves the space (its entries unmapped, the other devices keep theirs), then detach and free as in 3.3.</summary>
    public override void Detach(string caller)
    {
        _space.Detach(Domain ?? throw new KernelBugException($"{caller}: iommu_detach_device(NULL domain)"));
        Log(caller, "shared_space_detach", 0, 0);
        DetachAndFreeDomain(caller);
    }

    /// <summary>dma_map_sg through the board's direct ops, as in 3.3: cache maintenance only; the space maps the buffer.</summary>
    public override int DmaMapSg(string caller, SgTable sgt, DmaDataDirection dir) => DirectDmaMapSg(caller, sgt, dir);

    /// <inheritdoc />
    public override void DmaUnmapSg(string caller, SgTable sgt, DmaDataDirection dir) => DirectDmaUnmapSg(caller, sgt, dir);

    /// <summary>The buffer mapped through the space: its device address, or -EINVAL/-ENOMEM/the driver's errno as IS_ERR_VALUE.</summary>
    public override uint VideoBufferMap(string caller, SgTable sgt)
    {
        Attached(caller);
        uint da = _space.MapSg(sgt, BufferProt);
        Log(caller, "shared_space_map_sg", da, da);
        return da;
    }

    /// <summary>Unmaps the buffer at <paramref name="da"/> from every device of the space.</summary>
    public override void VideoBufferUnmap(string caller, uint da)
    {
        Attached(caller);
        int ret = _space.UnmapSg(da);
        Log(caller, "shared_space_unmap_sg", da, unchecked((uint)ret));
    }

    /// <summary>
    /// Physically contiguous pages of the page allocator (owned by the driver, not by any domain), mapped through the
    /// space; <paramref name="va"/> is their lowmem address. The da or -ENOMEM / the map's errno as IS_ERR_VALUE.
    /// </summary>
    public override uint Alloc(string caller, uint size, out uint va)
    {
        va = 0;
        Attached(caller);
        if (size == 0)
            return ErrValue.FromErrno(-Errno.EINVAL);
        int order = KernelMemory.GetOrder(size);
        uint pa = Platform.Soc.Pages.AllocPages(order, zero: true);
        if (pa == 0)
        {
            Log(caller, "alloc_pages", 0, ErrValue.FromErrno(-Errno.ENOMEM));
            return ErrValue.FromErrno(-Errno.ENOMEM);
        }
        var sg = new Scatterlist();
        sg.SetPage(pa, KernelMemory.PageAlign(size), 0);
        uint da = _space.MapSg(SgTable.FromEntries([sg]), BufferProt);
        Log(caller, "shared_space_map_sg", da, da);
        if (ErrValue.IsErrValue(da))
        {
            Platform.Soc.Pages.FreePages(pa, order);
            return da;
        }
        _allocations.Add(da, (pa, order));
        va = Platform.KernelMemory.PhysToVirt(pa);
        return da;
    }

    /// <summary>Unmaps what <see cref="Alloc"/> returned from every device, then frees its pages.</summary>
    public override void Free(string caller, uint da, uint va, uint size)
    {
        int ret = _space.UnmapSg(da);
        Log(caller, "shared_space_unmap_sg", da, unchecked((uint)ret));
        if (_allocations.Remove(da, out (uint Pa, int Order) a))
            Platform.Soc.Pages.FreePages(a.Pa, a.Order);
    }
}
