namespace Legacy.Iommu;

/// <summary>IOMMU_FAULT_*: the <c>flags</c> argument of an iommu_fault_handler_t (include/linux/iommu.h 3.2, CAF 3.0 backport; generic.md §2.3).</summary>
public static class IommuFaultFlags
{
    /// <summary>IOMMU_FAULT_READ: the faulting access was a read (also what MSM CAF always passes, generic.md §9.13).</summary>
    public const int IOMMU_FAULT_READ = 0x0;

    /// <summary>IOMMU_FAULT_WRITE: the faulting access was a write.</summary>
    public const int IOMMU_FAULT_WRITE = 0x1;
}
