namespace Legacy.Msm;

/// <summary>
/// One board-declared IOVA partition: the <c>.paddr</c> / <c>.size</c> initialisers of a G3
/// <c>struct mem_pool</c> in the board file (msm.md §7.3). Size 0 means "no pool" (the slot exists
/// only because of a designated initialiser further down the array).
/// </summary>
/// <param name="Start">mem_pool.paddr: first IOVA of the partition.</param>
/// <param name="Size">mem_pool.size: bytes of IOVA space; 0 for a partition without pool.</param>
public readonly record struct MsmIovaPartition(uint Start, uint Size)
{
    /// <summary>A partition slot without pool (size 0), as <c>[GEN_POOL] = {...}</c> leaves slots 0 and 1.</summary>
    public static MsmIovaPartition None => default;

    /// <summary>One past the last IOVA of the partition (64-bit: a partition may end at 4 GiB).</summary>
    public ulong End => (ulong)Start + Size;
}
