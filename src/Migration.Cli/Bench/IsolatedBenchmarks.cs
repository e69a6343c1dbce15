using Migration.Reporting;

namespace Migration.Cli.Bench;

/// <summary>
/// Runs each benchmark class in a child process of its own (`migrate bench --class NAME`), as BenchmarkDotNet's
/// default toolchain isolates its cases, and reads the rows back from the child's full JSON export. In one process
/// the classes shape each other's code: dynamic PGO specialises the shared map path for the first driver's ops and
/// the other driver then runs the generic fallback (OMAP 1 MiB DmaMapSg measured 9.8-14.3 µs after the other classes
/// against 7.4 µs on its own), so a ratio would depend on the order the classes ran in. The quick job's children count
/// calls for the tiered JIT from their start (<see cref="QuickJobEnvironment"/>).
/// </summary>
public static class IsolatedBenchmarks
{
    /// <summary>The hidden `bench` option a child receives: run this one class here.</summary>
    public const string ClassOption = "--class";

    /// <summary>
    /// The environment of a quick job's child: the tiered JIT counts calls from the start instead of after 100 ms
    /// without new tier-0 code, so with the quick job's 6-16 warm-ups the measured iterations run tier-1 code with
    /// dynamic PGO, as BenchmarkDotNet's long default job does. Tiering off instead (fully optimised at once, no PGO)
    /// timed the generic paths' interface calls undevirtualised: `random` 45 µs per step against 14.5 µs, the OMAP
    /// gathered unmap 3× its map against 1.1×, so it is not used.
    /// </summary>
    public static IReadOnlyDictionary<string, string> QuickJobEnvironment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_TC_CallCountingDelayMs"] = "0",
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
            string results = Path.Combine(folder, "results", $"{typeof(Migration.Benchmarks.Program).Namespace}.{name}-report-full.json");
            if (File.Exists(results))
                File.Delete(results); // a file from an earlier run in the same folder is never read as this run's
            (int code, _, string stderr) = MigrateProcess.Run(args, quick ? QuickJobEnvironment : null);
            if (code != ExitCodes.Passed)
                throw new InvalidOperationException($"the child process measuring {name} exited {code}: {stderr.Trim()}");
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
