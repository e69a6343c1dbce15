using Migration.Kernel;

namespace Legacy.Iommu;

/// <summary>
/// iommu_fault_handler_t in its pre-token form (3.2–3.4 and the CAF msm-3.0 backport, generic.md §3.2):
/// <c>int (*)(struct iommu_domain *domain, struct device *dev, unsigned long iova, int flags)</c>.
/// </summary>
public delegate int IommuFaultHandler(IommuDomain domain, Device dev, uint iova, int flags);
