using System.Diagnostics;
using System.Text.Json;

namespace Migration.Cli.Tests;

/// <summary>
/// `analyze --format sarif` on C sources and a C# project together: the log passes the Microsoft SARIF Multitool's
/// `validate` with no warning or error (the npm package @microsoft/sarif-multitool, installed once per machine), and
/// the rules it enforces that matter here are checked directly too: readable rule names distinct from the ids
/// (SARIF1001), absolute URIs that open (SARIF1005), consistent rule indices (SARIF1009/1010), defined uriBaseIds
/// (SARIF1004), consistent regions (SARIF1007).
/// </summary>
public sealed class SarifValidityTests : IClassFixture<SarifValidityTests.MixedSarif>
{
    private const string MultitoolVersion = "5.7.0";

    private readonly MixedSarif _sarif;

    public SarifValidityTests(MixedSarif sarif) => _sarif = sarif;

    /// <summary>The SARIF of the C corpus and of the legacy omap3isp project, analysed once for the class.</summary>
    public sealed class MixedSarif : IDisposable
    {
        /// <summary>Analyses the bundled C corpus and the legacy omap3isp project, each into a SARIF file in a scratch folder.</summary>
        public MixedSarif()
        {
            Folder = Directory.CreateTempSubdirectory("sarif-validity-").FullName;
            Path = System.IO.Path.Combine(Folder, "analyze.sarif");
            string corpus = System.IO.Path.Combine(Cli.RepositoryRoot(), "tests", "Migration.Analysis.C.Tests", "corpus");
            (Code, Out, Err) = Cli.Run("analyze", corpus, "--format", "sarif", "--output", Path);
            Text = File.ReadAllText(Path);
            string csharp = System.IO.Path.Combine(Cli.RepositoryRoot(), "legacy", "Legacy.Omap3isp", "Legacy.Omap3isp.csproj");
            CSharpPath = System.IO.Path.Combine(Folder, "csharp.sarif");
            (CSharpCode, _, _) = Cli.Run("analyze", csharp, "--format", "sarif", "--output", CSharpPath);
        }

        /// <summary>Scratch folder.</summary>
        public string Folder { get; }

        /// <summary>The C corpus's SARIF file.</summary>
        public string Path { get; }

        /// <summary>The omap3isp project's SARIF file.</summary>
        public string CSharpPath { get; }

        /// <summary>Exit code of the C run.</summary>
        public int Code { get; }

        /// <summary>Exit code of the C# run.</summary>
        public int CSharpCode { get; }

        /// <summary>What the C run printed.</summary>
        public string Out { get; }

        /// <summary>What the C run printed on stderr.</summary>
        public string Err { get; }

        /// <summary>The C run's SARIF text.</summary>
        public string Text { get; }

        /// <inheritdoc />
        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    public static TheoryData<string> Logs() => new() { "c", "csharp" };

    private string LogPath(string which) => which == "c" ? _sarif.Path : _sarif.CSharpPath;

    [Theory]
    [MemberData(nameof(Logs))]
    public void RulesHaveReadableNames_AndHelpLinksThatOpen(string which)
    {
        // C findings are warnings; the C# project builds with TreatWarningsAsErrors, so its findings are errors.
        Assert.Equal(which == "c" ? 0 : 1, which == "c" ? _sarif.Code : _sarif.CSharpCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(LogPath(which)));
        JsonElement driver = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        string info = driver.GetProperty("informationUri").GetString()!;
        Assert.True(Directory.Exists(new Uri(info).LocalPath), info);
        foreach (JsonElement rule in driver.GetProperty("rules").EnumerateArray())
        {
            string id = rule.GetProperty("id").GetString()!;
            string name = rule.GetProperty("name").GetString()!;
            Assert.NotEqual(id, name);
            Assert.Matches("^[A-Z][A-Za-z]+$", name);
            var help = new Uri(rule.GetProperty("helpUri").GetString()!, UriKind.Absolute);
            Assert.True(File.Exists(help.LocalPath), help.AbsoluteUri);
            Assert.EndsWith("/" + id + ".md", help.AbsoluteUri, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("example.invalid", File.ReadAllText(LogPath(which)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void ResultsPointAtTheirRules_AndAtFilesUnderADefinedBase_WithConsistentRegions(string which)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(LogPath(which)));
        JsonElement run = doc.RootElement.GetProperty("runs")[0];
        JsonElement[] rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        JsonElement bases = run.GetProperty("originalUriBaseIds");
        JsonElement[] results = run.GetProperty("results").EnumerateArray().ToArray();
        Assert.NotEmpty(results);
        foreach (JsonElement result in results)
        {
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            JsonElement physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            JsonElement artifact = physical.GetProperty("artifactLocation");
            string baseUri = bases.GetProperty(artifact.GetProperty("uriBaseId").GetString()!).GetProperty("uri").GetString()!;
            Assert.True(Uri.IsWellFormedUriString(baseUri, UriKind.Absolute) && baseUri.EndsWith('/'), baseUri);
            Assert.False(Uri.IsWellFormedUriString(artifact.GetProperty("uri").GetString(), UriKind.Absolute));
            JsonElement region = physical.GetProperty("region");
            int startLine = region.GetProperty("startLine").GetInt32(), startColumn = region.GetProperty("startColumn").GetInt32();
            int endLine = region.GetProperty("endLine").GetInt32(), endColumn = region.GetProperty("endColumn").GetInt32();
            Assert.True(startLine >= 1 && startColumn >= 1 && (endLine > startLine || (endLine == startLine && endColumn >= startColumn)), region.ToString());
        }
    }

    [Fact]
    public void CResults_CarryFixRewritesAsFixes_TheMsmVendorResultsNone()
    {
        // Issue 17: the rewrites of `migrate fix` as SARIF 2.1.0 fixes, which code-scanning viewers show.
        using var log = JsonDocument.Parse(_sarif.Text);
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var withFixes = results.Where(r => r.TryGetProperty("fixes", out _)).ToList();
        Assert.Equal(22, withFixes.Count); // the 20 omap3isp sites and the 2 order-based calls of kgsl_iommu.c
        Assert.DoesNotContain(withFixes, r => r.GetProperty("ruleId").GetString() == "IOMMU003");
        JsonElement vfree = withFixes.Single(r =>
            r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "omap3isp/ispccdc.c"
            && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() == 25);
        JsonElement fix = Assert.Single(vfree.GetProperty("fixes").EnumerateArray());
        Assert.Equal("Rewrite for the generic IOMMU API: omap_iommu_vfree(isp->domain, isp->dev, req->table)", fix.GetProperty("description").GetProperty("text").GetString());
        JsonElement change = Assert.Single(fix.GetProperty("artifactChanges").EnumerateArray());
        Assert.Equal("omap3isp/ispccdc.c", change.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(
            ["25:3-25:14 omap_iommu_vfree", "25:15-25:25 isp->domain, isp->dev"],
            change.GetProperty("replacements").EnumerateArray().Select(r =>
            {
                JsonElement d = r.GetProperty("deletedRegion");
                return $"{d.GetProperty("startLine")}:{d.GetProperty("startColumn")}-{d.GetProperty("endLine")}:{d.GetProperty("endColumn")} {r.GetProperty("insertedContent").GetProperty("text").GetString()}";
            }));
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void TheSarifMultitool_ReportsNoWarningOrError(string which)
    {
        string tool = Multitool();
        string output = Path.Combine(_sarif.Folder, which + ".validation.sarif");
        (int exit, string text) = Execute(tool, $"validate --output \"{output}\" \"{LogPath(which)}\"", _sarif.Folder);
        Assert.True(exit == 0, text);
        Assert.Contains("Analysis completed successfully.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(": warning SARIF", text, StringComparison.Ordinal);
        Assert.DoesNotContain(": error SARIF", text, StringComparison.Ordinal);
        using var validation = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Empty(validation.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
    }

    // The Multitool's Linux build from npm, installed once per machine into the temp folder (about 100 MB); npm is part
    // of this machine kind, and a missing npm or registry is a failure of the test, not a skip.
    private static string Multitool()
    {
        string home = Path.Combine(Path.GetTempPath(), $"iommu-sarif-multitool-{MultitoolVersion}");
        string tool = Path.Combine(home, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
        lock (typeof(SarifValidityTests))
        {
            if (!File.Exists(tool))
            {
                Directory.CreateDirectory(home);
                (int exit, string text) = Execute("npm", $"install --no-audit --no-fund --prefix \"{home}\" @microsoft/sarif-multitool@{MultitoolVersion}", home);
                Assert.True(exit == 0 && File.Exists(tool), $"npm could not install @microsoft/sarif-multitool@{MultitoolVersion}: {text}");
            }
            // npm may skip the package's postinstall (chmod u+x Sarif.Multitool); the Linux build is the one installed.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(tool, File.GetUnixFileMode(tool) | UnixFileMode.UserExecute);
        }
        return tool;
    }

    private static (int Exit, string Output) Execute(string file, string arguments, string directory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} {arguments}: did not finish in 5 minutes");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
