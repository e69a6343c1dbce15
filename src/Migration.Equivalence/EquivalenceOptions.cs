namespace Migration.Equivalence;

/// <summary>How a comparison runs.</summary>
public sealed record EquivalenceOptions
{
    /// <summary>Translation (what the device sees) or strict (which entries make it so).</summary>
    public EquivalenceMode Mode { get; init; } = EquivalenceMode.Translation;

    /// <summary>
    /// Every this many steps both images are re-read whole and compared whole, which also catches a table write
    /// the per-step tracking could not attribute (0: only at the end).
    /// </summary>
    public int FullCompareEvery { get; init; } = 1000;

    /// <summary>Whether differing return values count as a divergence.</summary>
    public bool CompareReturnValues { get; init; } = true;

    /// <summary>
    /// Compare buffer by buffer instead of address by address: each live client buffer must translate the same at the
    /// same offset from its own device address in both worlds (both worlds must implement <see cref="IClientBufferView"/>).
    /// Return values (device addresses) are then not compared.
    /// </summary>
    public bool Relocated { get; init; }

    /// <summary>Called after each step with (steps done, total) for progress displays.</summary>
    public Action<int, int>? Progress { get; init; }
}
