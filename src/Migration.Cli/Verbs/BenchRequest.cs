namespace Migration.Cli.Verbs;

/// <summary>What `migrate bench` was asked to run.</summary>
/// <param name="Filters">Benchmark globs (none = all).</param>
/// <param name="Quick">The short job instead of BenchmarkDotNet's default.</param>
/// <param name="GoalsOnly">Only the cases the performance goals and the report's plots read.</param>
/// <param name="Artifacts">Folder for the exporters' results.</param>
/// <param name="Class">Measure only this class, in this process (a child of the isolated run); null: every class, each in a child.</param>
public sealed record BenchRequest(IReadOnlyList<string> Filters, bool Quick, bool GoalsOnly, string Artifacts, string? Class = null);
