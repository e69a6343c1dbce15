using Migration.Kernel;

namespace Generic.Iommu;

/// <summary>
/// A shared space's fault handler: the iommu_fault_handler_t arguments of the faulting domain (domain, the IOMMU's
/// device, iova, flags) plus the space's mapping at iova (null: the space maps nothing there). 0 when handled.
/// </summary>
public delegate int SharedFaultHandler(IommuDomain domain, Device dev, uint iova, int flags, SharedMapping? mapping);
