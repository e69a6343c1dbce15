namespace Migration.Reporting;

/// <summary>Everything the main job measured, as the report shows it.</summary>
public sealed record ReportData
{
    /// <summary>When the report was produced.</summary>
    public required DateTimeOffset Generated { get; init; }

    /// <summary>The machine (OS, cores, runtime) the numbers come from.</summary>
    public required string Machine { get; init; }

    /// <summary>Golden-vector pass counts per suite.</summary>
    public required IReadOnlyList<VectorSuiteRow> Vectors { get; init; }

    /// <summary>Equivalence results per scenario.</summary>
    public required IReadOnlyList<ScenarioRow> Scenarios { get; init; }

    /// <summary>The quick benchmarks (empty when skipped).</summary>
    public required IReadOnlyList<BenchmarkRow> Benchmarks { get; init; }

    /// <summary>Page-table words written per buffer size by each path.</summary>
    public required IReadOnlyList<PteCensusRow> PteCensus { get; init; }

    /// <summary>What the analyzer section says above its table (which clients were analysed, or why nothing was).</summary>
    public required string AnalyzerNote { get; init; }

    /// <summary>Findings per rule over the bundled clients, before and after the port (empty when not run).</summary>
    public IReadOnlyList<AnalyzerRow> Analyzers { get; init; } = [];

    /// <summary>
    /// The parts of the job that failed or did not run, one sentence each ("the analysis of X failed: ..."): the report
    /// prints them first and the `report` verb exits 1 when there is any, because a report missing a part cannot pass.
    /// </summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>The main job's wall time in seconds from the verb's start until every part had run (null when not measured).</summary>
    public double? ElapsedSeconds { get; init; }

    /// <summary>
    /// Bytes the allocation goals' cases allocate in 20 steady-state calls, by the thread's allocation counter, keyed by
    /// selector text (empty when the benchmarks did not run): exact, where a short in-process BenchmarkDotNet run shows noise.
    /// </summary>
    public IReadOnlyDictionary<string, long> SteadyStateAllocations { get; init; } = new Dictionary<string, long>();

    /// <summary>Every performance goal judged against <see cref="Benchmarks"/>, <see cref="ElapsedSeconds"/> and <see cref="SteadyStateAllocations"/>: the verdict table.</summary>
    public IReadOnlyList<GoalResult> Goals => PerformanceGoals.Evaluate(Benchmarks, ElapsedSeconds, SteadyStateAllocations);
}
