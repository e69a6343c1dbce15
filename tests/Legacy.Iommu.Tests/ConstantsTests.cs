using Migration.Kernel;
namespace Legacy.Iommu.Tests;

/// <summary>Constant values of include/linux/iommu.h (generic.md §2.1–§2.3).</summary>
public class ConstantsTests
{
    [Fact]
    public void ProtFlags_MatchTheKernelValues() => Assert.Equal(new[] { 1, 2, 4 }, new[] { IommuProt.IOMMU_READ, IommuProt.IOMMU_WRITE, IommuProt.IOMMU_CACHE });

    [Fact]
    public void Caps_MatchTheKernelValues() => Assert.Equal(new[] { 1u, 2u }, new[] { IommuCap.IOMMU_CAP_CACHE_COHERENCY, IommuCap.IOMMU_CAP_INTR_REMAP });

    [Fact]
    public void FaultFlags_MatchTheKernelValues() => Assert.Equal(new[] { 0, 1 }, new[] { IommuFaultFlags.IOMMU_FAULT_READ, IommuFaultFlags.IOMMU_FAULT_WRITE });
}
