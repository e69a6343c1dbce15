using Migration.Kernel;

namespace Migration.Scenarios.Msm;

/// <summary>
/// The client's access request in each API's prot terms for `msm-random`: read-only or read/write, cached or not. The
/// generic flags keep the memory type on both CAF (IOMMU_CACHE → class 7 WBWA, else class 1 non-cacheable under the CPU
/// PRRR/NMRR) and v7s (IOMMU_CACHE → index 7 WBWA, else index 4 non-cacheable under the v7s PRRR/NMRR, v7s.md §1.3).
/// </summary>
internal static class MsmRandomProt
{
    /// <summary>IOMMU_READ, IOMMU_WRITE unless read-only, IOMMU_CACHE when cached.</summary>
    public static int Generic(bool readOnly, bool cached) =>
        IommuProt.IOMMU_READ | (readOnly ? 0 : IommuProt.IOMMU_WRITE) | (cached ? IommuProt.IOMMU_CACHE : 0);
}
