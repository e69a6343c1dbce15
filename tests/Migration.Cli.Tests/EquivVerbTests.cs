using Migration.Cli.Verbs;

namespace Migration.Cli.Tests;

/// <summary>`migrate equiv`: exit codes, what it prints, bad input named precisely.</summary>
public sealed class EquivVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("equiv-verb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(EquivRequest request)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = EquivVerb.Run(request, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static EquivRequest Scenario(string name, int steps = 300, bool broken = false, string format = "text") =>
        new(name, null, "translation", 7, steps, format, null, broken);

    [Fact]
    public void AnEquivalentRun_ExitsZero_AndPrintsStepsAndMappingsCompared()
    {
        var (code, output, _) = Run(Scenario("random"));
        Assert.Equal(EquivVerb.ExitEquivalent, code);
        Assert.Contains("steps compared: 300 of 300", output);
        Assert.Matches(@"mappings compared: [1-9][0-9]*", output);
        Assert.EndsWith("EQUIVALENT\n", output);
    }

    [Fact]
    public void ABrokenPort_ExitsOne_WithTheFirstDivergentDeviceAddress()
    {
        var (code, output, err) = Run(Scenario("random", broken: true) with { SaveTrace = Path.Combine(_dir, "t.trace") });
        Assert.Equal(EquivVerb.ExitDivergent, code);
        Assert.Contains("DIVERGENT: first unexpected divergence after step 0", output);
        Assert.Contains("in 'isp' at device address 0x", output);
        Assert.Equal("", err);
    }

    [Fact]
    public void SharedSpace_ExitsZero_AndAWrongAttributeOnOneIommu_ExitsOne_NamingItAndTheAddress()
    {
        var (ok, okOut, _) = Run(Scenario("shared-space", steps: 200));
        Assert.Equal(EquivVerb.ExitEquivalent, ok);
        Assert.EndsWith("EQUIVALENT\n", okOut);

        var (code, output, _) = Run(Scenario("shared-space", steps: 200, broken: true) with { SaveTrace = Path.Combine(_dir, "s.trace") });
        Assert.Equal(EquivVerb.ExitDivergent, code);
        Assert.Contains("CrossDevice in 'isp' at device address 0x80000000", output);
        Assert.Contains("IOMMU isp (omap): 4K pte", output);

        var (strict, _, err) = Run(Scenario("shared-space") with { Mode = "strict" });
        Assert.Equal(EquivVerb.ExitBadInput, strict);
        Assert.Contains("--mode strict: scenario 'shared-space' compares IOMMUs of different page-table formats", err);
    }

    [Fact]
    public void JsonFormat_CarriesTheDivergence()
    {
        var (code, output, _) = Run(Scenario("random", broken: true, format: "json") with { SaveTrace = Path.Combine(_dir, "t.trace") });
        Assert.Equal(1, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal("random", doc.RootElement.GetProperty("Scenario").GetString());
        Assert.Equal("Translation", doc.RootElement.GetProperty("Divergence").GetProperty("Kind").GetString());
        Assert.False(doc.RootElement.GetProperty("Equivalent").GetBoolean());
    }

    [Fact]
    public void AnUnknownScenario_ExitsTwo_ListingTheKnownOnes()
    {
        var (code, _, err) = Run(Scenario("omap-nonsense"));
        Assert.Equal(EquivVerb.ExitBadInput, code);
        Assert.Contains("unknown scenario 'omap-nonsense'; known scenarios: ", err);
        Assert.Contains("random", err);
    }

    [Fact]
    public void ASavedTrace_ReplaysToTheSameResult()
    {
        string file = Path.Combine(_dir, "saved.trace");
        var (first, out1, _) = Run(Scenario("random", steps: 120) with { SaveTrace = file });
        var (second, out2, _) = Run(new EquivRequest(null, file, "translation", 0, null, "text", null, false));
        Assert.Equal(0, first);
        Assert.Equal(0, second);
        Assert.Contains("steps compared: 120 of 120", out2);
        Assert.Equal(out1.Split('\n')[4], out2.Split('\n')[4]); // the same mappings compared
    }

    [Fact]
    public void AMalformedTrace_NamesTheLineAndField()
    {
        string file = Path.Combine(_dir, "bad.trace");
        File.WriteAllText(file, "# migrate equiv trace v1\nscenario random\nseed 3\nvmalloc buf=0 size=0x2000\nvmalloc buf=1 size=0x2g00\n");
        var (code, _, err) = Run(new EquivRequest(null, file, "translation", 0, null, "text", null, false));
        Assert.Equal(2, code);
        Assert.Equal($"error: {file}:5: field 'size': '0x2g00' is not an integer (decimal or 0x-hex)\n", err.Replace("\r", ""));
    }

    [Fact]
    public void ATraceWithAnUnknownOperation_NamesTheOpField()
    {
        string file = Path.Combine(_dir, "op.trace");
        File.WriteAllText(file, "scenario random\nkmap buf=0 size=0x2000\n");
        var (code, _, err) = Run(new EquivRequest(null, file, "translation", 0, null, "text", null, false));
        Assert.Equal(2, code);
        Assert.Contains($"{file}:2: field 'op': unknown operation 'kmap'", err);
    }

    [Fact]
    public void ATraceOfAnUnknownScenario_IsBadInput()
    {
        string file = Path.Combine(_dir, "scn.trace");
        File.WriteAllText(file, "scenario nothing\nvmalloc buf=0 size=1\n");
        var (code, _, err) = Run(new EquivRequest(null, file, "translation", 0, null, "text", null, false));
        Assert.Equal(2, code);
        Assert.Contains("field 'scenario': unknown scenario 'nothing'", err);
    }

    [Fact]
    public void AMissingTraceFile_IsBadInput()
    {
        var (code, _, err) = Run(new EquivRequest(null, Path.Combine(_dir, "none.trace"), "translation", 0, null, "text", null, false));
        Assert.Equal(2, code);
        Assert.Contains("none.trace: cannot read the file", err);
    }

    [Theory]
    [InlineData("loose", "text", "--mode: 'loose' is not a mode")]
    [InlineData("strict", "xml", "--format: 'xml' is not a format")]
    public void BadOptionValues_AreBadInput(string mode, string format, string message)
    {
        var (code, _, err) = Run(new EquivRequest("random", null, mode, 1, 10, format, null, false));
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    [Fact]
    public void PropertyMode_WritesTheMinimalTrace_AndExitsOne()
    {
        string file = Path.Combine(_dir, "minimal.trace");
        var (code, output, _) = Run(new EquivRequest("random", null, "translation", 1, null, "text", file, true, Property: 100));
        Assert.Equal(1, code);
        Assert.Contains("shrunk to 1 steps", output);
        Assert.Equal(4, File.ReadAllLines(file).Length); // header, scenario, seed, the one step
    }

    [Fact]
    public void ADocumentedDifference_ExitsZero_PrintingEachDocumentedDivergence()
    {
        // The check passes when the worlds differ exactly as omap.md §7.3 says, and the output says how.
        var (code, output, _) = Run(Scenario("omap-generic-prot"));
        Assert.Equal(0, code);
        Assert.Contains("documented: divergence after step 0 (map da=0x1000000 pa=0x81000000 size=0x1000 prot=3): Translation in 'isp' at device address 0x01001000", output);
        Assert.Contains("known port difference: omap.md §7.3", output);
        Assert.EndsWith("DIFFERS AS DOCUMENTED\n", output);
    }

    [Fact]
    public void MsmRandom_ExitsZero_DiffersAsDocumented()
    {
        var stdout = new StringWriter();
        int code = EquivVerb.Run(new EquivRequest("msm-random", null, "translation", 0, 300, "text", null, false), stdout, new StringWriter());
        Assert.Equal(EquivVerb.ExitEquivalent, code);
        Assert.Contains("steps compared: 300 of 300", stdout.ToString());
        Assert.EndsWith("DIFFERS AS DOCUMENTED\n", stdout.ToString());
    }
}
