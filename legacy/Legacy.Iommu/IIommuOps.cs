using Migration.Kernel;

namespace Legacy.Iommu;

/// <summary>
/// struct iommu_ops of Era A with the CAF msm-3.0 extensions (generic.md §3.3, §8.1). Every member is
/// required: MSM, the only driver of this flavour, provides all of them, so the core treats them as
/// always present (Era A mainline has no "op missing" checks either, generic.md §4.2).
/// unsigned long and phys_addr_t are 32-bit on ARM, hence <see cref="uint"/>.
/// </summary>
public interface IIommuOps
{
    /// <summary>ops->domain_init(domain, flags): set up domain->priv; 0 or a negative errno (CAF form with flags; mainline passes 0).</summary>
    int DomainInit(IommuDomain domain, int flags);

    /// <summary>ops->domain_destroy(domain): release what domain_init set up.</summary>
    void DomainDestroy(IommuDomain domain);

    /// <summary>ops->attach_dev(domain, dev): 0 or a negative errno.</summary>
    int AttachDev(IommuDomain domain, Device dev);

    /// <summary>ops->detach_dev(domain, dev).</summary>
    void DetachDev(IommuDomain domain, Device dev);

    /// <summary>ops->map(domain, iova, paddr, gfp_order, prot): map one page of 4 KiB &lt;&lt; gfp_order.</summary>
    int Map(IommuDomain domain, uint iova, uint paddr, int gfpOrder, int prot);

    /// <summary>ops->unmap(domain, iova, gfp_order): driver-defined result (0/-errno for MSM, an order for AMD/OMAP; generic.md §4.4).</summary>
    int Unmap(IommuDomain domain, uint iova, int gfpOrder);

    /// <summary>ops->map_range(domain, iova, sg, len, prot) (CAF): map a scatterlist at iova.</summary>
    int MapRange(IommuDomain domain, uint iova, ReadOnlySpan<Scatterlist> sg, uint len, int prot);

    /// <summary>ops->unmap_range(domain, iova, len) (CAF).</summary>
    int UnmapRange(IommuDomain domain, uint iova, uint len);

    /// <summary>ops->iova_to_phys(domain, iova): the physical address, 0 when not mapped.</summary>
    uint IovaToPhys(IommuDomain domain, uint iova);

    /// <summary>ops->domain_has_cap(domain, cap): non-zero when the capability is present.</summary>
    int DomainHasCap(IommuDomain domain, uint cap);

    /// <summary>ops->get_pt_base_addr(domain) (CAF): physical address of the domain's first-level table.</summary>
    uint GetPtBaseAddr(IommuDomain domain);
}
