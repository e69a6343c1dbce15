using System.Text.Json;
using Snapshooter.Xunit;

namespace Migration.Analysis.Tests;

/// <summary>The SARIF 2.1.0 and JSON forms of an analysis, pinned by snapshots, and their structure checked directly.</summary>
public class ReportWritersTests
{
    private static AnalysisResult Sample() => new(
        "/src/client",
        [
            new Finding("IOMMU001", "warning", "iommu_get(\"isp\") is the OMAP vendor API: use iommu_domain_alloc + iommu_attach_device",
                "isp.cs", 12, 20, 12, 45, "Client", "iommu_get", "IspProbe"),
            new Finding("IOMMU002", "error", "iommu_vmalloc: use dma_alloc_coherent",
                "ccdc/lsc.cs", 40, 9, 40, 60, "Client", "iommu_vmalloc", "CcdcLscConfig"),
            new Finding("IOMMU006", "note", "the return value of iommu_map is ignored", "map.cs", 3, 1, 3, 30, "Client", null, null),
        ],
        [
            new RuleInfo("IOMMU001", "OMAP vendor IOMMU API", "https://docs.example.org/iommu/IOMMU001.md", "warning", "Migration") { Name = "OmapVendorIommuApi" },
            new RuleInfo("IOMMU002", "OMAP iovmm API", "https://docs.example.org/iommu/IOMMU002.md", "warning", "Migration"),
            new RuleInfo("IOMMU006", "Ignored map/unmap result", "https://docs.example.org/iommu/IOMMU006.md", "note", "Reliability"),
        ],
        ["Client"],
        []);

    [Fact]
    public void Sarif_MatchesTheSnapshot() => Snapshot.Match(SarifWriter.Write(Sample(), "1.0.0", "https://docs.example.org/iommu/"));

    [Fact]
    public void Json_MatchesTheSnapshot() => Snapshot.Match(FindingsJsonWriter.Write(Sample()));

    [Fact]
    public void Sarif_HasOneRun_RulesWithHelpUris_AndResultsWithLocations()
    {
        using var doc = JsonDocument.Parse(SarifWriter.Write(Sample(), "1.0.0"));
        JsonElement root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        JsonElement run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        JsonElement[] rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(["IOMMU001", "IOMMU002", "IOMMU006"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("https://docs.example.org/iommu/IOMMU002.md", rules[1].GetProperty("helpUri").GetString());
        // A readable name where the analyzer gives one; none (rather than a copy of the id, SARIF1001) where it does not.
        Assert.Equal("OmapVendorIommuApi", rules[0].GetProperty("name").GetString());
        Assert.False(rules[1].TryGetProperty("name", out _));
        Assert.False(run.GetProperty("tool").GetProperty("driver").TryGetProperty("informationUri", out _));

        JsonElement[] results = run.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(3, results.Length);
        Assert.Equal(1, results[1].GetProperty("ruleIndex").GetInt32());
        Assert.Equal("error", results[1].GetProperty("level").GetString());
        JsonElement location = results[1].GetProperty("locations")[0];
        Assert.Equal("ccdc/lsc.cs", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(40, location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("CcdcLscConfig", location.GetProperty("logicalLocations")[0].GetProperty("name").GetString());
        Assert.Equal("iommu_vmalloc", results[1].GetProperty("properties").GetProperty("kernelSymbol").GetString());
        Assert.Equal("file:///src/client/", run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());
    }

    [Fact]
    public void Json_CountsFindingsPerRule()
    {
        using var doc = JsonDocument.Parse(FindingsJsonWriter.Write(Sample()));
        JsonElement counts = doc.RootElement.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("IOMMU001").GetInt32());
        Assert.Equal(1, counts.GetProperty("IOMMU006").GetInt32());
        Assert.Equal(3, doc.RootElement.GetProperty("findings").GetArrayLength());
    }

    private static AnalysisResult CSample() => Sample() with
    {
        Findings =
        [
            new Finding("IOMMU002", "warning", "iommu_vmalloc(): OMAP iovmm API; in C use dma_alloc_coherent(dev, size, &dma, GFP_KERNEL)",
                "omap3isp/ispccdc.c", 54, 16, 54, 29, "C", "iommu_vmalloc", "ccdc_lsc_config") { Origin = FindingOrigin.AstAfterStubs },
        ],
        Projects = ["C"],
        SourceFiles =
        [
            new SourceFileReport("broken/syntax_error.c", 1, 0, 1, 0, "2 syntax errors left after stubbing, first at 11:3: expected ')'"),
            new SourceFileReport("omap3isp/ispccdc.c", 7, 2, 0, 10, null),
        ],
    };

    [Fact]
    public void Sarif_ForCInputs_CarriesTheOrigin_TheFileErrorsAsNotifications_AndTheRecoveryCounts()
    {
        using var doc = JsonDocument.Parse(SarifWriter.Write(CSample(), "1.0.0"));
        JsonElement run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("ast-after-stubs", run.GetProperty("results")[0].GetProperty("properties").GetProperty("origin").GetString());
        JsonElement invocation = Assert.Single(run.GetProperty("invocations").EnumerateArray());
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        JsonElement notification = Assert.Single(invocation.GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("error", notification.GetProperty("level").GetString());
        Assert.Equal("broken/syntax_error.c: 2 syntax errors left after stubbing, first at 11:3: expected ')'", notification.GetProperty("message").GetProperty("text").GetString());
        JsonElement[] files = run.GetProperty("properties").GetProperty("sourceFiles").EnumerateArray().ToArray();
        Assert.Equal(2, files.Length);
        Assert.Equal((7, 2, 0, 10), (files[1].GetProperty("fromAst").GetInt32(), files[1].GetProperty("fromStubbedAst").GetInt32(), files[1].GetProperty("fromTokens").GetInt32(), files[1].GetProperty("stubs").GetInt32()));
        Assert.False(files[1].TryGetProperty("error", out _));
    }

    [Fact]
    public void Json_ForCInputs_ListsTheSourceFiles_AndForCSharpOnly_LeavesThemOut()
    {
        using var c = JsonDocument.Parse(FindingsJsonWriter.Write(CSample()));
        Assert.Equal(2, c.RootElement.GetProperty("sourceFiles").GetArrayLength());
        Assert.Equal(2, c.RootElement.GetProperty("sourceFiles")[0].GetProperty("calls").GetInt32());
        Assert.Equal("ast-after-stubs", c.RootElement.GetProperty("findings")[0].GetProperty("origin").GetString());
        Assert.True(CSample().HasFileErrors);

        using var csharp = JsonDocument.Parse(FindingsJsonWriter.Write(Sample()));
        Assert.False(csharp.RootElement.TryGetProperty("sourceFiles", out _));
        Assert.False(csharp.RootElement.GetProperty("findings")[0].TryGetProperty("origin", out _));
        Assert.False(Sample().HasFileErrors);
        using var sarif = JsonDocument.Parse(SarifWriter.Write(Sample(), "1.0.0"));
        Assert.False(sarif.RootElement.GetProperty("runs")[0].TryGetProperty("invocations", out _));
    }

    [Fact]
    public void AResultWithAnErrorFinding_HasErrors()
    {
        Assert.True(Sample().HasErrors);
        Assert.False((Sample() with { Findings = Sample().Findings.Where(f => f.Severity != "error").ToList() }).HasErrors);
    }

    [Fact]
    public void AMissingPath_IsALoadError_NamingThePath()
    {
        AnalysisResult? r = SolutionAnalyzer.Analyze("/nonexistent/thing.csproj", new AnalyzerSet([]), out string? error);
        Assert.Null(r);
        Assert.Equal("/nonexistent/thing.csproj: no such file or folder", error);
    }

    [Fact]
    public void AFileThatIsNotAProject_IsALoadError()
    {
        string file = Path.GetTempFileName();
        try
        {
            Assert.Null(SolutionAnalyzer.Analyze(file, new AnalyzerSet([]), out string? error));
            Assert.Equal($"{file}: not a solution (.sln) or C# project (.csproj)", error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
