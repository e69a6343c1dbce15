namespace Legacy.Msm;

/// <summary>
/// struct msm_iommu_domain_name (G3 board pdata, msm.md §7.3): a context name that iommu_domains.c
/// looks up with msm_iommu_get_ctx and attaches to domain <paramref name="Domain"/> at boot.
/// </summary>
/// <param name="Name">.name: the context's platform-data name ("vpe_src").</param>
/// <param name="Domain">.domain: a <see cref="MsmDomainNumbers"/> domain number.</param>
public readonly record struct MsmIommuDomainName(string Name, int Domain);
