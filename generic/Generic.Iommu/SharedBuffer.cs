namespace Generic.Iommu;

/// <summary>A buffer <see cref="SharedAddressSpace.MapSg"/> mapped: one device address range made of one mapping per scatterlist entry.</summary>
/// <param name="Da">First device address.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Segments">Scatterlist entries, one <see cref="SharedMapping"/> each.</param>
public readonly record struct SharedBuffer(uint Da, uint Size, int Segments);
