namespace Migration.Analysis.C.Tests;

/// <summary>The whole corpus through the folder analyzer: exactly the expected call sites, counted per file by origin.</summary>
public class CorpusTests
{
    private static readonly Lazy<CAnalysis> Analysis = new(() =>
        CFolderAnalyzer.Analyze(CFolderAnalyzer.SourceFiles(Corpus.Root), Corpus.Root, CKernelCatalog.BuiltIn, maxParallelism: 2));

    [Fact]
    public void EveryExpectedCallSite_IsFound_AndNothingElse()
    {
        var found = Analysis.Value.Findings.Select(Corpus.Of).ToList();
        var missing = Corpus.Expected.Except(found).ToList();
        var extra = found.Except(Corpus.Expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"missing:\n{string.Join("\n", missing)}\nunexpected:\n{string.Join("\n", extra)}");
        Assert.Equal(Corpus.Expected.Count, found.Count); // no duplicates either
    }

    [Fact]
    public void TheOmap3ispFiles_HoldThe20CallSitesOfOmapMd61_InTheirFunctions()
    {
        var omap = Analysis.Value.Findings.Where(f => f.File.StartsWith("omap3isp/", StringComparison.Ordinal)).ToList();
        Assert.Equal(20, omap.Count);
        Assert.Equal(5, omap.Count(f => f.RuleId == "IOMMU001"));
        Assert.Equal(15, omap.Count(f => f.RuleId == "IOMMU002"));
        string[] sites = omap.Select(f => $"{Path.GetFileName(f.File)} {f.EnclosingMember} {f.KernelSymbol}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
        [
            "isp.c isp_probe iommu_get", "isp.c isp_probe iommu_put", "isp.c isp_remove iommu_put",
            "isp.c isp_restore_ctx iommu_restore_ctx", "isp.c isp_save_ctx iommu_save_ctx",
            "ispccdc.c ccdc_config da_to_va", "ispccdc.c ccdc_config iommu_vfree", "ispccdc.c ccdc_config iommu_vfree",
            "ispccdc.c ccdc_config iommu_vmalloc", "ispccdc.c ccdc_lsc_config da_to_va", "ispccdc.c ccdc_lsc_config find_iovm_area",
            "ispccdc.c ccdc_lsc_config iommu_vmalloc", "ispccdc.c ccdc_lsc_free_request iommu_vfree", "ispccdc.c omap3isp_ccdc_cleanup iommu_vfree",
            "ispstat.c isp_stat_bufs_alloc_iommu da_to_va", "ispstat.c isp_stat_bufs_alloc_iommu find_iovm_area",
            "ispstat.c isp_stat_bufs_alloc_iommu iommu_vmalloc", "ispstat.c isp_stat_bufs_free iommu_vfree",
            "ispvideo.c ispmmu_vmap iommu_vmap", "ispvideo.c ispmmu_vunmap iommu_vunmap",
        ], sites);
    }

    [Fact]
    public void PerFileCounts_AreTheExpectedOrigins()
    {
        foreach (SourceFileReport report in Analysis.Value.SourceFiles)
        {
            var expected = Corpus.Expected.Where(e => e.File == report.File).ToList();
            Assert.Equal(
                (expected.Count(e => e.Origin == FindingOrigin.Ast), expected.Count(e => e.Origin == FindingOrigin.AstAfterStubs), expected.Count(e => e.Origin == FindingOrigin.Tokens)),
                (report.FromAst, report.FromStubbedAst, report.FromTokens));
        }
        Assert.Equal(
            ["broken/syntax_error.c", "msm/ion_cp_heap.c", "msm/kgsl_iommu.c", "msm/msm_isp.c", "msm/vcd_ddl_utils.c", "msm/vidc_init.c",
             "omap3isp/isp.c", "omap3isp/ispccdc.c", "omap3isp/ispstat.c", "omap3isp/ispvideo.c"],
            Analysis.Value.SourceFiles.Select(s => s.File));
    }

    [Fact]
    public void EveryMeansOfRecovery_IsExercised()
    {
        // The corpus is only a test of the three means if each of them finds something the others do not.
        Assert.Contains(Corpus.Expected, e => e.Origin == FindingOrigin.Ast);
        Assert.Contains(Corpus.Expected, e => e.Origin == FindingOrigin.AstAfterStubs);
        Assert.Contains(Corpus.Expected, e => e.Origin == FindingOrigin.Tokens);
    }

    [Theory]
    [InlineData("omap3isp/ispccdc.c", 150, 3, "iommu_vfree", "omap3isp_ccdc_cleanup", "ast")] // CCDC_TABLE_FREE(...): the macro's expansion
    [InlineData("omap3isp/ispccdc.c", 54, 16, "iommu_vmalloc", "ccdc_lsc_config", "ast-after-stubs")] // IOMMU_FLAG undeclared
    [InlineData("omap3isp/ispccdc.c", 117, 33, "iommu_vmalloc", "ccdc_config", "ast-after-stubs")] // IS_ERR_VALUE(table_new = iommu_vmalloc(...))
    [InlineData("omap3isp/isp.c", 87, 15, "iommu_get", "isp_probe", "ast")] // a __devinit function
    [InlineData("msm/msm_isp.c", 23, 15, "msm_iommu_get_ctx", "msm_isp_iommu_init", "ast")] // an __init function
    [InlineData("msm/msm_isp.c", 34, 7, "msm_iommu_map_contig_buffer", "msm_isp_open", "tokens")] // #ifdef CONFIG_MSM_IOMMU, not configured
    [InlineData("msm/msm_isp.c", 45, 17, "msm_iommu_unmap_contig_buffer", "msm_isp_release", "tokens")] // an argument the macro discards
    [InlineData("msm/kgsl_iommu.c", 61, 8, "iommu_map", "kgsl_iommu_map_guard_page", "ast-after-stubs")] // Era-A: get_order(SZ_4K)
    [InlineData("msm/kgsl_iommu.c", 64, 2, "iommu_unmap", "kgsl_iommu_map_guard_page", "ast")] // Era-A: order 0
    public void TheTrickyCallSites_AreFoundWhereTheyAreWritten(string file, int line, int column, string symbol, string function, string origin)
    {
        Finding f = Assert.Single(Analysis.Value.Findings, f => f.File == file && f.Line == line);
        Assert.Equal((column, symbol, function, origin), (f.Column, f.KernelSymbol!, f.EnclosingMember!, f.Origin!));
    }

    [Fact]
    public void ByteSizedIommuMap_AndPrototypes_AreNotFindings()
    {
        // kgsl_iommu.c 67/70: iommu_map(..., SZ_4K, ...) and iommu_unmap(..., PAGE_SIZE) are the 3.3 byte-sized calls.
        Assert.DoesNotContain(Analysis.Value.Findings, f => f.File == "msm/kgsl_iommu.c" && f.Line is 67 or 70);
        // isp.c 12 and ispvideo.c 15/16 declare iommu_get / iommu_vmap / iommu_vunmap; ispccdc.c 13 is a #define body.
        Assert.DoesNotContain(Analysis.Value.Findings, f => (f.File, f.Line) is ("omap3isp/isp.c", 12) or ("omap3isp/ispvideo.c", 15 or 16) or ("omap3isp/ispccdc.c", 13));
        // kgsl_iommu.c 40 names iommu_map_range inside a string literal.
        Assert.DoesNotContain(Analysis.Value.Findings, f => f.File == "msm/kgsl_iommu.c" && f.Line == 40);
    }

    [Fact]
    public void Findings_CarryTheCatalogsRule_CReplacement_AndSeverity()
    {
        Finding vmalloc = Analysis.Value.Findings.First(f => f.KernelSymbol == "iommu_vmalloc");
        Assert.Equal("warning", vmalloc.Severity);
        Assert.Equal(CSourceAnalyzer.ProjectName, vmalloc.Project);
        Assert.Contains("dma_alloc_coherent(dev, size, &dma, GFP_KERNEL)", vmalloc.Message, StringComparison.Ordinal);
        Assert.Equal(vmalloc.Column + "iommu_vmalloc".Length, vmalloc.EndColumn);
        Finding order = Analysis.Value.Findings.Single(f => f.KernelSymbol == "iommu_map");
        Assert.Contains("order argument 'get_order(SZ_4K)'", order.Message, StringComparison.Ordinal);
        Assert.Contains("PAGE_SIZE << gfp_order", order.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOutput_DoesNotDependOnParallelism()
    {
        CAnalysis serial = CFolderAnalyzer.Analyze(CFolderAnalyzer.SourceFiles(Corpus.Root), Corpus.Root, CKernelCatalog.BuiltIn, maxParallelism: 1);
        Assert.Equal(serial.Findings, Analysis.Value.Findings);
        Assert.Equal(serial.SourceFiles, Analysis.Value.SourceFiles);
    }
}
