using System.Runtime.InteropServices;
using Migration.Analysis;
using Migration.Equivalence;
using Migration.Vectors;

namespace Migration.Reporting;

/// <summary>
/// The main job: replays the golden vectors, runs every equivalence scenario in the modes its comparisons declare,
/// analyses the bundled clients, runs the quick benchmarks and counts the page-table words each path writes, and
/// gathers it as report data. What it runs on (the SoC's scenarios, the vector suites, the benchmarks) comes in
/// <see cref="ReportInputs"/> from the composition root, so this project references no world.
/// </summary>
public static class ReportJob
{
    /// <summary>Buffer sizes of the PTE census (the benchmark sizes).</summary>
    public static readonly uint[] CensusSizes = [0x1000, 0x10000, 0x100000, 0x1000000, 0x4000000];

    /// <summary>
    /// Runs the job over <paramref name="inputs"/>; <paramref name="progress"/> is told what runs now. A part that
    /// fails or cannot run (a vectors file, a scenario, the analyzers, the benchmarks, the census) is named in
    /// <see cref="ReportData.Failures"/> and the rest of the report still runs.
    /// </summary>
    public static ReportData Run(ReportInputs inputs, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string vectorFolder = inputs.VectorFolder;
        int? scenarioSteps = inputs.ScenarioSteps;
        progress?.Invoke("golden vectors");
        var failures = new List<string>();
        var vectors = new List<VectorSuiteRow>();
        IReadOnlyList<string> vectorFiles = VectorRunner.Expand(vectorFolder);
        if (vectorFiles.Count == 0)
            failures.Add($"the golden vectors did not run: {vectorFolder} holds no vector files (*.json)");
        foreach (string path in vectorFiles)
        {
            try
            {
                FileResult r = inputs.Vectors.RunFile(path);
                vectors.Add(new VectorSuiteRow(r.File.Suite, r.Passed, r.Failed));
            }
            catch (VectorFormatException ex)
            {
                failures.Add($"the golden vectors file {path} could not be replayed: {ex.Message}");
            }
        }

        var scenarios = new List<ScenarioRow>();
        foreach (IScenario s in inputs.Scenarios)
        {
            int steps = Math.Min(scenarioSteps ?? s.DefaultSteps, s.DefaultSteps);
            var trace = new Trace(s.Name, 1, s.Generate(1, steps));
            foreach (EquivalenceMode mode in ModesOf(s, trace))
            {
                progress?.Invoke($"equivalence: {s.Name} ({mode.ToString().ToLowerInvariant()})");
                try
                {
                    scenarios.Add(Row(s, mode, EquivalenceEngine.Run(s, trace, new EquivalenceOptions { Mode = mode })));
                }
                catch (Exception ex) // the engine itself failed on the scenario: that part failed, the rest of the report stands
                {
                    failures.Add($"the equivalence run of {s.Name} ({mode.ToString().ToLowerInvariant()}) failed: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        (string note, IReadOnlyList<AnalyzerRow> analyzerRows, string? analyzerFailure) = AnalyzeClients(inputs.SourceRoot, inputs.Analyzers, progress);
        if (analyzerFailure is not null)
            failures.Add(analyzerFailure);

        IReadOnlyList<BenchmarkRow> rows = [];
        var allocations = new Dictionary<string, long>(StringComparer.Ordinal);
        if (inputs.Benchmarks is { } benchmarks)
        {
            progress?.Invoke("quick benchmarks");
            try
            {
                rows = benchmarks(progress is null ? null : part => progress($"quick benchmarks: {part}"));
                foreach (BenchmarkSelector subject in PerformanceGoals.AllocationSubjects)
                    allocations[subject.ToString()] = inputs.SteadyStateBytes(subject);
            }
            catch (Exception ex) // whatever the benchmark run throws, the rest of the report stands and names the failure
            {
                failures.Add($"the quick benchmarks failed: {ex.GetType().Name}: {ex.Message}");
            }
        }

        progress?.Invoke("page-table census");
        IReadOnlyList<PteCensusRow> census = [];
        try
        {
            census = inputs.Census(CensusSizes);
        }
        catch (Exception ex) // a census path that fails is that part's failure; the rest of the report stands
        {
            failures.Add($"the page-table census failed: {ex.GetType().Name}: {ex.Message}");
        }

        return new ReportData
        {
            Generated = DateTimeOffset.UtcNow,
            Machine = $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}",
            Vectors = vectors,
            Scenarios = scenarios,
            Benchmarks = rows,
            PteCensus = census,
            SteadyStateAllocations = allocations,
            AnalyzerNote = note,
            Analyzers = analyzerRows,
            Failures = failures,
        };
    }

    /// <summary>The bundled clients: before the port (legacy/) and after it (generic/).</summary>
    public static readonly (string Before, string After)[] Clients =
    [
        ("legacy/Legacy.Omap3isp/Legacy.Omap3isp.csproj", "generic/Generic.Omap3isp/Generic.Omap3isp.csproj"),
        ("legacy/Legacy.MsmCamera/Legacy.MsmCamera.csproj", "generic/Generic.MsmCamera/Generic.MsmCamera.csproj"),
    ];

    // The migration analyzers over the bundled clients' sources: call sites per rule before and after the port; the
    // third item says why the part failed or did not run (null when it ran).
    private static (string, IReadOnlyList<AnalyzerRow>, string?) AnalyzeClients(string? sourceRoot, AnalyzerSet analyzers, Action<string>? progress)
    {
        if (sourceRoot is null || !File.Exists(Path.Combine(sourceRoot, Clients[0].Before)))
        {
            string where = sourceRoot is null ? "no source folder was given" : $"{Path.Combine(sourceRoot, Clients[0].Before)} does not exist";
            return ("The bundled clients' sources were not found next to the tool (run the report from the repository root); no analysis.", [],
                $"the analysis of the bundled clients did not run: {where} (run the report from the repository root)");
        }
        var before = new Dictionary<string, int>(StringComparer.Ordinal);
        var after = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((string legacy, string ported) in Clients)
        {
            foreach ((string project, Dictionary<string, int> counts) in new[] { (legacy, before), (ported, after) })
            {
                progress?.Invoke($"analyzers: {project}");
                AnalysisResult? result = SolutionAnalyzer.Analyze(Path.Combine(sourceRoot, project), analyzers, out string? error);
                if (result is null)
                    return ($"The analysis of {project} failed: {error}", [], $"the analysis of {project} failed: {error}");
                foreach (Finding f in result.Findings)
                    counts[f.RuleId] = counts.GetValueOrDefault(f.RuleId) + 1;
            }
        }
        var rows = analyzers.Rules.Select(r => new AnalyzerRow(r.Id, r.Title, before.GetValueOrDefault(r.Id), after.GetValueOrDefault(r.Id))).ToList();
        return ($"The migration analyzers (IOMMU001-{analyzers.Rules[^1].Id[^3..]}) over the bundled clients: {string.Join(", ", Clients.Select(c => c.Before))} before the port, {string.Join(", ", Clients.Select(c => c.After))} after it.", rows, null);
    }

    // Sessions run in every mode their comparisons declare (strict shows where the port legitimately chose other page
    // sizes; a cross-device comparison declares translation only); a scenario whose session demonstrates documented
    // differences at pinned steps runs once, in translation mode.
    private static EquivalenceMode[] ModesOf(IScenario s, Trace trace) =>
        s.ExpectedDivergences(trace, EquivalenceMode.Translation).Any(e => e.Step is not null)
            ? [EquivalenceMode.Translation]
            : s.Comparisons.SelectMany(c => c.Modes).Distinct().ToArray();

    // The row says what decided the verdict: the unexpected divergence, else a documented one that did not appear,
    // else the first documented one; and every reference the run showed.
    private static ScenarioRow Row(IScenario s, EquivalenceMode mode, EquivalenceReport e)
    {
        string verdict = e.Verdict switch
        {
            EquivalenceVerdict.Equivalent => ScenarioRow.EquivalentVerdict,
            EquivalenceVerdict.DiffersAsDocumented => ScenarioRow.DocumentedVerdict,
            EquivalenceVerdict.MissingDocumented => "MISSING",
            _ => "DIVERGENT",
        };
        string? line = e.Divergence is { } d ? OneLine(d)
            : e.Missing.Count > 0 ? "did not appear: " + e.Missing[0].Describe()
            : e.Documented.Count > 0 ? OneLine(e.Documented[0]) + (e.DocumentedCount > 1 ? $" (and {e.DocumentedCount - 1} more documented)" : "")
            : null;
        string? references = e.Documented.Count == 0 ? null : string.Join("; ", e.Documented.Select(x => x.Reference).Distinct());
        return new ScenarioRow(s.Name, mode.ToString().ToLowerInvariant(), verdict, e.StepsRun, e.MappingsCompared, line, references);
    }

    private static string OneLine(Divergence d) =>
        $"step {d.Step} ({d.StepText}): {d.Kind}" + (d.Iova is { } da ? $" in {d.Space} at 0x{da:x8}" : "") + $"; {d.LegacyLabel} {d.Legacy}; {d.PortedLabel} {d.Ported}";
}
