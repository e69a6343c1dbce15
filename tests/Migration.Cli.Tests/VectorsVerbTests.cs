using System.Text.Json.Nodes;
using Migration.Cli.Verbs;

namespace Migration.Cli.Tests;

/// <summary>The `vectors` verb: output lines, failing-case reports and exit codes.</summary>
public sealed class VectorsVerbTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("vectors-verb-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string Bundled(string name) => Path.Combine(Cli.RepositoryRoot(), "vectors", name);

    private static (int Exit, string Out, string Err) Run(bool skipPending, params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = VectorsVerb.Run(paths, skipPending, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string LastLine(string text) => text.TrimEnd('\n', '\r').Split('\n')[^1].TrimEnd('\r');

    [Fact]
    public void OmapFiles_PassWithOnePerFileLineAndTotals()
    {
        var (exit, output, err) = Run(false, Bundled("omap-pgtable.json"), Bundled("omap-iovmm-alloc.json"));

        Assert.Equal(0, exit);
        Assert.Equal("", err);
        Assert.Contains("omap-pgtable.json: 100 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("omap-iovmm-alloc.json: 80 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Equal("180 passed, 0 failed", LastLine(output));
    }

    [Fact]
    public void AlteredExpectedPte_FailsExactlyThatCase_WithOpIndexAndValues()
    {
        JsonNode doc = JsonNode.Parse(File.ReadAllText(Bundled("omap-pgtable.json")))!;
        JsonObject target = doc["cases"]!.AsArray().Select(c => c!.AsObject())
            .First(c => c["name"]!.GetValue<string>() == "store-4k-basic");
        // op 1 is a lookup whose recorded pte is 0x09000002; claim 0x09000003 instead.
        Assert.Equal("0x09000002", target["results"]![1]!["pte"]!.GetValue<string>());
        target["results"]![1]!["pte"] = "0x09000003";
        string altered = Path.Combine(_scratch, "omap-pgtable.json");
        File.WriteAllText(altered, doc.ToJsonString());

        var (exit, output, _) = Run(false, altered);

        Assert.Equal(1, exit);
        Assert.Contains("omap-pgtable.json: 99 passed, 1 failed", output, StringComparison.Ordinal);
        var failed = output.Split('\n').Where(l => l.Contains("FAILED", StringComparison.Ordinal)).ToList();
        Assert.Equal(["  FAILED store-4k-basic"], failed.Select(l => l.TrimEnd('\r')));
        Assert.Contains("op 1: pte: expected 0x09000003, actual 0x09000002", output, StringComparison.Ordinal);
        Assert.Equal("99 passed, 1 failed", LastLine(output));
    }

    [Fact]
    public void AlteredFinalL2Entry_ReportsTheL1AndPteIndex()
    {
        JsonNode doc = JsonNode.Parse(File.ReadAllText(Bundled("omap-pgtable.json")))!;
        JsonObject target = doc["cases"]!.AsArray().Select(c => c!.AsObject())
            .First(c => c["name"]!.GetValue<string>() == "l2-alloc-fails-4k-enomem");
        target["final"]!["l2"]!["336"]![0]!["value"] = "0x42001002";
        string altered = Path.Combine(_scratch, "omap-pgtable.json");
        File.WriteAllText(altered, doc.ToJsonString());

        var (exit, output, _) = Run(false, altered);

        Assert.Equal(1, exit);
        Assert.Contains("  FAILED l2-alloc-fails-4k-enomem", output, StringComparison.Ordinal);
        Assert.Contains("final.l2[336][0]: expected 0x42001002, actual 0x42000002", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedJson_Exits2NamingTheFileAndLine()
    {
        string truncated = Path.Combine(_scratch, "truncated.json");
        File.WriteAllBytes(truncated, File.ReadAllBytes(Bundled("omap-pgtable.json")).AsSpan(0, 3000).ToArray());

        var (exit, output, err) = Run(false, truncated);

        Assert.Equal(2, exit);
        Assert.Contains("truncated.json: line ", err, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", err, StringComparison.Ordinal);
        Assert.Equal("0 passed, 0 failed", LastLine(output));
    }

    [Fact]
    public void BadHexField_Exits2NamingTheJsonPath()
    {
        JsonNode doc = JsonNode.Parse(File.ReadAllText(Bundled("omap-iovmm-alloc.json")))!;
        doc["cases"]![2]!["ops"]![0]!["bytes"] = "0x1000";
        string bad = Path.Combine(_scratch, "bad-hex.json");
        File.WriteAllText(bad, doc.ToJsonString());

        var (exit, _, err) = Run(false, bad);

        Assert.Equal(2, exit);
        Assert.Contains("bad-hex.json: $.cases[2].ops[0].bytes: expected \"0x\" and 8 hex digits, found \"0x1000\"", err, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingField_Exits2NamingTheJsonPath()
    {
        JsonNode doc = JsonNode.Parse(File.ReadAllText(Bundled("omap-pgtable.json")))!;
        doc["cases"]![0]!["ops"]![0]!.AsObject().Remove("pa");
        string bad = Path.Combine(_scratch, "missing.json");
        File.WriteAllText(bad, doc.ToJsonString());

        var (exit, _, err) = Run(false, bad);

        Assert.Equal(2, exit);
        Assert.Contains("missing.json: $.cases[0].ops[0].pa: missing field", err, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultFolder_ReplaysEveryBundledFile()
    {
        var (exit, output, err) = Run(false, Path.Combine(Cli.RepositoryRoot(), "vectors"));

        Assert.Equal(0, exit);
        Assert.Equal("", err);
        Assert.Contains("msm-core.json: 46 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("msm-pgtable.json: 55 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("omap-iovmm-alloc.json: 80 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("omap-pgtable.json: 100 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("pgsize-split.json: 143 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PENDING", output, StringComparison.Ordinal);
        Assert.Equal("424 passed, 0 failed", LastLine(output));
    }

    [Fact]
    public void MissingPath_Exits2()
    {
        var (exit, _, err) = Run(false, Path.Combine(_scratch, "nope.json"));

        Assert.Equal(2, exit);
        Assert.Contains("nope.json: no such file or folder", err, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSuite_Exits2()
    {
        JsonNode doc = JsonNode.Parse(File.ReadAllText(Bundled("omap-iovmm-alloc.json")))!;
        doc["suite"] = "tegra-gart";
        string bad = Path.Combine(_scratch, "tegra.json");
        File.WriteAllText(bad, doc.ToJsonString());

        var (exit, _, err) = Run(false, bad);

        Assert.Equal(2, exit);
        Assert.Contains("unknown suite \"tegra-gart\"", err, StringComparison.Ordinal);
    }
}
