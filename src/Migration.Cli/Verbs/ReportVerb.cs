using System.CommandLine;
using System.Diagnostics;
using Migration.Cli.Bench;
using Generic.Vectors;
using Migration.Analysis.C;
using Migration.Benchmarks;
using Migration.Scenarios;
using Migration.Reporting;
using Spectre.Console;

namespace Migration.Cli.Verbs;

/// <summary>
/// `migrate report [--out DIR]`: the main job on the bundled default SoC and clients (golden vectors, every
/// equivalence scenario, the quick benchmarks, the PTE census), written as DIR/report.md, a self-contained
/// DIR/report.html and the plots. Exit (<see cref="ExitCodes"/>) 0 when every part ran, the vectors pass and every
/// scenario is equivalent or diverges only as documented; 1 otherwise (a failed part is printed at the top of the report
/// and on stderr); 2 for bad input.
/// </summary>
public static class ReportVerb
{
    /// <summary>Default output folder.</summary>
    public const string DefaultOut = "artifacts/report";

    /// <summary>Builds the verb writing to <paramref name="stdout"/> / <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<string>("--out") { Description = "Output folder", DefaultValueFactory = _ => DefaultOut };
        var noBench = new Option<bool>("--no-bench") { Description = "Skip the benchmarks (the plot of map times is then empty)" };
        var steps = new Option<int?>("--steps") { Description = "Cap every scenario at this many steps (default: each scenario's own)", CustomParser = IntOptionParser.ParseNullable };
        var command = new Command("report", "The main job: vectors, equivalence, benchmarks; writes report.md and report.html");
        command.Options.Add(output);
        command.Options.Add(noBench);
        var sources = new Option<string?>("--sources") { Description = "Repository root holding the bundled clients' sources for the analyzer part (default: the current directory)" };
        command.Options.Add(steps);
        command.Options.Add(sources);
        command.SetAction(pr => Run(pr.GetValue(output) ?? DefaultOut, !pr.GetValue(noBench), pr.GetValue(steps), stdout, stderr, pr.GetValue(sources)));
        return command;
    }

    /// <summary>Runs the verb with the clients' sources under <paramref name="sourceRoot"/> (null: the current directory); returns the exit code.</summary>
    public static int Run(string outDir, bool benchmarks, int? steps, TextWriter stdout, TextWriter stderr, string? sourceRoot = null)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var clock = Stopwatch.StartNew(); // the job's own time for the "report ≤ 60 s" goal (process start-up not included)
        if (steps is <= 0)
        {
            stderr.WriteLine($"error: --steps: {steps} is not a positive step count");
            return ExitCodes.BadInput;
        }
        if (OutputPath.FolderError("--out", outDir) is { } badOut)
        {
            stderr.WriteLine(badOut);
            return ExitCodes.BadInput;
        }
        // The quick set answers the goals' questions only (PerformanceGoals.QuickSet); `bench` runs everything. Each
        // class is measured in a child process of its own, away from the code the scenarios ran (IsolatedBenchmarks).
        Func<Action<string>?, IReadOnlyList<BenchmarkRow>>? bench = benchmarks
            ? progress => IsolatedBenchmarks.Run([], Path.Combine(outDir, "benchmarks"), quick: true, goalsOnly: true, progress)
            : null;
        ReportData data = RunWithProgress(steps, bench, stdout, sourceRoot ?? Directory.GetCurrentDirectory())
            with { ElapsedSeconds = clock.Elapsed.TotalSeconds };
        IReadOnlyList<string> files;
        try
        {
            files = ReportWriter.Write(outDir, data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) // checked up front; this is a folder that changed or a full disk
        {
            stderr.WriteLine($"error: --out: cannot write the report into '{outDir}': {e.Message}");
            return ExitCodes.BadInput;
        }

        int vectorFailures = data.Vectors.Sum(v => v.Failed);
        int unexpected = data.Scenarios.Count(s => !s.Passed);
        stdout.WriteLine($"vectors: {data.Vectors.Sum(v => v.Passed)} passed, {vectorFailures} failed");
        stdout.WriteLine($"equivalence: {data.Scenarios.Count(s => s.Equivalent)} equivalent, {data.Scenarios.Count(s => s.Passed && !s.Equivalent)} differ as documented, {unexpected} failed (an unexpected divergence, or a documented one missing)");
        stdout.WriteLine($"benchmarks: {data.Benchmarks.Count} cases");
        IReadOnlyList<GoalResult> goals = data.Goals;
        stdout.WriteLine($"goals: {goals.Count(g => g.Status == GoalStatus.Met)} met, {goals.Count(g => g.Status == GoalStatus.Missed)} missed, {goals.Count(g => g.Status == GoalStatus.NotMeasured)} not measured");
        foreach (GoalResult g in goals.Where(g => g.Status == GoalStatus.Missed))
            stdout.WriteLine($"  missed: {g.Goal.Text}: {g.FigureText}");
        foreach (string f in files)
            stdout.WriteLine($"wrote {f}");
        foreach (string failure in data.Failures)
            stderr.WriteLine($"FAILED: {failure}");
        if (data.Failures.Count > 0)
            return ExitCodes.Failed;
        return vectorFailures == 0 && unexpected == 0 ? ExitCodes.Passed : ExitCodes.Failed;
    }

    /// <summary>
    /// The main job's inputs on the bundled default SoC and clients: the vector suites of both worlds, every catalog
    /// scenario, the migration analyzers, the census and steady-state allocation counts of src/Migration.Benchmarks;
    /// <paramref name="bench"/> runs the quick benchmarks (null: skip them).
    /// </summary>
    public static ReportInputs DefaultInputs(string vectorFolder, int? steps, Func<Action<string>?, IReadOnlyList<BenchmarkRow>>? bench, string? sourceRoot) => new()
    {
        VectorFolder = vectorFolder,
        Vectors = VectorSuites.Runner,
        Scenarios = ScenarioCatalog.All,
        ScenarioSteps = steps,
        SourceRoot = sourceRoot,
        Analyzers = PathAnalyzer.Analyzers(),
        Benchmarks = bench,
        SteadyStateBytes = subject => SteadyStateAllocation.BytesIn20Calls(subject.Class, subject.Method, subject.Parameters),
        Census = sizes => PteCensusRun.Run(sizes).Select(c => new PteCensusRow(c.Path, c.Size, c.WordsWritten, c.EntriesByPageSize)).ToList(),
    };

    private static ReportData RunWithProgress(int? steps, Func<Action<string>?, IReadOnlyList<BenchmarkRow>>? bench, TextWriter stdout, string sourceRoot)
    {
        ReportInputs inputs = DefaultInputs(VectorsVerb.DefaultFolder(), steps, bench, sourceRoot);
        if (Console.IsOutputRedirected || !ReferenceEquals(stdout, Console.Out))
            return ReportJob.Run(inputs, what => stdout.WriteLine($"running {what}"));
        ReportData? data = null;
        AnsiConsole.Status().Start("starting", ctx =>
        {
            data = ReportJob.Run(inputs, what => ctx.Status($"running {Markup.Escape(what)}"));
        });
        return data!;
    }
}
