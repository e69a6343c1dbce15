namespace Migration.Cli.Verbs;

/// <summary>The options of one `equiv` run.</summary>
/// <param name="Scenario">Scenario name, or null when replaying a trace.</param>
/// <param name="TracePath">Trace file to replay, or null.</param>
/// <param name="Mode">"translation" or "strict".</param>
/// <param name="Seed">Generator seed.</param>
/// <param name="Steps">Steps to generate (null: the scenario's default).</param>
/// <param name="Format">"text" or "json".</param>
/// <param name="SaveTrace">Where to write the generated trace, or null.</param>
/// <param name="BrokenPort">Run the test-only broken driver in the ported world.</param>
/// <param name="Property">When above 0: property-based mode, this many CsCheck-generated traces, a failure shrunk to a minimal trace.</param>
/// <param name="KnownBadPort">Test-only: the known-bad port (Migration.Scenarios.KnownBad) to run in the ported world, or null.</param>
public sealed record EquivRequest(string? Scenario, string? TracePath, string Mode, int Seed, int? Steps, string Format, string? SaveTrace, bool BrokenPort, int Property = 0, string? KnownBadPort = null);
