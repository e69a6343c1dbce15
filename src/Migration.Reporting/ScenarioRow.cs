namespace Migration.Reporting;

/// <summary>The outcome of one equivalence scenario.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Mode">"translation" or "strict".</param>
/// <param name="Equivalent">True when no divergence was found.</param>
/// <param name="Steps">Steps compared.</param>
/// <param name="MappingsCompared">Page-table entries compared.</param>
/// <param name="Divergence">The first divergence in one line, or null.</param>
/// <param name="Reference">The reference section when the divergence is a documented difference of the real port.</param>
public sealed record ScenarioRow(string Scenario, string Mode, bool Equivalent, int Steps, long MappingsCompared, string? Divergence, string? Reference)
{
    /// <summary>"equivalent", "documented difference (section)" or "DIVERGENT".</summary>
    public string Verdict => Equivalent ? "equivalent" : Reference is not null ? "documented difference" : "DIVERGENT";
}
