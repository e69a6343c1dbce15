namespace Legacy.Iommu;

/// <summary>IOMMU_CAP_*: the <c>cap</c> argument of iommu_domain_has_cap (include/linux/iommu.h, generic.md §2.2).</summary>
public static class IommuCap
{
    /// <summary>IOMMU_CAP_CACHE_COHERENCY: the IOMMU can enforce cache-coherent DMA.</summary>
    public const uint IOMMU_CAP_CACHE_COHERENCY = 0x1;

    /// <summary>IOMMU_CAP_INTR_REMAP: the IOMMU can remap interrupts (present by 3.1/3.2, absent from the 2.6.35 header).</summary>
    public const uint IOMMU_CAP_INTR_REMAP = 0x2;
}
