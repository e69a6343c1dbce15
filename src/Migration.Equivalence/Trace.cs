namespace Migration.Equivalence;

/// <summary>A replayable run of a scenario: its name, the seed it was generated from and its steps.</summary>
/// <param name="Scenario">Scenario name (selects the worlds and the step vocabulary).</param>
/// <param name="Seed">The generator seed (informational when the steps are given).</param>
/// <param name="Steps">The steps in order.</param>
public sealed record Trace(string Scenario, int Seed, IReadOnlyList<TraceStep> Steps)
{
    /// <summary>True when the trace runs exactly <paramref name="steps"/> (same operations and arguments, as trace lines).</summary>
    public bool RunsExactly(IReadOnlyList<TraceStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return Steps.Count == steps.Count && Steps.Select(s => s.ToString()).SequenceEqual(steps.Select(s => s.ToString()), StringComparer.Ordinal);
    }
}
