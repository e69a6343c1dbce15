namespace Generic.Iommu;

/// <summary>
/// A range of device (I/O virtual) addresses [Start, Start + Size) in a 32-bit device address space.
/// The exclusive end is a <see cref="ulong"/> so that a range touching the top of the space
/// (End == 0x1_0000_0000) is representable without wrapping.
/// </summary>
/// <param name="Start">The first address of the range.</param>
/// <param name="Size">The length of the range in bytes.</param>
public readonly record struct IovaRange(uint Start, uint Size)
{
    /// <summary>The exclusive end, Start + Size, computed without 32-bit wrap-around.</summary>
    public ulong End => (ulong)Start + Size;

    /// <summary>The last address inside the range (Start + Size - 1); meaningless when Size is 0.</summary>
    public uint Last => (uint)(End - 1);

    /// <summary>True when <paramref name="addr"/> lies in [Start, End).</summary>
    public bool Contains(uint addr) => addr >= Start && addr < End;

    /// <summary>True when the two ranges share at least one address (empty ranges overlap nothing).</summary>
    public bool Overlaps(IovaRange other) => Size != 0 && other.Size != 0 && Start < other.End && other.Start < End;
}
