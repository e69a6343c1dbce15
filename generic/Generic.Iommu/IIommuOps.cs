using Migration.Kernel;

namespace Generic.Iommu;

/// <summary>
/// struct iommu_ops of Linux 3.3 (generic.md §3.3): byte-sized map/unmap plus pgsize_bitmap. A driver
/// that leaves map or unmap NULL says so through <see cref="HasMap"/> / <see cref="HasUnmap"/>.
/// </summary>
public interface IIommuOps
{
    /// <summary>ops->pgsize_bitmap: bit n set means a naturally aligned page of 1 &lt;&lt; n bytes can be mapped.</summary>
    uint PgsizeBitmap { get; }

    /// <summary>False when ops->map is NULL.</summary>
    bool HasMap => true;

    /// <summary>False when ops->unmap is NULL.</summary>
    bool HasUnmap => true;

    /// <summary>ops->domain_init(domain): 0 or a negative errno.</summary>
    int DomainInit(IommuDomain domain);

    /// <summary>ops->domain_destroy(domain).</summary>
    void DomainDestroy(IommuDomain domain);

    /// <summary>ops->attach_dev(domain, dev).</summary>
    int AttachDev(IommuDomain domain, Device dev);

    /// <summary>ops->detach_dev(domain, dev).</summary>
    void DetachDev(IommuDomain domain, Device dev);

    /// <summary>ops->map(domain, iova, paddr, size, prot): one page of a bitmap size, both addresses aligned to it.</summary>
    int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot);

    /// <summary>ops->unmap(domain, iova, size): size is the core's remaining length (3.3-3.6); returns the bytes unmapped.</summary>
    uint Unmap(IommuDomain domain, uint iova, uint size);

    /// <summary>ops->iova_to_phys(domain, iova): 0 when not mapped.</summary>
    uint IovaToPhys(IommuDomain domain, uint iova);

    /// <summary>ops->domain_has_cap(domain, cap).</summary>
    int DomainHasCap(IommuDomain domain, uint cap);

    /// <summary>True when the driver offers ops->map_pages (Linux 5.x; the core then maps runs of one size per call).</summary>
    bool HasMapPages => false;

    /// <summary>
    /// ops->map_pages(domain, iova, paddr, pgsize, pgcount, prot, gfp, &amp;mapped) (5.x): maps pgcount pages of
    /// pgsize; returns 0 or an errno with the bytes actually mapped in <paramref name="mapped"/>.
    /// </summary>
    int MapPages(IommuDomain domain, uint iova, uint paddr, uint pgsize, uint pgcount, int prot, out uint mapped)
    {
        mapped = 0;
        return -Migration.Kernel.Errno.ENODEV;
    }

    /// <summary>
    /// True when the driver defers the TLB maintenance of new mappings to ops->iotlb_sync_map (5.12+): map_pages then
    /// only writes entries, and the core syncs once per iommu_map / iommu_map_sg.
    /// </summary>
    bool HasIotlbSyncMap => false;

    /// <summary>ops->iotlb_sync_map(domain, iova, size) (5.12+): makes the mappings just written visible; 0 or an errno.</summary>
    int IotlbSyncMap(IommuDomain domain, uint iova, uint size) => 0;

    /// <summary>True when the driver offers ops->unmap_pages and iotlb_sync (5.x).</summary>
    bool HasUnmapPages => false;

    /// <summary>
    /// ops->unmap_pages(domain, iova, pgsize, pgcount, gather) (5.x): unmaps up to pgcount pages of pgsize,
    /// adds them to <paramref name="gather"/> instead of flushing, and returns the bytes unmapped (0: nothing there).
    /// </summary>
    uint UnmapPages(IommuDomain domain, uint iova, uint pgsize, uint pgcount, ref IommuIotlbGather gather) => 0;

    /// <summary>ops->iotlb_sync(domain, gather) (5.x): one TLB invalidation for everything gathered.</summary>
    void IotlbSync(IommuDomain domain, ref IommuIotlbGather gather)
    {
    }
}
