using Migration.Cli.Verbs;
using Migration.Reporting;

namespace Migration.Cli.Tests;

/// <summary>
/// `migrate report`: 0 when every part ran and passed, 1 when a part failed or did not run (the report says which at the
/// top), 2 for bad input. Reduced runs: no benchmarks, 20 steps per scenario.
/// </summary>
public sealed class ReportExitCodeTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("cli-report-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void EveryPartRun_Exits0()
    {
        string outDir = Path.Combine(_scratch, "out");

        var (code, output, err) = Cli.Run("report", "--no-bench", "--steps", "20", "--out", outDir, "--sources", Cli.RepositoryRoot());

        Assert.True(code == ExitCodes.Passed, $"exit {code}: {err}");
        Assert.Equal("", err);
        Assert.Contains("0 failed (an unexpected divergence, or a documented one missing)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", File.ReadAllText(Path.Combine(outDir, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheClientsSources_TheAnalyzerPartDidNotRun_AndTheReportSaysSoAndExits1()
    {
        string outDir = Path.Combine(_scratch, "out");
        string noSources = Directory.CreateDirectory(Path.Combine(_scratch, "elsewhere")).FullName;
        string missing = Path.Combine(noSources, "legacy", "Legacy.Omap3isp", "Legacy.Omap3isp.csproj");
        string failure = $"the analysis of the bundled clients did not run: {missing} does not exist (run the report from the repository root)";

        var (code, output, err) = Cli.Run("report", "--no-bench", "--steps", "20", "--out", outDir, "--sources", noSources);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal([$"FAILED: {failure}"], Cli.Lines(err));
        // The rest of the report ran and passed: the failed part alone makes the exit 1.
        Assert.Contains("vectors: 424 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("0 failed (an unexpected divergence, or a documented one missing)", output, StringComparison.Ordinal);
        string[] md = Cli.Lines(File.ReadAllText(Path.Combine(outDir, "report.md")));
        Assert.Equal($"**FAILED:** {failure}", md[2]); // right under the title and the "Generated" line
        Assert.Contains($"<p><b>FAILED:</b> {failure}</p>", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void ABenchmarkRunThatThrows_AndAnUnreadableVectorsFile_AreFailures()
    {
        string vectors = Directory.CreateDirectory(Path.Combine(_scratch, "vectors")).FullName;
        File.Copy(Path.Combine(Cli.RepositoryRoot(), "vectors", "pgsize-split.json"), Path.Combine(vectors, "pgsize-split.json"));
        File.WriteAllText(Path.Combine(vectors, "truncated.json"), "{\"format\": ");

        ReportData data = ReportJob.Run(ReportVerb.DefaultInputs(vectors, 20, _ => throw new InvalidOperationException("the job crashed"), sourceRoot: Cli.RepositoryRoot() + "-nowhere"));

        Assert.Equal(3, data.Failures.Count);
        Assert.StartsWith($"the golden vectors file {Path.Combine(vectors, "truncated.json")} could not be replayed: truncated.json", data.Failures[0], StringComparison.Ordinal);
        Assert.StartsWith("the analysis of the bundled clients did not run: ", data.Failures[1], StringComparison.Ordinal);
        Assert.Equal("the quick benchmarks failed: InvalidOperationException: the job crashed", data.Failures[2]);
        // The readable file still counts.
        Assert.Equal(143, Assert.Single(data.Vectors).Passed);
        string md = MarkdownReport.Write(data);
        Assert.Contains("**FAILED:** the quick benchmarks failed: InvalidOperationException: the job crashed\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyVectorsFolder_IsAFailure()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_scratch, "empty")).FullName;

        ReportData data = ReportJob.Run(ReportVerb.DefaultInputs(empty, 20, null, sourceRoot: null));

        Assert.Contains($"the golden vectors did not run: {empty} holds no vector files (*.json)", data.Failures);
        Assert.Empty(data.Vectors);
    }

    [Theory]
    [InlineData("0", "error: --steps: 0 is not a positive step count")]
    [InlineData("abc", "error: --steps: 'abc' is not a whole number from -2147483648 to 2147483647")]
    [InlineData("99999999999", "error: --steps: '99999999999' is not a whole number from -2147483648 to 2147483647")]
    public void ABadStepCount_Exits2_NamingIt(string steps, string expected)
    {
        var (code, output, err) = Cli.Run("report", "--no-bench", "--steps", steps, "--out", Path.Combine(_scratch, "out"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal(expected, Cli.Lines(err)[0]);
        Assert.False(Directory.Exists(Path.Combine(_scratch, "out")));
    }

    [Fact]
    public void AnUnknownOption_Exits2_NamingIt()
    {
        var (code, _, err) = Cli.Run("report", "--no-bnech");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error: Unrecognized command or argument '--no-bnech'.", Cli.Lines(err));
    }

    [Fact]
    public void AMissingValue_Exits2_NamingTheOption()
    {
        var (code, _, err) = Cli.Run("report", "--out");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: Required argument missing for option: '--out'.", Cli.Lines(err)[0]);
    }
}
