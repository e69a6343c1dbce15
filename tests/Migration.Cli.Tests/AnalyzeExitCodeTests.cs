namespace Migration.Cli.Tests;

/// <summary>`migrate analyze`: 0 no error finding, 1 an error finding, 2 bad input, 3 some files could not be analysed.</summary>
public sealed class AnalyzeExitCodeTests() : ScratchFolder("cli-analyze-")
{
    [Fact]
    public void ACleanCFile_Exits0()
    {
        string clean = CFile("clean.c", "int add(int a, int b)\n{\n\treturn a + b;\n}\n");

        var (code, output, err) = Cli.Run("analyze", clean);

        Assert.Equal(ExitCodes.Passed, code);
        Assert.Equal("", err);
        Assert.Contains("0 findings in 1 projects; 1 C files, 0 with errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ALegacyClient_HasErrorFindings_AndExits1()
    {
        // TreatWarningsAsErrors in this repository makes the vendor call sites errors (see AnalyzeVerbTests).
        string project = Path.Combine(Cli.RepositoryRoot(), "legacy", "Legacy.MsmCamera", "Legacy.MsmCamera.csproj");

        var (code, output, err) = Cli.Run("analyze", project, "--format", "json");

        Assert.True(code == ExitCodes.Failed, $"exit {code}: {err}");
        Assert.Contains("\"IOMMU003\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileParsedInPart_IsANote_NotExit3_ItsCallsFound()
    {
        string broken = CFile("broken.c", "static int probe(struct isp_device *isp)\n{\n\tisp->iommu = iommu_get(\"isp\");\n\tif (isp->iommu == NULL\n\t\treturn -ENODEV;\n\treturn 0;\n}\n\nstatic void remove(struct isp_device *isp)\n{\n\tiommu_put(isp->iommu) +;\n}\n");

        var (code, output, err) = Cli.Run("analyze", broken);

        Assert.Equal(ExitCodes.Passed, code); // C findings are warnings
        Assert.StartsWith("note: broken.c: 2 syntax errors left after stubbing, first at 5:3: expected ')'", err, StringComparison.Ordinal);
        Assert.Contains("2 findings in 1 projects; 1 C files, 0 with errors, 1 parsed in part", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileFromWhichNothingParses_Exits3()
    {
        string noise = CFile("noise.c", "}}}} ((( ;;; @@@ ### }}}}\n");

        var (code, _, err) = Cli.Run("analyze", noise);

        Assert.Equal(ExitCodes.Partial, code);
        Assert.StartsWith("error: noise.c: cannot be parsed: no function definition could be read; ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingPath_Exits2_NamingIt()
    {
        string missing = Path.Combine(Scratch, "nope.c");

        var (code, _, err) = Cli.Run("analyze", missing);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: {missing}: no such file or folder"], Cli.Lines(err));
    }

    [Fact]
    public void AMissingArgument_Exits2()
    {
        var (code, output, err) = Cli.Run("analyze");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal(["error: Required argument missing for command: 'analyze'.", "usage: migrate analyze --help"], Cli.Lines(err));
    }

    [Fact]
    public void AnUnknownFormat_Exits2_NamingIt()
    {
        var (code, _, err) = Cli.Run("analyze", CFile("clean.c", "int x;\n"), "--format", "xml");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(["error: --format: 'xml' is not a format (console, json, sarif)"], Cli.Lines(err));
    }

    [Fact]
    public void AnUnknownOption_Exits2_NamingIt()
    {
        var (code, _, err) = Cli.Run("analyze", CFile("clean.c", "int x;\n"), "--fromat", "json");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error: Unrecognized command or argument '--fromat'.", Cli.Lines(err));
    }

    [Theory]
    [InlineData("https://docs.example.org/iommu", "https://docs.example.org/iommu/IOMMU002.md")]
    [InlineData("https://docs.example.org/iommu/", "https://docs.example.org/iommu/IOMMU002.md")]
    public void DocsBaseUri_MovesEveryHelpLink(string option, string expected)
    {
        string file = CFile("vmap.c", "static int f(struct iommu *obj, u32 da, struct sg_table *sgt)\n{\n\treturn iommu_vmap(obj, da, sgt, 0);\n}\n");

        var (code, output, _) = Cli.Run("analyze", file, "--format", "sarif", "--docs-base-uri", option);

        Assert.Equal(ExitCodes.Passed, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        System.Text.Json.JsonElement driver = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        Assert.Equal(expected[..expected.LastIndexOf('/')] + "/", driver.GetProperty("informationUri").GetString());
        Assert.Contains(driver.GetProperty("rules").EnumerateArray(), r => r.GetProperty("helpUri").GetString() == expected);
    }

    [Fact]
    public void DocsBaseUri_ThatIsNeitherAUriNorAFolder_Exits2()
    {
        string file = CFile("clean.c", "int add(int a, int b)\n{\n\treturn a + b;\n}\n");

        var (code, _, err) = Cli.Run("analyze", file, "--docs-base-uri", "no/such/folder");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: --docs-base-uri: 'no/such/folder' is neither an absolute URI nor an existing folder", Cli.Lines(err)[0]);
    }
}
