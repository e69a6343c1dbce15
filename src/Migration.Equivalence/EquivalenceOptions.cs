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

    /// <summary>Called after each step with (steps done, total) for progress displays.</summary>
    public Action<int, int>? Progress { get; init; }
}
