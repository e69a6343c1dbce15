using Migration.Kernel;

namespace Legacy.Iommu.Tests;

/// <summary>One call into a struct iommu_ops op, with its arguments (unused ones left at their defaults).</summary>
public sealed record OpCall(
    string Op,
    IommuDomain Domain,
    Device? Dev = null,
    uint Iova = 0,
    uint Paddr = 0,
    int Order = 0,
    int Prot = 0,
    int Flags = 0,
    uint Len = 0,
    uint Cap = 0,
    string? Sg = null);
