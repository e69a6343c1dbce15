using Legacy.Iommu;

namespace Legacy.Msm;

/// <summary>
/// struct msm_iommu_domain (G3, mach/iommu_domains.h; msm.md §7.3): one board domain's
/// <c>iommu_domain</c> (NULL when iommu_domain_alloc failed at boot) and its <c>iova_pools[npools]</c>.
/// </summary>
public sealed class MsmIommuDomain
{
    internal MsmIommuDomain(IReadOnlyList<MsmMemPool> iovaPools) => IovaPools = iovaPools;

    /// <summary>->domain: the generic domain, or null when iommu_domain_alloc returned NULL.</summary>
    public IommuDomain? Domain { get; internal set; }

    /// <summary>->iova_pools: the partitions, indexed by partition number.</summary>
    public IReadOnlyList<MsmMemPool> IovaPools { get; }

    /// <summary>->npools: number of partition slots (3 on the 8960/8064 boards).</summary>
    public int Npools => IovaPools.Count;
}
