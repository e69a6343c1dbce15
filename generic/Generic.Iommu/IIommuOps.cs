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
}
