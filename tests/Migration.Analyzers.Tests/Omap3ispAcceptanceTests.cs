using Microsoft.CodeAnalysis;
using Migration.Analyzers.Analysis;

namespace Migration.Analyzers.Tests;

/// <summary>
/// The acceptance at analyzer level, on the real sources compiled in the test: legacy/Legacy.Omap3isp gives
/// exactly the 20 vendor call sites of omap.md §6.1 (file, enclosing function, kernel symbol) and nothing else but
/// the one vendor handle it keeps (isp->iommu); the ported generic/Generic.Omap3isp gives no diagnostic at all.
/// </summary>
public class Omap3ispAcceptanceTests
{
    // omap.md §6.1, row by row, as the model's files and functions (the C helper of each row named in the comment).
    private static readonly (string File, string Member, string Rule, string Kernel)[] Section61 =
    [
        ("IspDevice.cs", "GetIspIommu", "IOMMU001", "iommu_get"),          // isp.c isp_probe
        ("IspDevice.cs", "ProbeAfterClocks", "IOMMU001", "iommu_put"),     // isp.c isp_probe (error path)
        ("IspDevice.cs", "Remove", "IOMMU001", "iommu_put"),               // isp.c isp_remove
        ("IspDevice.cs", "SaveCtx", "IOMMU001", "iommu_save_ctx"),         // isp.c isp_save_ctx
        ("IspDevice.cs", "RestoreCtx", "IOMMU001", "iommu_restore_ctx"),   // isp.c isp_restore_ctx
        ("IspMmu.cs", "Vmap", "IOMMU002", "iommu_vmap"),                   // ispvideo.c ispmmu_vmap
        ("IspMmu.cs", "Vunmap", "IOMMU002", "iommu_vunmap"),               // ispvideo.c ispmmu_vunmap
        ("IspCcdc.cs", "LscConfigCore", "IOMMU002", "iommu_vmalloc"),      // ispccdc.c ccdc_lsc_config
        ("IspCcdc.cs", "LscConfigCore", "IOMMU002", "find_iovm_area"),     // ispccdc.c ccdc_lsc_config
        ("IspCcdc.cs", "LscConfigCore", "IOMMU002", "da_to_va"),           // ispccdc.c ccdc_lsc_config
        ("IspCcdc.cs", "LscFreeRequest", "IOMMU002", "iommu_vfree"),       // ispccdc.c ccdc_lsc_free_request
        ("IspCcdc.cs", "FpcConfig", "IOMMU002", "iommu_vmalloc"),          // ispccdc.c ccdc_config
        ("IspCcdc.cs", "FpcConfig", "IOMMU002", "da_to_va"),               // ispccdc.c ccdc_config
        ("IspCcdc.cs", "FpcConfig", "IOMMU002", "iommu_vfree"),            // ispccdc.c ccdc_config (table_new)
        ("IspCcdc.cs", "FpcConfig", "IOMMU002", "iommu_vfree"),            // ispccdc.c ccdc_config (table_old)
        ("IspCcdc.cs", "Cleanup", "IOMMU002", "iommu_vfree"),              // ispccdc.c omap3isp_ccdc_cleanup
        ("IspStat.cs", "BufsAllocIommu", "IOMMU002", "iommu_vmalloc"),     // ispstat.c isp_stat_bufs_alloc_iommu
        ("IspStat.cs", "BufsAllocIommu", "IOMMU002", "find_iovm_area"),    // ispstat.c isp_stat_bufs_alloc_iommu
        ("IspStat.cs", "BufsAllocIommu", "IOMMU002", "da_to_va"),          // ispstat.c isp_stat_bufs_alloc_iommu
        ("IspStat.cs", "Free", "IOMMU002", "iommu_vfree"),                 // ispstat.c isp_stat_bufs_free
    ];

    private static readonly string[] VendorApiRules = ["IOMMU001", "IOMMU002", "IOMMU003", "IOMMU004"];

    private static Microsoft.CodeAnalysis.CSharp.CSharpCompilation LegacyOmap3isp(bool withGeneric) =>
        ProductSources.Compile("legacy/Legacy.Omap3isp", "Legacy.Omap3isp",
            withGeneric
                ? ProductSources.ProductReferences("Legacy.Omap3isp", "Migration.", "Legacy.", "Generic.")
                : ProductSources.ProductReferences("Legacy.Omap3isp", "Migration.", "Legacy."));

    [Fact]
    public async Task LegacyOmap3isp_ReportsExactlyTheTwentyVendorCallSites()
    {
        var compilation = LegacyOmap3isp(withGeneric: false);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        (var diagnostics, var exceptions) = await ProductSources.AnalyzeAsync(compilation);
        Assert.Empty(exceptions);

        var callSites = diagnostics.Where(d => VendorApiRules.Contains(d.Id))
            .Select(d => (File: Path.GetFileName(d.Location.SourceTree!.FilePath), Member: ProductSources.EnclosingMember(d), Rule: d.Id, Kernel: d.Properties[DiagnosticFactory.KernelProperty]!))
            .OrderBy(s => s.File, StringComparer.Ordinal).ThenBy(s => s.Member, StringComparer.Ordinal).ThenBy(s => s.Kernel, StringComparer.Ordinal)
            .ToList();
        var expected = Section61
            .OrderBy(s => s.File, StringComparer.Ordinal).ThenBy(s => s.Member, StringComparer.Ordinal).ThenBy(s => s.Kernel, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, callSites);
        Assert.Equal(20, Section61.Distinct().Count() + 1); // 19 distinct tuples: ccdc_config's two iommu_vfree share one

        // Nothing else but isp->iommu, the vendor handle kept in struct isp_device.
        var others = diagnostics.Where(d => !VendorApiRules.Contains(d.Id))
            .Select(d => $"{d.Id} {Path.GetFileName(d.Location.SourceTree!.FilePath)} {ProductSources.EnclosingMember(d)}")
            .ToList();
        Assert.Equal(["IOMMU007 IspDevice.cs Iommu"], others);
    }

    [Fact]
    public async Task NoLegacyOmap3ispSite_HasASafeRewriteAndEachSaysWhy()
    {
        // With the generic world referenced (what the port adds) the fixes could target it; none is safe here.
        (var diagnostics, _) = await ProductSources.AnalyzeAsync(LegacyOmap3isp(withGeneric: true));
        Assert.Equal(21, diagnostics.Length); // the 20 call sites and isp->iommu
        Assert.All(diagnostics, d => Assert.False(d.Properties.ContainsKey(DiagnosticFactory.FixProperty), d.ToString()));
        Assert.All(diagnostics, d => Assert.Contains("no safe automatic fix: ", d.GetMessage(), StringComparison.Ordinal));
        string Reason(string member, string kernel) => diagnostics
            .Single(d => ProductSources.EnclosingMember(d) == member && d.Properties[DiagnosticFactory.KernelProperty] == kernel).GetMessage();
        Assert.EndsWith("no safe automatic fix: the handle is not kept in a local variable of its own (it flows on to other code)", Reason("GetIspIommu", "iommu_get"));
        Assert.EndsWith("no safe automatic fix: the device address escapes in 'req.Table = table;' (a copy may be freed where the size and CPU address are unknown)", Reason("LscConfigCore", "iommu_vmalloc"));
        Assert.EndsWith("no safe automatic fix: the buffer is also reached through another handle expression ('Iommu' besides '_isp.Iommu')", Reason("FpcConfig", "iommu_vmalloc"));
        Assert.EndsWith("no safe automatic fix: the device address is not kept in a local variable of its own", Reason("BufsAllocIommu", "iommu_vmalloc"));
    }

    [Fact]
    public async Task ApplyingAllCodeFixesToLegacyOmap3isp_LeavesACompilationWithoutErrors()
    {
        FixRunner.Result result = await FixRunner.ApplyAllAsync(LegacyOmap3isp(withGeneric: true));
        Assert.Equal(0, result.Applied); // see NoLegacyOmap3ispSiteHasASafeRewriteAndEachSaysWhy
        Assert.Empty(result.Fixed.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(21, result.Remaining.Length); // the 20 call sites and isp->iommu
    }

    [Theory]
    [InlineData("generic/Generic.Omap3isp")]
    [InlineData("generic/Generic.MsmCamera")] // the other ported client: its padding loop aliases one page, not IOMMU005
    public async Task ThePortedClients_HaveNoDiagnostics(string projectDir)
    {
        string name = Path.GetFileName(projectDir);
        var compilation = ProductSources.Compile(projectDir, name, ProductSources.ProductReferences(name, "Migration.", "Generic."));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        (var diagnostics, var exceptions) = await ProductSources.AnalyzeAsync(compilation);
        Assert.Empty(exceptions);
        Assert.Empty(diagnostics);
    }
}
