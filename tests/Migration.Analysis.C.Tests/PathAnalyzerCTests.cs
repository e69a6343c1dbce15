using System.Text.Json;

namespace Migration.Analysis.C.Tests;

/// <summary>
/// What `migrate analyze` reports on C inputs, through the library calls the verb makes (<see cref="PathAnalyzer"/> and
/// the writers): the corpus as SARIF, a single .c file, and a folder with C and C# in one report. The verb's exit codes
/// are Migration.Cli.Tests' AnalyzeExitCodeTests.
/// </summary>
public sealed class PathAnalyzerCTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cfront-verb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The analysis of path and its text in format (console, json, sarif), as the verb produces them; the load error when there is none.
    private static (AnalysisResult? Result, string Text, string? Error) Run(string path, string format)
    {
        AnalysisResult? result = PathAnalyzer.Analyze(path, CParseSettings.None, out string? error);
        if (result is null)
            return (null, "", error);
        if (format == "sarif")
            result = PathAnalyzer.WithFixes(result, CParseSettings.None);
        string text = format switch
        {
            "json" => FindingsJsonWriter.Write(result),
            "sarif" => SarifWriter.Write(result, "1.0.0", PathAnalyzer.DefaultDocsBaseUri()),
            _ => FindingsConsoleWriter.Write(result),
        };
        return (result, text, null);
    }

    private static bool Clean(AnalysisResult? r) => r is { HasErrors: false, HasFileErrors: false };

    private static List<(ExpectedCall Call, JsonElement Result)> Results(JsonElement run) =>
        run.GetProperty("results").EnumerateArray().Select(r =>
        {
            JsonElement location = r.GetProperty("locations")[0];
            JsonElement region = location.GetProperty("physicalLocation").GetProperty("region");
            string? function = location.TryGetProperty("logicalLocations", out JsonElement logical) ? logical[0].GetProperty("name").GetString() : null;
            JsonElement properties = r.GetProperty("properties");
            var call = new ExpectedCall(location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!,
                region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(),
                properties.GetProperty("kernelSymbol").GetString()!, r.GetProperty("ruleId").GetString()!, function,
                properties.TryGetProperty("origin", out JsonElement origin) ? origin.GetString()! : "");
            return (call, r);
        }).ToList();

    [Fact]
    public void TheCorpusAsSarif_HasEveryExpectedCallSite_AndNoOther_WithRulesHelpAndTheBrokenFileNamed()
    {
        var (result, output, _) = Run(Corpus.Root, "sarif");

        Assert.True(Clean(result)); // C findings are warnings; broken/syntax_error.c parsed in part is a note
        Assert.StartsWith("2 syntax errors left after stubbing, first at 11:3: ", Assert.Single(result!.SourceFiles, f => f.Note is not null && f.File == "broken/syntax_error.c").Note, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(output);
        JsonElement run = doc.RootElement.GetProperty("runs")[0];
        var results = Results(run);
        Assert.Equal(Corpus.Expected.OrderBy(e => e.ToString()), results.Select(r => r.Call).OrderBy(e => e.ToString()));

        JsonElement[] rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        foreach (var (call, sarifResult) in results)
        {
            JsonElement rule = rules[sarifResult.GetProperty("ruleIndex").GetInt32()];
            Assert.Equal(call.Rule, rule.GetProperty("id").GetString());
            Assert.EndsWith($"/{call.Rule}.md", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        }
        JsonElement invocation = run.GetProperty("invocations")[0];
        Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean()); // parsed in part: a note, not a failure
        JsonElement notification = Assert.Single(invocation.GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("note", notification.GetProperty("level").GetString());
        Assert.Equal("broken/syntax_error.c", notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(10, run.GetProperty("properties").GetProperty("sourceFiles").GetArrayLength());
        // No user headers were given: every file was parsed with the kernel prelude, and the log says so per file.
        Assert.All(run.GetProperty("properties").GetProperty("sourceFiles").EnumerateArray(), f => Assert.Equal("prelude", f.GetProperty("parse").GetString()));
    }

    [Fact]
    public void ACFile_IsAnalysedAlone_AndACleanFileExitsZero()
    {
        var (result, output, _) = Run(Path.Combine(Corpus.Root, "omap3isp", "ispstat.c"), "json");

        Assert.True(Clean(result));
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(["C"], doc.RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(4, doc.RootElement.GetProperty("findings").GetArrayLength());
        JsonElement file = Assert.Single(doc.RootElement.GetProperty("sourceFiles").EnumerateArray());
        Assert.Equal(("ispstat.c", 0, 4, 0), (file.GetProperty("file").GetString(), file.GetProperty("fromAst").GetInt32(), file.GetProperty("fromStubbedAst").GetInt32(), file.GetProperty("fromTokens").GetInt32()));
        Assert.All(doc.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Equal("ast-after-stubs", f.GetProperty("origin").GetString()));
    }

    [Fact]
    public void TheConsoleReport_GroupsByRuleAndByEnclosingFunction_AndListsTheSourceFiles()
    {
        var (_, output, _) = Run(Corpus.Root, "console");

        Assert.Contains("Findings per rule", output, StringComparison.Ordinal);
        Assert.Contains("Findings per enclosing function", output, StringComparison.Ordinal);
        Assert.Contains("C source files", output, StringComparison.Ordinal);
        Assert.Matches(@"│ omap3isp/ispccdc\.c\s+│ ccdc_config\s+│ 4\s+│ IOMMU002\s+│ da_to_va, iommu_vfree, iommu_vmalloc", output);
        Assert.Matches(@"│ msm/msm_isp\.c\s+│ prelude\s+│ 1\s+│ 1\s+│ 2\s+│", output);
        Assert.Contains("43 findings in 1 projects; 10 C files, 0 with errors, 1 parsed in part", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWithACCorpusAndACSharpProject_GivesOneCombinedReport()
    {
        CopyDirectory(Path.Combine(Corpus.Root, "omap3isp"), Path.Combine(_folder, "omap3isp"));
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "fixtures", "CSharpClient"), Path.Combine(_folder, "CSharpClient"));

        var (result, output, error) = Run(_folder, "sarif");

        Assert.True(Clean(result), error);
        using var doc = JsonDocument.Parse(output);
        var results = Results(doc.RootElement.GetProperty("runs")[0]);
        var cFindings = results.Where(r => r.Result.GetProperty("properties").GetProperty("project").GetString() == "C").ToList();
        var csFindings = results.Where(r => r.Result.GetProperty("properties").GetProperty("project").GetString() == "CSharpClient").ToList();
        Assert.Equal(20, cFindings.Count);
        Assert.Equal(["iommu_get", "iommu_vmalloc"], csFindings.Select(r => r.Call.Symbol).Order(StringComparer.Ordinal));
        Assert.All(csFindings, r => Assert.Equal(("CSharpClient/Client.cs", "Probe"), (r.Call.File, r.Call.Function!)));
        Assert.Equal(results.Count, cFindings.Count + csFindings.Count);
    }

    [Fact]
    public void AFolderWithNeitherCNorCSharp_IsBadInput()
    {
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "nothing to analyse");
        var (result, _, error) = Run(_folder, "console");
        Assert.Null(result);
        Assert.Equal($"{_folder}: no .sln, .csproj or .c file in this folder", error);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
