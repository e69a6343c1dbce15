using Generic.Vectors;
using Migration.Cli.Bench;
using Migration.Cli.Verbs;
using Migration.Reporting;
using Migration.Scenarios;
using Migration.Vectors;

namespace Migration.Cli.Tests;

/// <summary>The main job on a reduced run: every section present, the numbers in the report equal to the results they come from.</summary>
public sealed class ReportVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("report-verb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AReducedReport_WritesBothFilesAndThePlots_AndExitsZero()
    {
        var stdout = new StringWriter();
        // The analyzer part needs the clients' sources: without them the report fails that part and exits 1.
        int code = ReportVerb.Run(_dir, benchmarks: false, steps: 40, stdout, new StringWriter(), sourceRoot: RepositoryRoot());

        Assert.Equal(0, code);
        foreach (string file in new[] { "report.md", "report.html", "contiguous-map.png", "scatter-list.png", "unmap-vs-map.png", "pte-cost.png", "ptes-per-size.png" })
            Assert.True(new FileInfo(Path.Combine(_dir, file)).Length > 1000, $"{file} missing or empty");
        Assert.Contains("vectors: 424 passed, 0 failed", stdout.ToString());
        Assert.Contains("0 failed (an unexpected divergence, or a documented one missing)", stdout.ToString());
        // Without benchmarks only the job's own time can be judged.
        Assert.Contains($"goals: 1 met, 0 missed, {PerformanceGoals.All.Count - 1} not measured", stdout.ToString());
    }

    [Fact]
    public void TheReportsNumbers_AreTheUnderlyingResults()
    {
        ReportData data = ReportJob.Run(ReportVerb.DefaultInputs(Path.Combine(RepositoryRoot(), "vectors"), 30,
            _ => QuickBenchmarks.Run(["*BareStore*"], Path.Combine(_dir, "bench"), TextWriter.Null,
                cases: (_, _, parameters) => parameters.GetValueOrDefault("Size") is "4096" or "1048576"), sourceRoot: null));
        string md = MarkdownReport.Write(data);
        // No source root: only the analyzer part is missing.
        Assert.Equal(["the analysis of the bundled clients did not run"], data.Failures.Select(f => f.Split(':')[0]));

        // Vectors: each suite's row is what the runner reports for that file.
        foreach (string path in VectorRunner.Expand(Path.Combine(RepositoryRoot(), "vectors")))
        {
            FileResult r = VectorSuites.Runner.RunFile(path);
            Assert.Contains($"| {r.File.Suite} | {r.Passed} | {r.Failed} |", md);
        }
        // Scenarios: sessions twice (translation, strict), the documented differences and the cross-device session once, each labelled.
        Assert.Equal(ScenarioCatalog.All.Count * 2 - 6, data.Scenarios.Count);
        Assert.Single(data.Scenarios, s => s.Scenario == "shared-space");
        Assert.All(data.Scenarios, s => Assert.True(s.Passed, $"{s.Scenario} ({s.Mode}): {s.Verdict}: {s.Divergence}"));
        Assert.All(data.Scenarios.Where(s => !s.Equivalent), s => Assert.NotNull(s.Reference));
        ScenarioRow capture = data.Scenarios.First(s => s.Scenario == "omap3isp-capture");
        Assert.Contains($"| omap3isp-capture | translation | equivalent | {capture.Steps} | {capture.MappingsCompared} |", md);
        // Benchmarks: the bare-store rows as BenchmarkDotNet measured them (only the two sizes the case filter let through).
        BenchmarkRow[] bare = data.Benchmarks.Where(b => b.Class == "BareStoreBenchmarks").ToArray();
        Assert.Equal([4096L, 1048576L], bare.Select(b => b.Size!.Value));
        Assert.All(bare, b => Assert.True(b.MeanNs > 0));
        Assert.Contains($"| BareStoreBenchmarks | {bare[0].Method} (baseline) | 4K |", md);
        // The census, from the write counter: the 4K loop at 64 MiB stores 16384 small PTEs and 64 first-level table
        // pointers; one generic map stores four supersections of 16 replicas each (msm.md §9.3).
        Assert.Contains("| Era-A 4K loop (3.0) | 64M | 16448 | 4K: 16384 |", md);
        Assert.Contains("| iommu_map (3.3) | 64M | 64 | 16M: 4 |", md);
        Assert.Contains("| Era-A 4K loop (3.0) | 64K | 17 | 4K: 16 |", md);
        // v7s at 64K: the first-level table pointer and 16 large-page replicas (v7s.md §3.2).
        Assert.Contains("| map_pages on io-pgtable-arm-v7s (6.x) | 64K | 17 | 64K: 1 |", md);
        Assert.Contains("| map_pages on io-pgtable-arm-v7s (6.x) | 64M | 64 | 16M: 4 |", md);
    }

    [Fact]
    public void ANonPositiveStepCap_IsBadInput()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, ReportVerb.Run(_dir, benchmarks: false, steps: 0, new StringWriter(), stderr));
        Assert.Contains("--steps: 0 is not a positive step count", stderr.ToString());
    }

    private static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Migration.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Migration.sln not found above the test's directory");
    }
}
