using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
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
/// rows. The quick job (25 ms iterations, 6-16 warm-ups, 5 measured) keeps the report's quick set inside its time
/// budget; the full job is the default one.
/// </summary>
public static class QuickBenchmarks
{
    /// <summary>
    /// Runs, in this process, the classes whose full name matches one of <paramref name="filters"/> (globs; none = all),
    /// and of those only the cases <paramref name="cases"/> accepts (class, method, parameter values; null = all),
    /// writing the JSON and Markdown exporters' results under <paramref name="artifacts"/>. `bench` and `report` call
    /// this in a child process per class (<see cref="IsolatedBenchmarks"/>), so no class is measured with code another
    /// class has already shaped.
    /// </summary>
    public static IReadOnlyList<BenchmarkRow> Run(
        IReadOnlyList<string> filters, string artifacts, TextWriter log, bool quick = true, Func<string, string, IReadOnlyDictionary<string, string>, bool>? cases = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        IConfig config = Config(filters, cases, quick).AddLogger(new TextLogger(log)).WithArtifactsPath(Path.GetFullPath(artifacts));
        Summary[] summaries = BenchmarkRunner.Run(typeof(Migration.Benchmarks.Program).Assembly, config);
        return ToRows(summaries);
    }

    /// <summary>The benchmark classes that have at least one case matching <paramref name="filters"/> and <paramref name="cases"/>, by name.</summary>
    public static IReadOnlyList<string> Classes(IReadOnlyList<string> filters, Func<string, string, IReadOnlyDictionary<string, string>, bool>? cases)
    {
        IConfig config = Config(filters, cases, quick: true);
        return typeof(Migration.Benchmarks.Program).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .Where(t => BenchmarkConverter.TypeToBenchmarks(t, config).BenchmarksCases.Length > 0)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether <paramref name="method"/> of benchmark class <paramref name="className"/> is its class's [Baseline].</summary>
    public static bool IsBaseline(string className, string method) =>
        typeof(Migration.Benchmarks.Program).Assembly.GetType($"{typeof(Migration.Benchmarks.Program).Namespace}.{className}")
            ?.GetMethod(method)?.GetCustomAttribute<BenchmarkAttribute>()?.Baseline == true;

    // The quick job: 25 ms iterations, 6 to 16 warm-ups (BenchmarkDotNet stops when they settle) and 5 measured, in a
    // child process counting calls for the tiered JIT from its start (IsolatedBenchmarks.QuickJobEnvironment). With 3
    // warm-ups the first case of a process was timed before the JIT had optimised its callees: a 1 MiB LegacyIovmm at
    // 55-630 µs against 21-26 µs once warm. The full job is BenchmarkDotNet's default.
    private static IConfig Config(IReadOnlyList<string> filters, Func<string, string, IReadOnlyDictionary<string, string>, bool>? cases, bool quick)
    {
        ArgumentNullException.ThrowIfNull(filters);
        Job job = (quick
                ? Job.Default.WithLaunchCount(1).WithMinWarmupCount(6).WithMaxWarmupCount(16).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(25))
                : Job.Default)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(quick ? "quick" : "full");
        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub)
            .AddFilter(new GlobFilter(filters.Count == 0 ? ["*"] : filters.ToArray()))
            .AddFilter(new SimpleFilter(c => cases is null || cases(c.Descriptor.Type.Name, c.Descriptor.WorkloadMethod.Name, ParametersOf(c))))
            // The tool runs from a Debug build when started with `dotnet run`; the assemblies under measurement are
            // optimised anyway (Directory.Build.props), so the validator's Debug check does not apply.
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);
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
        var measured = new List<BenchmarkMeasurement>();
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
                measured.Add(new BenchmarkMeasurement(report.BenchmarkCase.Descriptor.Type.Name, report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                    ParametersOf(report.BenchmarkCase), stats.Mean, stats.Median, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
            }
        }
        if (failed.Count > 0)
            throw new InvalidOperationException($"{failed.Count} benchmark case(s) produced no measurement: {string.Join("; ", failed)}");
        return BenchmarkRatios.ToRows(measured, IsBaseline);
    }
}
