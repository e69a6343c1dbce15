namespace Migration.Kernel;

/// <summary>
/// The <c>prot</c> bits of include/linux/iommu.h: IOMMU_READ / IOMMU_WRITE / IOMMU_CACHE (generic.md §2.1, the same in 3.0 and
/// 3.3) and the later IOMMU_NOEXEC / IOMMU_MMIO / IOMMU_PRIV that io-pgtable formats read (v7s.md §1.2).
/// </summary>
/// <remarks>The core never interprets <c>prot</c>; it hands it to the driver unchanged (generic.md §2.1).</remarks>
public static class IommuProt
{
    /// <summary>IOMMU_READ: the device may read.</summary>
    public const int IOMMU_READ = 1;

    /// <summary>IOMMU_WRITE: the device may write.</summary>
    public const int IOMMU_WRITE = 2;

    /// <summary>IOMMU_CACHE: request DMA cache coherency.</summary>
    public const int IOMMU_CACHE = 4;

    /// <summary>IOMMU_NOEXEC (Linux 3.18+): the device may not execute from the page (v7s.md §1.2).</summary>
    public const int IOMMU_NOEXEC = 8;

    /// <summary>IOMMU_MMIO (Linux 4.7+): the page is MMIO, mapped as device memory (v7s.md §1.2).</summary>
    public const int IOMMU_MMIO = 0x10;

    /// <summary>IOMMU_PRIV (Linux 4.12+): privileged accesses only (v7s.md §1.2).</summary>
    public const int IOMMU_PRIV = 0x20;
}
