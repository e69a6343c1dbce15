namespace Migration.Kernel;

/// <summary>IOMMU_READ / IOMMU_WRITE / IOMMU_CACHE: the <c>prot</c> bits of include/linux/iommu.h (generic.md §2.1), the same in 3.0 and 3.3.</summary>
/// <remarks>The core never interprets <c>prot</c>; it hands it to the driver unchanged (generic.md §2.1).</remarks>
public static class IommuProt
{
    /// <summary>IOMMU_READ: the device may read.</summary>
    public const int IOMMU_READ = 1;

    /// <summary>IOMMU_WRITE: the device may write.</summary>
    public const int IOMMU_WRITE = 2;

    /// <summary>IOMMU_CACHE: request DMA cache coherency.</summary>
    public const int IOMMU_CACHE = 4;
}
