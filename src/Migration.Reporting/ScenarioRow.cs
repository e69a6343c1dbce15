namespace Migration.Reporting;

/// <summary>The outcome of one equivalence scenario.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Mode">"translation" or "strict".</param>
/// <param name="Verdict">"equivalent", "differs as documented", "DIVERGENT" (an unexpected divergence) or "MISSING" (a documented divergence did not appear).</param>
/// <param name="Steps">Steps compared.</param>
/// <param name="MappingsCompared">Page-table entries compared.</param>
/// <param name="Divergence">In one line: the unexpected divergence, the documented divergence that did not appear, or the first documented one; null when equivalent.</param>
/// <param name="Reference">The reference sections of the documented differences the run showed.</param>
public sealed record ScenarioRow(string Scenario, string Mode, string Verdict, int Steps, long MappingsCompared, string? Divergence, string? Reference)
{
    /// <summary>The verdict of a run with no divergence.</summary>
    public const string EquivalentVerdict = "equivalent";

    /// <summary>The verdict of a run whose every divergence was documented and every documented one appeared.</summary>
    public const string DocumentedVerdict = "differs as documented";

    /// <summary>True when no divergence was found.</summary>
    public bool Equivalent => Verdict == EquivalentVerdict;

    /// <summary>True when the scenario passed: equivalent, or different exactly as documented.</summary>
    public bool Passed => Verdict is EquivalentVerdict or DocumentedVerdict;
}
