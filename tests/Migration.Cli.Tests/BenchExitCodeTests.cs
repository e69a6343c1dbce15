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
