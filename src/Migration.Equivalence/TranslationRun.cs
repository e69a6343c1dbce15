namespace Migration.Equivalence;

/// <summary>
/// One merged run of a canonical translation map: [Iova, Iova + Length) translates to [Pa, Pa + Length)
/// with the same hardware attributes throughout (page boundaries inside a run are not visible).
/// </summary>
/// <param name="Iova">First device address.</param>
/// <param name="Length">Bytes (64-bit: a run may cover the whole 4 GiB space).</param>
/// <param name="Pa">Physical address of <paramref name="Iova"/>.</param>
/// <param name="Attributes">The walker's attribute word for the run (format specific, compared as is).</param>
public readonly record struct TranslationRun(uint Iova, ulong Length, uint Pa, uint Attributes)
{
    /// <summary>One past the last device address.</summary>
    public ulong End => Iova + Length;

    /// <summary>The physical address <paramref name="iova"/> translates to (it must lie in the run).</summary>
    public uint Translate(uint iova) => unchecked(Pa + (iova - Iova));

    /// <inheritdoc />
    public override string ToString() => $"[0x{Iova:x8}, 0x{End:x9}) -> 0x{Pa:x8} attrs 0x{Attributes:x}";
}
