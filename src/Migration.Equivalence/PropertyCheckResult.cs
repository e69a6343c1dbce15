namespace Migration.Equivalence;

/// <summary>What a property-based run found: how many traces were tried and, on failure, the smallest failing trace and its report.</summary>
/// <param name="Iterations">Random traces compared.</param>
/// <param name="Minimal">The smallest failing trace found while shrinking, or null when none failed (or the generator itself failed).</param>
/// <param name="Report">The report of <paramref name="Minimal"/>, null when running it threw (see <see cref="Error"/>).</param>
public sealed record PropertyCheckResult(long Iterations, Trace? Minimal, EquivalenceReport? Report)
{
    /// <summary>The exception text when a trace (or the generator) threw instead of running to a report, else null.</summary>
    public string? Error { get; init; }

    /// <summary>True when every trace passed and nothing threw.</summary>
    public bool Passed => Minimal is null && Error is null;
}
