using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Migration.Reporting;

namespace Migration.Cli.Bench;

/// <summary>
/// Runs the benchmarks of src/Migration.Benchmarks in-process with BenchmarkDotNet and turns the summaries into report
/// rows. The quick job is BenchmarkDotNet's short run (3 warm-ups, 3 iterations) with 25 ms iterations, so every case
/// of every class fits the report's time budget; the full job is the default one.
/// </summary>
public static class QuickBenchmarks
{
    /// <summary>
    /// Runs the classes whose full name matches one of <paramref name="filters"/> (globs; none = all), and of those only
    /// the cases <paramref name="cases"/> accepts (class, method, parameter values; null = all), writing the JSON and
    /// Markdown exporters' results under <paramref name="artifacts"/>.
    /// </summary>
    public static IReadOnlyList<BenchmarkRow> Run(
        IReadOnlyList<string> filters, string artifacts, TextWriter log, bool quick = true, Func<string, string, IReadOnlyDictionary<string, string>, bool>? cases = null)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(log);
        Job job = (quick ? Job.ShortRun.WithIterationTime(TimeInterval.FromMilliseconds(25)) : Job.Default)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(quick ? "quick" : "full");
        IConfig config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub)
            .AddLogger(new TextLogger(log))
            .AddFilter(new GlobFilter(filters.Count == 0 ? ["*"] : filters.ToArray()))
            .AddFilter(new SimpleFilter(c => cases is null || cases(c.Descriptor.Type.Name, c.Descriptor.WorkloadMethod.Name, ParametersOf(c))))
            .WithArtifactsPath(Path.GetFullPath(artifacts))
            // The tool runs from a Debug build when started with `dotnet run`; the assemblies under measurement are
            // optimised anyway (Directory.Build.props), so the validator's Debug check does not apply.
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);
        Summary[] summaries = BenchmarkRunner.Run(typeof(Migration.Benchmarks.Program).Assembly, config);
        return ToRows(summaries);
    }

    /// <summary>The parameter values of <paramref name="benchmarkCase"/> as BenchmarkDotNet prints them (invariant culture).</summary>
    public static IReadOnlyDictionary<string, string> ParametersOf(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        return benchmarkCase.Parameters.Items.ToDictionary(p => p.Name, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
    }

    /// <summary>
    /// The rows of <paramref name="summaries"/>, with each case's ratio of medians to its class's baseline at the same
    /// parameters. A case that ran without a measurement (it threw, or BenchmarkDotNet could not time it) is an error.
    /// </summary>
    public static IReadOnlyList<BenchmarkRow> ToRows(IEnumerable<Summary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var raw = new List<(string Class, string Method, IReadOnlyDictionary<string, string> Params, double Mean, double Median, long? Alloc, bool Baseline)>();
        var failed = new List<string>();
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (report.ResultStatistics is not { } stats)
                {
                    failed.Add(report.BenchmarkCase.DisplayInfo); // ran but produced no measurement: never dropped silently
                    continue;
                }
                raw.Add((report.BenchmarkCase.Descriptor.Type.Name, report.BenchmarkCase.Descriptor.WorkloadMethod.Name, ParametersOf(report.BenchmarkCase),
                    stats.Mean, stats.Median, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase), report.BenchmarkCase.Descriptor.Baseline));
            }
        }
        if (failed.Count > 0)
            throw new InvalidOperationException($"{failed.Count} benchmark case(s) produced no measurement: {string.Join("; ", failed)}");
        static string Key(IReadOnlyDictionary<string, string> p) => string.Join(";", p.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        var baselines = raw.Where(r => r.Baseline).GroupBy(r => (r.Class, Key(r.Params))).ToDictionary(g => g.Key, g => g.First().Median);
        return raw
            .OrderBy(r => r.Class, StringComparer.Ordinal)
            .ThenBy(r => r.Params.TryGetValue("Size", out string? s) && long.TryParse(s, CultureInfo.InvariantCulture, out long n) ? n : 0)
            .ThenBy(r => Key(r.Params), StringComparer.Ordinal)
            .ThenBy(r => !r.Baseline)
            .ThenBy(r => r.Method, StringComparer.Ordinal)
            .Select(r => new BenchmarkRow(r.Class, r.Method, r.Params, r.Mean, r.Alloc, r.Baseline,
                baselines.TryGetValue((r.Class, Key(r.Params)), out double b) && b > 0 ? r.Median / b : null, r.Median))
            .ToList();
    }
}
