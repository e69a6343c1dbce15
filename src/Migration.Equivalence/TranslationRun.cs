namespace Migration.Equivalence;

/// <summary>
/// One merged run of a canonical translation map: [Iova, Iova + Length) translates to [Pa, Pa + Length) with the
/// same hardware attributes throughout (page boundaries inside a run are not visible). <see cref="Pa"/> is a
/// physical identity (<see cref="PhysicalIdentity"/>): a raw physical address below 4 GiB, or a named buffer page
/// above it, so that two worlds whose allocators placed the same buffer at different frames still compare.
/// </summary>
/// <param name="Iova">First device address.</param>
/// <param name="Length">Bytes (64-bit: a run may cover the whole 4 GiB space).</param>
/// <param name="Pa">Physical identity of <paramref name="Iova"/>.</param>
/// <param name="Attributes">The walker's attribute word for the run (format specific, compared as is).</param>
public readonly record struct TranslationRun(uint Iova, ulong Length, ulong Pa, uint Attributes)
{
    /// <summary>One past the last device address.</summary>
    public ulong End => Iova + Length;

    /// <summary>The physical identity <paramref name="iova"/> translates to (it must lie in the run).</summary>
    public ulong Translate(uint iova) => Pa + (iova - Iova);

    /// <inheritdoc />
    public override string ToString() => $"[0x{Iova:x8}, 0x{End:x9}) -> {PhysicalIdentity.Format(Pa)} attrs 0x{Attributes:x}";
}
