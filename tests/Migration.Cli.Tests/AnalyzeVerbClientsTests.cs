using System.Text.Json;
using Migration.Cli.Verbs;

namespace Migration.Cli.Tests;

/// <summary>`migrate analyze` over the bundled clients: the legacy omap3isp's vendor call sites, none in its port, bad input named.</summary>
public class AnalyzeVerbClientsTests
{
    private static string Root()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Migration.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Migration.sln not found above the test's directory");
    }

    private static (int Code, string Out, string Err) Run(string path, string format)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = AnalyzeVerb.Run(path, format, null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void TheLegacyOmap3isp_HasItsVendorCallSites_AsSarif()
    {
        var (code, output, err) = Run(Path.Combine(Root(), "legacy", "Legacy.Omap3isp"), "sarif");

        // The rules warn by default, but this repository builds with TreatWarningsAsErrors, which the project's
        // compilation options carry: the findings are errors here, as they would be in the build.
        Assert.Equal(AnalyzeVerb.ExitErrors, code);
        Assert.DoesNotContain("AD0001", err);
        using var doc = JsonDocument.Parse(output);
        JsonElement run = doc.RootElement.GetProperty("runs")[0];
        JsonElement[] results = run.GetProperty("results").EnumerateArray().ToArray();
        string[] rules = results.Select(r => r.GetProperty("ruleId").GetString()!).ToArray();
        // omap.md §6.1: the 20 call sites, 5 of the iommu API (get, put on the error path and in remove, save/restore
        // ctx) and 15 of iovmm.
        Assert.Equal(5, rules.Count(r => r == "IOMMU001"));
        Assert.Equal(15, rules.Count(r => r == "IOMMU002"));
        Assert.Equal(1, rules.Count(r => r == "IOMMU007")); // IspDevice.Iommu keeps the vendor handle
        Assert.Equal(21, results.Length);
        Assert.All(results, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("properties").GetProperty("kernelSymbol").GetString())));
        Assert.Contains(results, r => r.GetProperty("properties").GetProperty("kernelSymbol").GetString() == "iommu_vmalloc"
            && r.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("name").GetString() == "LscConfigCore");
    }

    [Fact]
    public void ThePortedOmap3isp_HasNoVendorApiUse()
    {
        var (code, output, _) = Run(Path.Combine(Root(), "generic", "Generic.Omap3isp", "Generic.Omap3isp.csproj"), "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(0, doc.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void AnUnloadablePath_ExitsTwo_SayingWhy()
    {
        var (code, _, err) = Run("/nonexistent/client", "console");
        Assert.Equal(AnalyzeVerb.ExitBadInput, code);
        Assert.Contains("/nonexistent/client: no such file or folder", err);
        var (cCode, _, cErr) = Run("/nonexistent/driver.c", "console"); // a C file that is not there at all is bad input too
        Assert.Equal(AnalyzeVerb.ExitBadInput, cCode);
        Assert.Contains("/nonexistent/driver.c: no such file or folder", cErr);
    }

    [Fact]
    public void AnUnknownFormat_IsBadInput()
    {
        var (code, _, err) = Run(Root(), "xml");
        Assert.Equal(2, code);
        Assert.Contains("--format: 'xml' is not a format", err);
    }
}
