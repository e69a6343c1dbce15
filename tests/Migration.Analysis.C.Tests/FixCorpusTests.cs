using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Migration.Analysis.C.Fix;

namespace Migration.Analysis.C.Tests;

/// <summary>
/// Issue 17's acceptance on the bundled corpus: the pinned diff and summary (corpus/expected-fix), `git apply --check`,
/// `analyze` on the patched corpus, idempotency, and the omap3isp files becoming the calls Linux 3.3's omap3isp makes
/// at the same places (omap.md §7.7).
/// </summary>
public sealed class FixCorpusTests : IDisposable
{
    private static readonly Lazy<FixRun> Fixed = new(() => FixRun.Run(Corpus.Root, new CFixer(), out _)!);

    private readonly string _scratch = Directory.CreateTempSubdirectory("fix-corpus-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string Expected(string name) => File.ReadAllText(Path.Combine(Corpus.Root, "expected-fix", name));

    /// <summary>The corpus's .c files copied under the scratch folder, patched when <paramref name="patched"/>.</summary>
    private string CopyCorpus(bool patched)
    {
        foreach (FileFix file in Fixed.Value.Files)
        {
            string target = Path.Combine(_scratch, file.File);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, patched ? file.Patched : file.Original);
        }
        return _scratch;
    }

    [Fact]
    public void TheCorpusDiff_IsThePinnedDiff()
    {
        Assert.Equal(Expected("corpus.diff"), Fixed.Value.Diff());
    }

    [Fact]
    public void TheSummary_ListsEverySite_RewrittenOrLeftAloneWithItsReason_ThenTheManualSteps()
    {
        Assert.Equal(Expected("summary.txt"), string.Concat(Fixed.Value.Summary().Select(l => l + "\n")));
        // Every call analyze reports is a site: the corpus's expected findings, one site each (the macro's call is
        // reported once at its single expansion and rewritten in its #define).
        Assert.Equal(Corpus.Expected.Count, Fixed.Value.Files.Sum(f => f.Sites.Count));
        Assert.All(Fixed.Value.Files.SelectMany(f => f.Sites).Where(s => !s.Rewritten), s => Assert.False(string.IsNullOrWhiteSpace(s.Description)));
    }

    [Fact]
    public void EveryOmapAndOrderSite_IsRewritten_EveryMsmSite_IsLeftAloneWithTheCatalogRecipe()
    {
        var sites = Fixed.Value.Files.Where(f => !f.File.StartsWith("broken/", StringComparison.Ordinal)).SelectMany(f => f.Sites).ToList();
        Assert.All(sites.Where(s => s.File.StartsWith("omap3isp/", StringComparison.Ordinal)), s => Assert.True(s.Rewritten, s.SummaryLine));
        Assert.All(sites.Where(s => s.Symbol is "iommu_map" or "iommu_unmap"), s => Assert.True(s.Rewritten, s.SummaryLine));
        Assert.All(sites.Where(s => s.File.StartsWith("msm/", StringComparison.Ordinal) && s.Symbol is not ("iommu_map" or "iommu_unmap")), s =>
        {
            Assert.False(s.Rewritten);
            Assert.StartsWith("MSM vendor API, no one-to-one rewrite (IOVA pools and several domains per buffer, msm.md §8): ", s.Description, StringComparison.Ordinal);
            Assert.Contains("; the generic recipe: ", s.Description, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void GitApplyCheck_Passes_AndGitApplyGivesThePatchedBytes()
    {
        string root = CopyCorpus(patched: false);
        string diff = Path.Combine(root, "fix.diff");
        File.WriteAllText(diff, Fixed.Value.Diff());
        Assert.Equal("", Git(root, "init", "-q"));
        Assert.Equal("", Git(root, "apply", "--check", "-p1", "fix.diff"));
        Assert.Equal("", Git(root, "apply", "-p1", "fix.diff"));
        foreach (FileFix file in Fixed.Value.Files)
            Assert.Equal(file.Patched, File.ReadAllBytes(Path.Combine(root, file.File)));
    }

    [Fact]
    public void AnalyzeOnThePatchedCorpus_ReportsNoOmapOrOrderFinding_ExceptAtTheSitesLeftAlone()
    {
        string root = CopyCorpus(patched: true);
        CAnalysis after = CFolderAnalyzer.Analyze(CFolderAnalyzer.SourceFiles(root), root, CKernelCatalog.BuiltIn);
        var remaining = after.Findings.Where(f => f.RuleId is "IOMMU001" or "IOMMU002" or "IOMMU004").Select(f => $"{f.File}:{f.Line}:{f.Column} {f.KernelSymbol}").ToList();
        var leftAlone = Fixed.Value.Files.SelectMany(f => f.Sites).Where(s => !s.Rewritten && !s.File.StartsWith("msm/", StringComparison.Ordinal)).Select(s => $"{s.File}:{s.Line}:{s.Column} {s.Symbol}").ToList();
        Assert.Equal(["broken/syntax_error.c:9:15 iommu_get", "broken/syntax_error.c:17:2 iommu_put"], remaining);
        Assert.Equal(remaining, leftAlone);
        // The MSM vendor calls are left alone, so analyze still reports every one of them.
        Assert.Equal(Corpus.Expected.Count(e => e.Rule == "IOMMU003"), after.Findings.Count(f => f.RuleId == "IOMMU003"));
    }

    [Fact]
    public void FixOnTheFixedCorpus_IsAnEmptyDiff()
    {
        string root = CopyCorpus(patched: true);
        FixRun again = FixRun.Run(root, new CFixer(), out string? error)!;
        Assert.Null(error);
        Assert.Equal("", again.Diff());
        Assert.DoesNotContain(again.Files.SelectMany(f => f.Sites), s => s.Rewritten);
    }

    [Fact]
    public void TheDiff_RemovesOnlyLinesHoldingACallSite()
    {
        // Nothing else in the files changes: every removed line holds one of the rewritten 3.0 calls.
        var removed = Fixed.Value.Diff().Split('\n').Where(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal)).ToList();
        Assert.Equal(22, removed.Count); // the 20 omap3isp sites and the 2 order-based calls of kgsl_iommu.c, one line each
        Assert.All(removed, l => Assert.Matches(@"\b(iommu_vmap|iommu_vunmap|iommu_vmalloc|iommu_vfree|da_to_va|find_iovm_area|iommu_save_ctx|iommu_restore_ctx|iommu_get|iommu_put|iommu_map|iommu_unmap)\s*\(", l));
    }

    /// <summary>(file, function, the call Linux 3.3's omap3isp makes there, omap.md §7.7: (isp->domain, isp->dev, …) / (isp->dev, …)).</summary>
    public static TheoryData<string, string, string> OmapThreeThreeCalls() => new()
    {
        { "isp.c", "isp_save_ctx", "omap_iommu_save_ctx(isp->dev)" },
        { "isp.c", "isp_restore_ctx", "omap_iommu_restore_ctx(isp->dev)" },
        { "ispvideo.c", "ispmmu_vmap", "omap_iommu_vmap(isp->domain, isp->dev, 0, sgt, IOMMU_FLAG)" },
        { "ispvideo.c", "ispmmu_vunmap", "omap_iommu_vunmap(isp->domain, isp->dev, (u32)da)" },
        { "ispccdc.c", "ccdc_lsc_config", "omap_iommu_vmalloc(isp->domain, isp->dev, 0, req->config.size, IOMMU_FLAG)" },
        { "ispccdc.c", "ccdc_lsc_config", "omap_find_iovm_area(isp->dev, req->table)" },
        { "ispccdc.c", "ccdc_lsc_config", "omap_da_to_va(isp->dev, req->table)" },
        { "ispccdc.c", "ccdc_lsc_free_request", "omap_iommu_vfree(isp->domain, isp->dev, req->table)" },
        { "ispccdc.c", "ccdc_config", "omap_iommu_vmalloc(isp->domain, isp->dev, 0, ccdc->fpc.fpnum * 4, IOMMU_FLAG)" },
        { "ispccdc.c", "ccdc_config", "omap_da_to_va(isp->dev, table_new)" },
        { "ispccdc.c", "ccdc_config", "omap_iommu_vfree(isp->domain, isp->dev, table_new)" },
        { "ispccdc.c", "ccdc_config", "omap_iommu_vfree(isp->domain, isp->dev, table_old)" },
        { "ispccdc.c", "CCDC_TABLE_FREE", "omap_iommu_vfree((isp)->domain, (isp)->dev, (da))" },
        { "ispstat.c", "isp_stat_bufs_alloc_iommu", "omap_iommu_vmalloc(isp->domain, isp->dev, 0, size, IOMMU_FLAG)" },
        { "ispstat.c", "isp_stat_bufs_alloc_iommu", "omap_find_iovm_area(isp->dev, buf->iommu_addr)" },
        { "ispstat.c", "isp_stat_bufs_alloc_iommu", "omap_da_to_va(stat->isp->dev, (u32)buf->iommu_addr)" },
        { "ispstat.c", "isp_stat_bufs_free", "omap_iommu_vfree(isp->domain, isp->dev, buf->iommu_addr)" },
        { "isp.c", "isp_probe", "isp->domain = iommu_domain_alloc(&platform_bus_type);" },
        { "isp.c", "isp_probe", "ret = iommu_attach_device(isp->domain, isp->dev);" },
        { "isp.c", "isp_probe", "iommu_detach_device(isp->domain, isp->dev); iommu_domain_free(isp->domain);" },
        { "isp.c", "isp_remove", "iommu_detach_device(isp->domain, isp->dev); iommu_domain_free(isp->domain);" },
    };

    [Theory]
    [MemberData(nameof(OmapThreeThreeCalls))]
    public void TheOmap3ispFiles_MakeLinux33sCallsAtTheSamePlaces(string file, string function, string call)
    {
        FileFix fix = Fixed.Value.Files.Single(f => f.File == "omap3isp/" + file);
        string body = Blanks(Definition(Encoding.UTF8.GetString(fix.Patched), function));
        Assert.Contains(Blanks(call), body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b(iommu_vmap|iommu_vunmap|iommu_vmalloc|iommu_vfree|iommu_get|iommu_put|iommu_save_ctx|iommu_restore_ctx)\(|[^_]da_to_va\(|[^_]find_iovm_area\(", body);
    }

    /// <summary>The text of function (or macro) <paramref name="name"/>'s definition: from its name at the start of a definition to the closing brace at column 1.</summary>
    private static string Definition(string text, string name)
    {
        Match m = Regex.Match(text, $@"(#define {name}\(.*|\b{name}\([^;]*?\)\s*\n\{{(.|\n)*?\n\}})");
        Assert.True(m.Success, $"{name} not found");
        return m.Value;
    }

    private static string Blanks(string s) => Regex.Replace(s, @"\s+", " ");

    private static string Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        using Process git = Process.Start(start)!;
        string output = git.StandardOutput.ReadToEnd() + git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {output}");
        return output;
    }
}
