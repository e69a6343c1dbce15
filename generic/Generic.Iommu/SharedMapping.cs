namespace Generic.Iommu;

/// <summary>One mapping of a <see cref="SharedAddressSpace"/>: [Iova, Iova + Size) → [Pa, Pa + Size) with generic prot flags.</summary>
/// <param name="Iova">First device address.</param>
/// <param name="Pa">Physical address of <paramref name="Iova"/>.</param>
/// <param name="Size">Bytes (a multiple of the smallest page size of every attached IOMMU).</param>
/// <param name="Prot">IOMMU_READ/WRITE/CACHE flags, translated per IOMMU on the way to its driver.</param>
public readonly record struct SharedMapping(uint Iova, uint Pa, uint Size, int Prot);
