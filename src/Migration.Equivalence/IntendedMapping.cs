namespace Migration.Equivalence;

/// <summary>One mapping a shared address space holds: what every IOMMU attached to it must translate [Iova, Iova + Size) to.</summary>
/// <param name="Iova">First device address.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Pa">Physical address of <paramref name="Iova"/>.</param>
/// <param name="Access">
/// What the mapping's generic flags ask for: <see cref="DeviceAccess.Writable"/> is a minimum (drivers that cannot
/// make a page read-only grant more, msm.md §3.3), the byte order and the memory type must be met exactly where the
/// IOMMU's format expresses them.
/// </param>
public readonly record struct IntendedMapping(uint Iova, uint Size, uint Pa, DeviceAccess Access)
{
    /// <summary>"[0x80000000, 0x80010000) -> 0x81234000, rw, little-endian, non-cached".</summary>
    public string Describe() => $"[0x{Iova:x8}, 0x{(ulong)Iova + Size:x8}) -> 0x{Pa:x8}, {Access.Describe()}";
}
