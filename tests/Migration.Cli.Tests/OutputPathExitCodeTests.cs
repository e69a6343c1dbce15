namespace Migration.Cli.Tests;

/// <summary>
/// A path a verb would write to that cannot be written (empty, a folder where a file goes, a file where a folder goes,
/// a file in a folder that does not exist) is bad input: exit 2 with the option named, before any work runs, and
/// nothing written.
/// </summary>
public sealed class OutputPathExitCodeTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("cli-output-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string File(string name)
    {
        string path = Path.Combine(_scratch, name);
        System.IO.File.WriteAllText(path, "x");
        return path;
    }

    [Fact]
    public void Bench_WithAnEmptyArtifactsPath_Exits2_NamingTheOption()
    {
        var (code, output, err) = Cli.Run("bench", "--quick", "--filter", "*RawStore*", "--artifacts", "");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal(["error: --artifacts: '' is not a folder path"], Cli.Lines(err));
    }

    [Fact]
    public void Report_IntoAFile_Exits2_BeforeRunningAnything()
    {
        string file = File("report.md");

        var (code, output, err) = Cli.Run("report", "--no-bench", "--out", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output); // no part ran: nothing said "running ..."
        Assert.Equal([$"error: --out: '{file}' is a file, not a folder"], Cli.Lines(err));
        Assert.Equal("x", System.IO.File.ReadAllText(file));
    }

    [Fact]
    public void Analyze_WithAFolderAsOutput_Exits2_NamingTheOption()
    {
        var (code, _, err) = Cli.Run("analyze", Path.Combine(Cli.RepositoryRoot(), "tests", "Migration.Analysis.C.Tests", "corpus", "omap3isp", "ispstat.c"), "--output", _scratch);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: --output: '{_scratch}' is a folder, not a file"], Cli.Lines(err));
    }

    [Fact]
    public void Fix_WithAnOutInAMissingFolder_Exits2_AndWritesNothing()
    {
        string source = Path.Combine(_scratch, "isp.c");
        System.IO.File.WriteAllText(source, "void f(void) { iommu_put(obj); }\n");
        string diff = Path.Combine(_scratch, "no-such-folder", "fix.diff");

        var (code, _, err) = Cli.Run("fix", source, "--apply", "--out", diff);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: --out: the folder of '{diff}' ({Path.Combine(_scratch, "no-such-folder")}) does not exist"], Cli.Lines(err));
        Assert.Equal("void f(void) { iommu_put(obj); }\n", System.IO.File.ReadAllText(source)); // --apply did not run
    }

    [Fact]
    public void Equiv_WithAnEmptySaveTrace_Exits2_NamingTheOption()
    {
        var (code, _, err) = Cli.Run("equiv", "--scenario", "random", "--steps", "5", "--save-trace", " ");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(["error: --save-trace: ' ' is not a file path"], Cli.Lines(err));
    }
}
