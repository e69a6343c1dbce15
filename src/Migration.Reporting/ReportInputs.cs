using Migration.Analysis;
using Migration.Equivalence;
using Migration.Vectors;

namespace Migration.Reporting;

/// <summary>What <see cref="ReportJob"/> runs on: the composition root (the `report` verb) wires the worlds in here.</summary>
public sealed record ReportInputs
{
    /// <summary>The golden vectors: a file or a folder of vector files.</summary>
    public required string VectorFolder { get; init; }

    /// <summary>The replayer of vector files, with every implemented suite's model.</summary>
    public required VectorRunner Vectors { get; init; }

    /// <summary>The equivalence scenarios, each run in the modes its comparisons declare.</summary>
    public required IReadOnlyList<IScenario> Scenarios { get; init; }

    /// <summary>Caps each scenario's steps (null: each scenario's own default).</summary>
    public int? ScenarioSteps { get; init; }

    /// <summary>The repository root holding the bundled clients' sources (null: the analyzer part does not run and says so).</summary>
    public string? SourceRoot { get; init; }

    /// <summary>The migration analyzers run over the bundled clients.</summary>
    public required AnalyzerSet Analyzers { get; init; }

    /// <summary>Runs the quick benchmarks, telling the progress callback which part runs (null: skip them).</summary>
    public Func<Action<string>?, IReadOnlyList<BenchmarkRow>>? Benchmarks { get; init; }

    /// <summary>Bytes a goal's subject allocates in 20 steady-state calls (the allocation goals; asked only when the benchmarks run).</summary>
    public required Func<BenchmarkSelector, long> SteadyStateBytes { get; init; }

    /// <summary>The PTE census at the given buffer sizes.</summary>
    public required Func<IReadOnlyList<uint>, IReadOnlyList<PteCensusRow>> Census { get; init; }
}
