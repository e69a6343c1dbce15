namespace Migration.Equivalence;

/// <summary>What a property-based run found: how many traces were tried and, on failure, the smallest failing trace and its report.</summary>
/// <param name="Iterations">Random traces compared.</param>
/// <param name="Minimal">The smallest failing trace found while shrinking, or null when every trace was equivalent.</param>
/// <param name="Report">The divergence report of <paramref name="Minimal"/>.</param>
public sealed record PropertyCheckResult(long Iterations, Trace? Minimal, EquivalenceReport? Report)
{
    /// <summary>True when no trace diverged.</summary>
    public bool Passed => Minimal is null;
}
