using Migration.Reporting;

namespace Migration.Cli.Bench;

/// <summary>
/// Runs each benchmark class in a child process of its own (`migrate bench --class NAME`), as BenchmarkDotNet's
/// default toolchain isolates its cases, and reads the rows back from the child's full JSON export. In one process
/// the classes shape each other's code: dynamic PGO specialises the shared map path for the first driver's ops and
/// the other driver then runs the generic fallback (OMAP 1 MiB DmaMapSg measured 9.8-14.3 µs after the other classes
/// against 7.4 µs on its own), so a ratio would depend on the order the classes ran in. The quick job's children run
/// with tiered compilation off (<see cref="QuickJobEnvironment"/>).
/// </summary>
public static class IsolatedBenchmarks
{
    /// <summary>The hidden `bench` option a child receives: run this one class here.</summary>
    public const string ClassOption = "--class";

    /// <summary>
    /// The environment of a quick job's child: every method compiled fully optimised on its first call. With tiering,
    /// 25 ms iterations measured whichever tier the background JIT had reached, so the first case of a process came
    /// out slow by a factor that grew with the machine's load (a 1 MiB LegacyIovmm at 55-820 µs against 21-26 µs once
    /// warm; RawStore 1.6 µs against 113 ns); without it the quick job times the same code from its first iteration,
    /// and the allocation column loses the JIT's own bytes. The full job keeps the runtime's defaults and
    /// BenchmarkDotNet's long warm-up.
    /// </summary>
    public static IReadOnlyDictionary<string, string> QuickJobEnvironment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_TieredCompilation"] = "0",
    };

    /// <summary>
    /// Runs the classes matching <paramref name="filters"/> (globs; none = all), only the goal cases when
    /// <paramref name="goalsOnly"/>, each in a child process writing under <paramref name="artifacts"/>; tells
    /// <paramref name="progress"/> which class runs. Throws <see cref="InvalidOperationException"/> naming the class
    /// when a child fails or a case produced no measurement.
    /// </summary>
    public static IReadOnlyList<BenchmarkRow> Run(IReadOnlyList<string> filters, string artifacts, bool quick, bool goalsOnly, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(filters);
        string folder = Path.GetFullPath(artifacts);
        var measured = new List<BenchmarkMeasurement>();
        foreach (string name in QuickBenchmarks.Classes(filters, goalsOnly ? PerformanceGoals.InQuickSet : null))
        {
            progress?.Invoke(name);
            var args = new List<string> { "bench", ClassOption, name, "--artifacts", folder };
            if (quick)
                args.Add("--quick");
            if (goalsOnly)
                args.Add("--goals");
            foreach (string f in filters)
                args.AddRange(["--filter", f]);
            (int code, _, string stderr) = MigrateProcess.Run(args, quick ? QuickJobEnvironment : null);
            if (code != ExitCodes.Passed)
                throw new InvalidOperationException($"the child process measuring {name} exited {code}: {stderr.Trim()}");
            string results = Path.Combine(folder, "results", $"{typeof(Migration.Benchmarks.Program).Namespace}.{name}-report-full.json");
            try
            {
                measured.AddRange(BenchmarkResultsReader.ReadFile(results));
            }
            catch (BenchmarkResultsFormatException e)
            {
                throw new InvalidOperationException($"the results of {name} could not be read: {e.Message}", e);
            }
        }
        return BenchmarkRatios.ToRows(measured, QuickBenchmarks.IsBaseline);
    }
}
