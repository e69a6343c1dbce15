namespace Migration.Cli.Tests;

/// <summary>`migrate fix`: 0 the run completed (rewrites or none), 2 bad input, 3 some files could not be read or parsed (the diff covers the rest).</summary>
public sealed class FixExitCodeTests() : ScratchFolder("cli-fix-")
{
    private const string VfreeCall = "static void f(struct isp_device *isp, u32 da)\r\n{\r\n\tiommu_vfree(isp->iommu, da);\r\n}\r\n";

    [Fact]
    public void AFolder_PrintsTheDiff_AndTheSummary_AndExits0()
    {
        CFile("a.c", VfreeCall);
        CFile("clean.c", "int add(int a, int b)\n{\n\treturn a + b;\n}\n");

        var (code, output, err) = Cli.Run("fix", Scratch);

        Assert.Equal(ExitCodes.Passed, code);
        Assert.Equal("diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,4 +1,4 @@\n static void f(struct isp_device *isp, u32 da)\r\n {\r\n" +
            "-\tiommu_vfree(isp->iommu, da);\r\n+\tomap_iommu_vfree(isp->domain, isp->dev, da);\r\n }\r\n", output);
        string[] lines = Cli.Lines(err);
        Assert.Equal("a.c:3:2 iommu_vfree (f): rewritten: omap_iommu_vfree(isp->domain, isp->dev, da)", lines[0]);
        Assert.Equal("1 call sites: 1 rewritten, 0 left alone; 1 of 2 files changed, 0 with errors", lines[^1]);
        Assert.Equal(VfreeCall, File.ReadAllText(Path.Combine(Scratch, "a.c"))); // no --apply: the source is untouched
    }

    [Fact]
    public void Apply_WritesTheFileInPlace_KeepingItsLineEnds_AndOutWritesTheDiff()
    {
        string file = CFile("a.c", VfreeCall);
        string diff = Path.Combine(Scratch, "fix.diff");

        var (code, output, _) = Cli.Run("fix", file, "--apply", "--out", diff);

        Assert.Equal(ExitCodes.Passed, code);
        Assert.Equal("", output);
        Assert.StartsWith("diff --git a/a.c b/a.c\n", File.ReadAllText(diff), StringComparison.Ordinal);
        Assert.Equal(VfreeCall.Replace("iommu_vfree(isp->iommu", "omap_iommu_vfree(isp->domain, isp->dev", StringComparison.Ordinal), File.ReadAllText(file));
        // Fixed code fixes to nothing.
        var again = Cli.Run("fix", file);
        Assert.Equal((ExitCodes.Passed, ""), (again.Code, again.Out));
    }

    [Fact]
    public void HandleOverride_NamesTheDomainAndDevice()
    {
        string file = CFile("a.c", VfreeCall);

        var (code, output, _) = Cli.Run("fix", file, "--handle", "isp->iommu=isp->domain,&pdev->dev");

        Assert.Equal(ExitCodes.Passed, code);
        Assert.Contains("+\tomap_iommu_vfree(isp->domain, &pdev->dev, da);\r\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("isp->iommu", "error: --handle: 'isp->iommu' is not EXPR=DOMAIN,DEV (no '=' after the handle expression)")]
    [InlineData("isp->iommu=isp->domain", "error: --handle: 'isp->iommu=isp->domain' is not EXPR=DOMAIN,DEV (no ',' between the domain and the device)")]
    [InlineData("isp->iommu=a,b,c", "error: --handle: 'isp->iommu=a,b,c' is not EXPR=DOMAIN,DEV (more than one ',' between the domain and the device)")]
    [InlineData("isp->iommu=f(a,b)),dev", "error: --handle: 'isp->iommu=f(a,b)),dev': DOMAIN,DEV 'f(a,b)),dev' closes a parenthesis or bracket it does not open")]
    [InlineData("isp->iommu=(isp->domain,dev", "error: --handle: 'isp->iommu=(isp->domain,dev' is not EXPR=DOMAIN,DEV (no ',' between the domain and the device)")]
    [InlineData("isp->iommu)=isp->domain,dev", "error: --handle: 'isp->iommu)=isp->domain,dev': EXPR 'isp->iommu)' is not a balanced C expression")]
    [InlineData("isp->iommu=,dev", "error: --handle: 'isp->iommu=,dev': DOMAIN '' is empty")]
    public void ABadHandle_Exits2_NamingIt(string handle, string message)
    {
        string file = CFile("a.c", VfreeCall);

        var (code, output, err) = Cli.Run("fix", file, "--handle", handle);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal([message], Cli.Lines(err));
    }

    [Fact]
    public void TheCParseOptions_AreAnalyzes_ABadOneExits2_AGoodOneParsesWithTheHeaders()
    {
        string file = CFile("a.c", VfreeCall);
        string missing = Path.Combine(Scratch, "no-such-include");

        var (code, _, err) = Cli.Run("fix", file, "--include", missing);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: --include: '{missing}' is not a directory"], Cli.Lines(err));

        (code, string output, _) = Cli.Run("fix", file, "--include", Scratch, "--define", "CONFIG_OMAP_IOMMU=1");
        Assert.Equal(ExitCodes.Passed, code);
        Assert.Contains("+\tomap_iommu_vfree(isp->domain, isp->dev, da);\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingPath_OrAFolderWithoutCFiles_Exits2()
    {
        string missing = Path.Combine(Scratch, "nope.c");
        var (code, _, err) = Cli.Run("fix", missing);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: {missing}: no such file or folder"], Cli.Lines(err));

        (code, _, err) = Cli.Run("fix", Scratch);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: {Scratch}: no .c file in this folder"], Cli.Lines(err));
    }

    [Fact]
    public void AFileFromWhichNothingParses_Exits3_AndTheOtherFilesAreStillFixed()
    {
        CFile("a.c", VfreeCall);
        CFile("noise.c", "}}}} ((( ;;; @@@ ### }}}}\n");

        var (code, output, err) = Cli.Run("fix", Scratch);

        Assert.Equal(ExitCodes.Partial, code);
        Assert.StartsWith("diff --git a/a.c b/a.c\n", output, StringComparison.Ordinal);
        Assert.Contains("error: noise.c: cannot be parsed: no function definition could be read; ", err, StringComparison.Ordinal);
        Assert.Equal("1 call sites: 1 rewritten, 0 left alone; 1 of 2 files changed, 1 with errors", Cli.Lines(err)[^1]);
    }

    [Fact]
    public void AnOutPathThatCannotBeWritten_Exits2_AndTheSourcesStayAsTheyWere()
    {
        string file = CFile("a.c", VfreeCall);

        var (code, _, err) = Cli.Run("fix", file, "--apply", "--out", Path.Combine(Scratch, "no", "such", "dir", "fix.diff"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: --out: the folder of '{Path.Combine(Scratch, "no", "such", "dir", "fix.diff")}' ({Path.Combine(Scratch, "no", "such", "dir")}) does not exist"], Cli.Lines(err));
        Assert.Equal(VfreeCall, File.ReadAllText(file));
    }
}
