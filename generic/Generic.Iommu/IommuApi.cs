using Migration.Kernel;

namespace Generic.Iommu;

/// <summary>
/// The 3.3 generic IOMMU API (drivers/iommu/iommu.c; generic.md §4.2, §5, §6) as a library of
/// functions on domains: byte-sized iommu_map that splits by pgsize_bitmap and rolls back a failed
/// map, iommu_unmap that hands the driver the remaining length, fault reporting.
/// </summary>
public static class IommuApi
{
    /// <summary>iommu_domain_alloc(bus): NULL when the bus has no IOMMU or domain_init fails (errors swallowed, §9.9).</summary>
    public static IommuDomain? DomainAlloc(BusType bus)
    {
        if (bus?.IommuOps is not IIommuOps ops)
            return null;
        var domain = new IommuDomain(ops); // kzalloc: handler starts NULL
        return ops.DomainInit(domain) != 0 ? null : domain;
    }

    /// <summary>iommu_domain_free(domain): domain_destroy, without detaching devices (§9.10).</summary>
    public static void DomainFree(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        domain.Ops.DomainDestroy(domain);
    }

    /// <summary>iommu_attach_device(domain, dev): the driver's result.</summary>
    public static int AttachDevice(IommuDomain domain, Device dev)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.Ops.AttachDev(domain, dev);
    }

    /// <summary>iommu_detach_device(domain, dev).</summary>
    public static void DetachDevice(IommuDomain domain, Device dev)
    {
        ArgumentNullException.ThrowIfNull(domain);
        domain.Ops.DetachDev(domain, dev);
    }

    /// <summary>
    /// iommu_map(domain, iova, paddr, size, prot) (§5.1): -ENODEV without a map op; -EINVAL unless
    /// iova | paddr | size is min_pagesz aligned; else one driver call per chosen page. On a driver error
    /// the part already mapped (excluding the failing chunk) is unmapped and the error returned (§9.5).
    /// </summary>
    public static int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot)
    {
        ArgumentNullException.ThrowIfNull(domain);
        int ret = MapNoSync(domain, iova, paddr, size, prot);
        // iommu_map (5.12+): one ops->iotlb_sync_map for the whole call, when the driver defers it.
        if (ret == 0 && domain.Ops.HasIotlbSyncMap)
            ret = domain.Ops.IotlbSyncMap(domain, iova, size);
        return ret;
    }

    /// <summary>
    /// iommu_map_sg(domain, iova, sg, nents, prot) (5.12+ __iommu_map_sg): maps the first <paramref name="nents"/>
    /// entries of <paramref name="sgt"/> back to back from <paramref name="iova"/>, physically contiguous entries
    /// coalesced into one map, then one ops->iotlb_sync_map for everything. Returns the bytes mapped, or a negative
    /// errno with nothing left mapped (the part already mapped is unmapped).
    /// </summary>
    public static long MapSg(IommuDomain domain, uint iova, SgTable sgt, int nents, int prot)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(sgt);
        return MapSg(domain, iova, sgt, nents, prot, pageExtents: false);
    }

    /// <summary>
    /// iommu_map_sg as iommu_dma_map_sg calls it (5.x): every entry stands for the whole pages under it,
    /// [page, page + PAGE_ALIGN(offset + length)), so entries at a page offset map too. Linux rewrites each entry to that
    /// extent before __iommu_map_sg and restores it in __finalise_sg; here the entries are read that way and never
    /// rewritten. Same coalescing, single sync, result and rollback as <see cref="MapSg(IommuDomain, uint, SgTable, int, int)"/>.
    /// </summary>
    internal static long MapSgPageExtents(IommuDomain domain, uint iova, SgTable sgt, int nents, int prot) =>
        MapSg(domain, iova, sgt, nents, prot, pageExtents: true);

    // __iommu_map_sg: one pass, physically contiguous entries merged into one __iommu_map, one iotlb_sync_map.
    private static long MapSg(IommuDomain domain, uint iova, SgTable sgt, int nents, int prot, bool pageExtents)
    {
        uint mapped = 0, start = 0, len = 0;
        int ret = 0;
        for (int i = 0; i < nents && ret == 0; i++)
        {
            ref Scatterlist sg = ref sgt.Sgl[i];
            uint phys = pageExtents ? sg.PagePhys : sg.Phys;
            uint length = pageExtents ? KernelMemory.PageAlign(sg.Offset + sg.Length) : sg.Length;
            if (len != 0 && phys != start + len)
            {
                ret = MapNoSync(domain, iova + mapped, start, len, prot);
                mapped += ret == 0 ? len : 0;
                len = 0;
            }
            if (len != 0)
            {
                len += length;
            }
            else
            {
                len = length;
                start = phys;
            }
        }
        if (ret == 0 && len != 0)
        {
            ret = MapNoSync(domain, iova + mapped, start, len, prot);
            mapped += ret == 0 ? len : 0;
        }
        if (ret == 0 && domain.Ops.HasIotlbSyncMap)
            ret = domain.Ops.IotlbSyncMap(domain, iova, mapped);
        if (ret == 0)
            return mapped;
        if (mapped != 0)
            _ = Unmap(domain, iova, mapped); // out_err: undo what was mapped
        return ret;
    }

    // __iommu_map: the page-size split and the driver calls, without the final iotlb_sync_map.
    private static int MapNoSync(IommuDomain domain, uint iova, uint paddr, uint size, int prot)
    {
        IIommuOps ops = domain.Ops;
        if (!ops.HasMap)
            return -Errno.ENODEV;
        uint minPagesz = PageSizeSplitter.MinPageSize(ops.PgsizeBitmap);
        if (((iova | paddr | size) & (minPagesz - 1)) != 0)
            return -Errno.EINVAL; // "unaligned"
        uint origIova = iova;
        uint origSize = size;
        int ret = 0;
        if (ops.HasMapPages)
        {
            // __iommu_map_pages (5.x): one driver call per run of equal pages.
            while (size != 0)
            {
                uint pgsize = PageSizeSplitter.PageSize(ops.PgsizeBitmap, iova, paddr, size, out uint count);
                ret = ops.MapPages(domain, iova, paddr, pgsize, count, prot, out uint mapped);
                size -= mapped; // mapped may be non-zero even on failure
                if (ret != 0)
                    break;
                iova = unchecked(iova + mapped);
                paddr = unchecked(paddr + mapped);
            }
            if (ret != 0)
                domain.MapPolicy.RollBack(domain, origIova, origSize - size);
            return ret;
        }
        while (size != 0)
        {
            uint pgsize = domain.MapPolicy.PageSize(ops.PgsizeBitmap, iova, paddr, size);
            ret = ops.Map(domain, iova, paddr, pgsize, prot);
            if (ret != 0)
                break;
            iova = unchecked(iova + pgsize);
            paddr = unchecked(paddr + pgsize);
            size -= pgsize;
        }
        if (ret != 0)
            domain.MapPolicy.RollBack(domain, origIova, origSize - size); // result ignored
        return ret;
    }

    /// <summary>
    /// iommu_unmap(domain, iova, size) (§5.3): size_t bytes unmapped, which may exceed size or stop at a
    /// hole; -ENODEV / -EINVAL come back as 0xFFFFFFED / 0xFFFFFFEA (§9.6).
    /// </summary>
    public static uint Unmap(IommuDomain domain, uint iova, uint size)
    {
        ArgumentNullException.ThrowIfNull(domain);
        IIommuOps ops = domain.Ops;
        if (!ops.HasUnmap)
            return unchecked((uint)-Errno.ENODEV);
        uint minPagesz = PageSizeSplitter.MinPageSize(ops.PgsizeBitmap);
        if (((iova | size) & (minPagesz - 1)) != 0)
            return unchecked((uint)-Errno.EINVAL);
        uint unmapped = 0;
        if (ops.HasUnmapPages)
        {
            // __iommu_unmap with an iotlb gather (5.x): runs of one page size per call, one iotlb_sync at the end.
            IommuIotlbGather gather = IommuIotlbGather.Init();
            while (unmapped < size)
            {
                uint pgsize = PageSizeSplitter.PageSize(ops.PgsizeBitmap, iova, iova, size - unmapped, out uint count);
                uint got = ops.UnmapPages(domain, iova, pgsize, count, ref gather);
                if (got == 0)
                    break;
                iova = unchecked(iova + got);
                unmapped = unchecked(unmapped + got);
            }
            ops.IotlbSync(domain, ref gather);
            return unmapped;
        }
        while (unmapped < size)
        {
            uint got = ops.Unmap(domain, iova, size - unmapped); // the remaining length, not a page size (§9.7)
            if (got == 0)
                break;
            iova = unchecked(iova + got);
            unmapped = unchecked(unmapped + got);
        }
        return unmapped;
    }

    /// <summary>iommu_iova_to_phys(domain, iova): the driver's translation, 0 when unmapped.</summary>
    public static uint IovaToPhys(IommuDomain domain, uint iova)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.Ops.IovaToPhys(domain, iova);
    }

    /// <summary>iommu_domain_has_cap(domain, cap).</summary>
    public static int DomainHasCap(IommuDomain domain, uint cap)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.Ops.DomainHasCap(domain, cap);
    }

    /// <summary>iommu_set_fault_handler(domain, handler): BUG on a NULL domain.</summary>
    public static void SetFaultHandler(IommuDomain? domain, IommuFaultHandler? handler)
    {
        Bug.On(domain is null, "iommu_set_fault_handler: BUG_ON(!domain)");
        domain.Handler = handler;
    }

    /// <summary>report_iommu_fault(domain, dev, iova, flags) (§6): the handler's value, or -ENOSYS without one.</summary>
    public static int ReportFault(IommuDomain domain, Device dev, uint iova, int flags)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.Handler is { } handler ? handler(domain, dev, iova, flags) : -Errno.ENOSYS;
    }
}
