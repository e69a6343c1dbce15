using System.CommandLine;
using System.Globalization;
using Migration.Cli.Bench;
using Migration.Reporting;
using Spectre.Console;

namespace Migration.Cli.Verbs;

/// <summary>
/// `migrate bench [--filter GLOB...] [--quick] [--goals]`: runs the old-versus-new benchmarks, each class in a child
/// process of its own (<see cref="IsolatedBenchmarks"/>), prints one table per
/// class with each case's ratio to the legacy baseline and to the bare-store limit (the same number of PTE words
/// written straight into memory), and writes BenchmarkDotNet's JSON and Markdown results under artifacts/bench. Exit
/// (<see cref="ExitCodes"/>) 0 when the benchmarks ran, 1 when a case produced no measurement, 2 when the filter matches none.
/// </summary>
public static class BenchVerb
{
    /// <summary>Where the exporters write.</summary>
    public const string DefaultArtifacts = "artifacts/bench";

    /// <summary>Builds the verb writing to <paramref name="stdout"/> / <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var filter = new Option<string[]>("--filter") { Description = "Benchmark globs (e.g. *EraAMapLoop*); default all", AllowMultipleArgumentsPerToken = true };
        var quick = new Option<bool>("--quick") { Description = "Short job (25 ms iterations, 6-16 warm-ups, 5 measured): for CI and the report" };
        var goals = new Option<bool>("--goals") { Description = "Only the cases the performance goals and the report's plots read (the report's quick set)" };
        var artifacts = new Option<string>("--artifacts") { Description = "Folder for the exporters' results", DefaultValueFactory = _ => DefaultArtifacts };
        // What the parent gives each child: measure this one class in this process (IsolatedBenchmarks).
        var oneClass = new Option<string?>(IsolatedBenchmarks.ClassOption) { Description = "Measure only this class, in this process", Hidden = true };
        var command = new Command("bench", "Benchmark the legacy map paths against the generic ones (BenchmarkDotNet)");
        command.Options.Add(filter);
        command.Options.Add(quick);
        command.Options.Add(goals);
        command.Options.Add(artifacts);
        command.Options.Add(oneClass);
        command.SetAction(pr => Run(new BenchRequest(pr.GetValue(filter) ?? [], pr.GetValue(quick), pr.GetValue(goals), pr.GetValue(artifacts) ?? DefaultArtifacts, pr.GetValue(oneClass)), stdout, stderr));
        return command;
    }

    /// <summary>Runs the verb; returns the exit code (0, 1 when a case produced no measurement, 2 when the filter matches no benchmark).</summary>
    public static int Run(BenchRequest request, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (OutputPath.FolderError("--artifacts", request.Artifacts) is { } badArtifacts)
        {
            stderr.WriteLine(badArtifacts);
            return ExitCodes.BadInput;
        }
        IReadOnlyList<BenchmarkRow> rows;
        try
        {
            rows = request.Class is { } name
                ? QuickBenchmarks.Run(request.Filters, request.Artifacts, TextWriter.Null, request.Quick,
                    (c, m, p) => c == name && (!request.GoalsOnly || PerformanceGoals.InQuickSet(c, m, p)))
                : IsolatedBenchmarks.Run(request.Filters, request.Artifacts, request.Quick, request.GoalsOnly);
        }
        catch (InvalidOperationException e) // a case that ran without a measurement, or a child that failed: say which
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
        if (rows.Count == 0)
        {
            stderr.WriteLine($"error: no benchmark matches {string.Join(" ", request.Filters)}");
            return ExitCodes.BadInput;
        }
        Write(rows, stdout);
        stdout.WriteLine($"{rows.Count} cases; BenchmarkDotNet results in {Path.GetFullPath(request.Artifacts)}/results");
        return ExitCodes.Passed;
    }

    /// <summary>Prints one table per class (Spectre.Console renders without a terminal too).</summary>
    public static void Write(IReadOnlyList<BenchmarkRow> rows, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 160; // a file or a pipe has no width; keep rows on one line
        var bare = rows.Where(r => r.Class == "BareStoreBenchmarks" && r.Size is not null).GroupBy(r => r.Size!.Value).ToDictionary(g => g.Key, g => g.First().MeanNs);
        foreach (var group in rows.GroupBy(r => r.Class))
        {
            var table = new Table { Title = new TableTitle(group.Key) };
            table.AddColumns("Method", "Size", "Parameters", "Mean", "Allocated", "vs legacy", "vs bare store");
            foreach (BenchmarkRow r in group)
            {
                string vsBare = r.Size is { } size && bare.TryGetValue(size, out double b) && b > 0 ? (r.MeanNs / b).ToString("0.##", CultureInfo.InvariantCulture) : "";
                table.AddRow(
                    Markup.Escape(r.Method + (r.Baseline ? " (baseline)" : "")),
                    r.Size is { } s ? ReportPlots.FormatBytes(s) : "",
                    Markup.Escape(r.OtherParameters),
                    ReportPlots.FormatNanoseconds(r.MeanNs),
                    r.AllocatedBytes is { } a ? $"{a} B" : "",
                    r.RatioToBaseline is { } ratio ? ratio.ToString("0.###", CultureInfo.InvariantCulture) : "",
                    vsBare);
            }
            console.Write(table);
        }
    }
}
