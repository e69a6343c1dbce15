namespace Migration.Hardware.Msm;

/// <summary>
/// One TLB entry of an MSM context bank: a cached walk result, tagged with the ASID it was loaded
/// under when the descriptor was nG (msm.md §2.6 step 3). Entries stay until invalidated, so a table
/// change without TLB maintenance keeps translating the old way, as on the hardware.
/// </summary>
/// <param name="Valid">True when the entry holds a translation.</param>
/// <param name="VaBase">VA of the start of the page (VA &amp; ~(PageSize − 1)).</param>
/// <param name="PaBase">PA of the start of the page.</param>
/// <param name="PageSize">4 KiB, 64 KiB, 1 MiB or 16 MiB.</param>
/// <param name="Global">False for an nG descriptor: the entry matches only <paramref name="Asid"/>.</param>
/// <param name="Asid">CONTEXTIDR.ASID at load time.</param>
/// <param name="ReadOnly">AP2 of the descriptor.</param>
/// <param name="MemoryTypeIndex">{TEX0, C, B} of the descriptor.</param>
/// <param name="Shareable">S of the descriptor.</param>
public readonly record struct MsmTlbEntry(
    bool Valid, uint VaBase, uint PaBase, uint PageSize, bool Global, byte Asid, bool ReadOnly, uint MemoryTypeIndex, bool Shareable)
{
    /// <summary>The entry a successful walk of <paramref name="va"/> loads under <paramref name="asid"/>.</summary>
    public static MsmTlbEntry FromWalk(in MsmWalkResult walk, uint va, byte asid)
    {
        uint pageMask = walk.PageSize - 1;
        return new MsmTlbEntry(true, va & ~pageMask, walk.Pa & ~pageMask, walk.PageSize, !walk.NotGlobal, asid,
            walk.ReadOnly, walk.MemoryTypeIndex, walk.Shareable);
    }

    /// <summary>True when the entry maps <paramref name="va"/> (any ASID).</summary>
    public bool Covers(uint va) => Valid && ((va ^ VaBase) & ~(PageSize - 1)) == 0;

    /// <summary>True when a lookup of <paramref name="va"/> under <paramref name="asid"/> hits this entry.</summary>
    public bool Matches(uint va, byte asid) => Covers(va) && (Global || Asid == asid);

    /// <summary>True when this is a 16 MiB entry.</summary>
    public bool IsSupersection => PageSize == MsmDescriptor.SupersectionSize;

    /// <summary>The physical address of <paramref name="va"/> through this entry.</summary>
    public uint Translate(uint va) => PaBase | (va & (PageSize - 1));
}
