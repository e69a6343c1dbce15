namespace Migration.Cli.Tests;

/// <summary>
/// `migrate bench`: 2 for bad input. Running a benchmark takes seconds to minutes, so the passing case here is --help
/// (0) and a filter that matches nothing (2, BenchmarkDotNet runs no case).
/// </summary>
public sealed class BenchExitCodeTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("cli-bench-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Help_Exits0_ListingTheOptions()
    {
        var (code, output, _) = Cli.Run("bench", "--help");

        Assert.Equal(ExitCodes.Passed, code);
        Assert.Contains("--filter", output, StringComparison.Ordinal);
        Assert.Contains("--quick", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFilterMatchingNothing_Exits2_NamingIt()
    {
        var (code, _, err) = Cli.Run("bench", "--filter", "*NoSuchBenchmark*", "--artifacts", _scratch);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(["error: no benchmark matches *NoSuchBenchmark*"], Cli.Lines(err));
    }

    [Fact]
    public void AGoalCase_IsMeasuredInAChildProcess_AndReadBackFromItsJson()
    {
        // One case (RawStore at 1 MiB, the limit the per-PTE goal divides by): the child `bench --class` writes
        // BenchmarkDotNet's full JSON and the parent's table comes from that file.
        var (code, output, err) = Cli.Run("bench", "--quick", "--goals", "--filter", "*RawStoreBenchmarks*", "--artifacts", _scratch);

        Assert.True(code == ExitCodes.Passed, err);
        Assert.Contains("RawStore (baseline)", output, StringComparison.Ordinal);
        Assert.Contains("1 cases; BenchmarkDotNet results in", output, StringComparison.Ordinal);
        string results = Path.Combine(_scratch, "results", "Migration.Benchmarks.RawStoreBenchmarks-report-full.json");
        Assert.Single(Migration.Reporting.BenchmarkResultsReader.ReadFile(results), m => m.Method == "RawStore" && m.Parameters["Size"] == "1048576");
    }

    [Fact]
    public void AnUnknownOption_Exits2_NamingIt()
    {
        var (code, output, err) = Cli.Run("bench", "--qiuck");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains("error: Unrecognized command or argument '--qiuck'.", Cli.Lines(err));
    }

    [Fact]
    public void AMissingValue_Exits2_NamingTheOption()
    {
        var (code, _, err) = Cli.Run("bench", "--artifacts");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: Required argument missing for option: '--artifacts'.", Cli.Lines(err)[0]);
    }
}
