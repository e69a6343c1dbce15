using System.Text;
using Migration.Analysis.C.Fix;

namespace Migration.Analysis.C.Tests;

/// <summary>
/// Issue 17's rewrite rules on small C files: only the call's own text changes (CRLF, comments, strings kept), a
/// macro body's call is rewritten once in the #define, --handle overrides, the Era-A order arguments, the removed
/// kmap family, iommu_get/iommu_put statements in the function's error style, and a rewrite that would add a
/// parse error is dropped.
/// </summary>
public sealed class FixRewriteTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("fix-rewrite-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private FileFix Fix(string source, params HandleOverride[] handles) => Fix(Encoding.UTF8.GetBytes(source), handles);

    private FileFix Fix(byte[] source, params HandleOverride[] handles)
    {
        string path = Path.Combine(_scratch, "x.c");
        File.WriteAllBytes(path, source);
        FixRun run = FixRun.Run(path, new CFixer(handles: new HandleMapping(handles)), out string? error)!;
        Assert.Null(error);
        FileFix fix = Assert.Single(run.Files);
        Assert.Null(fix.Error);
        return fix;
    }

    private static string Patched(FileFix fix) => Encoding.UTF8.GetString(fix.Patched);

    /// <summary>What analyze reports for the x.c the last <see cref="Fix(byte[], HandleOverride[])"/> wrote (unpatched).</summary>
    private IReadOnlyList<Finding> Analyze() =>
        CFolderAnalyzer.Analyze([Path.Combine(_scratch, "x.c")], _scratch, CKernelCatalog.BuiltIn, maxParallelism: 1).Findings;

    [Fact]
    public void ACrlfFile_ChangesOnlyTheCallsText_CommentsStringsAndLineEndsStay()
    {
        string source = "static void f(struct isp_device *isp, u32 da)\r\n{\r\n\t/* iommu_vfree(isp->iommu, da) in a comment */\r\n" +
            "\tiommu_vfree(isp->iommu, da);   /* trailing */\r\n\tprintk(\"iommu_vfree(isp->iommu, da)\\n\");\r\n}\r\n";

        FileFix fix = Fix(source);

        Assert.Equal(source.Replace("\tiommu_vfree(isp->iommu, da);", "\tomap_iommu_vfree(isp->domain, isp->dev, da);", StringComparison.Ordinal), Patched(fix));
        Assert.Equal(
            "diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1,6 +1,6 @@\n" +
            " static void f(struct isp_device *isp, u32 da)\r\n {\r\n \t/* iommu_vfree(isp->iommu, da) in a comment */\r\n" +
            "-\tiommu_vfree(isp->iommu, da);   /* trailing */\r\n+\tomap_iommu_vfree(isp->domain, isp->dev, da);   /* trailing */\r\n" +
            " \tprintk(\"iommu_vfree(isp->iommu, da)\\n\");\r\n }\r\n",
            UnifiedDiff.Create("x.c", fix.Original, fix.Sites.SelectMany(s => s.Edits).ToList()));
    }

    [Fact]
    public void ACallInAMacroBody_IsRewrittenOnce_InTheDefinition()
    {
        string source = "#define TABLE_FREE(x, da)\tiommu_vfree((x)->iommu, (da))\n\n" +
            "static void a(struct isp_device *isp)\n{\n\tTABLE_FREE(isp, 1);\n}\n\nstatic void b(struct isp_device *isp)\n{\n\tTABLE_FREE(isp, 2);\n}\n";

        FileFix fix = Fix(source);

        FixSite site = Assert.Single(fix.Sites);
        Assert.Equal("x.c:1:27 iommu_vfree (a) in a macro body, expanded at 5:2: rewritten: omap_iommu_vfree((x)->domain, (x)->dev, (da))", site.SummaryLine);
        Assert.Equal(source.Replace("iommu_vfree((x)->iommu, (da))", "omap_iommu_vfree((x)->domain, (x)->dev, (da))", StringComparison.Ordinal), Patched(fix));
    }

    [Fact]
    public void TwoCallsInOneMacroBody_AreEachRewritten_AnalyzeStillReportsOneFindingPerUse()
    {
        string source = "#define FREE_BOTH(o, a, b) \\\n\tdo { \\\n\t\tiommu_vfree((o)->iommu, (a)); \\\n\t\tiommu_vfree((o)->iommu, (b)); \\\n\t} while (0)\n\n" +
            "static void f(struct isp_device *isp)\n{\n\tFREE_BOTH(isp, 1, 2);\n}\n";

        FileFix fix = Fix(source);

        Assert.Equal(
        [
            "x.c:3:3 iommu_vfree (f) in a macro body, expanded at 9:2: rewritten: omap_iommu_vfree((o)->domain, (o)->dev, (a))",
            "x.c:4:3 iommu_vfree (f) in a macro body, expanded at 9:2: rewritten: omap_iommu_vfree((o)->domain, (o)->dev, (b))",
        ], fix.Sites.Select(s => s.SummaryLine));
        Assert.Equal(source.Replace("iommu_vfree((o)->iommu", "omap_iommu_vfree((o)->domain, (o)->dev", StringComparison.Ordinal), Patched(fix));
        Assert.Equal(["x.c:9:2 iommu_vfree"], Analyze().Select(f => $"{f.File}:{f.Line}:{f.Column} {f.KernelSymbol}"));
    }

    [Fact]
    public void ACallRightAfterAnIfdefOrEndif_IsFound_AndRewritten()
    {
        // The token cross-check read "#ifdef CONFIG_NEVER" / "#endif" before a call as "type name(", a declaration.
        const string source = "static void f(struct isp_device *isp, u32 da)\n{\n#ifdef CONFIG_NEVER\n\tiommu_vfree(isp->iommu, da);\n#endif\n\tiommu_vfree(isp->iommu, da);\n}\n";

        FileFix fix = Fix(source);

        Assert.Equal(
        [
            "x.c:4:2 iommu_vfree (f): rewritten: omap_iommu_vfree(isp->domain, isp->dev, da)",
            "x.c:6:2 iommu_vfree (f): rewritten: omap_iommu_vfree(isp->domain, isp->dev, da)",
        ], fix.Sites.Select(s => s.SummaryLine));
        Assert.Equal(["4:2 tokens", "6:2 ast"], Analyze().Select(f => $"{f.Line}:{f.Column} {f.Origin}"));
    }

    [Fact]
    public void AHandleOfAnotherShape_IsLeftAlone_UnlessHandleNamesIt()
    {
        const string source = "static void f(struct iommu *obj, u32 da)\n{\n\tiommu_vfree(obj, da);\n\tiommu_save_ctx(obj);\n}\n";

        FileFix alone = Fix(source);
        FileFix given = Fix(source, new HandleOverride("obj", "isp->domain", "&pdev->dev"));

        Assert.Equal(
        [
            "x.c:3:2 iommu_vfree (f): left alone: the handle 'obj' is not written X->iommu or X.iommu, so its domain and device cannot be named (give them with --handle 'obj=DOMAIN,DEV')",
            "x.c:4:2 iommu_save_ctx (f): left alone: the handle 'obj' is not written X->iommu or X.iommu, so its domain and device cannot be named (give them with --handle 'obj=DOMAIN,DEV')",
        ], alone.Sites.Select(s => s.SummaryLine));
        Assert.False(alone.Changed);
        Assert.Equal("static void f(struct iommu *obj, u32 da)\n{\n\tomap_iommu_vfree(isp->domain, &pdev->dev, da);\n\tomap_iommu_save_ctx(&pdev->dev);\n}\n", Patched(given));
    }

    [Fact]
    public void ARewriteThatWouldAddAParseError_IsDropped_WithItsReason()
    {
        const string source = "static void f(struct isp_device *isp, u32 da)\n{\n\tiommu_vfree(isp->iommu, da);\n\tda_to_va(isp->iommu, da);\n}\n";

        // The CLI refuses an unbalanced --handle; the engine still checks what it writes.
        FileFix fix = Fix(source, new HandleOverride("isp->iommu", "isp->domain)", "isp->dev"));

        Assert.Equal(source.Replace("da_to_va(isp->iommu", "omap_da_to_va(isp->dev", StringComparison.Ordinal), Patched(fix));
        FixSite vfree = fix.Sites[0];
        Assert.False(vfree.Rewritten);
        Assert.StartsWith("the rewrite (omap_iommu_vfree(isp->domain), isp->dev, da)) would add a parse error (1 syntax error left after stubbing, first at 3:", vfree.Description, StringComparison.Ordinal);
        Assert.EndsWith("), so it is dropped", vfree.Description, StringComparison.Ordinal);
        // da_to_va takes only the device, which parses: its rewrite stays.
        Assert.Equal("x.c:4:2 da_to_va (f): rewritten: omap_da_to_va(isp->dev, da)", fix.Sites[1].SummaryLine);
    }

    [Fact]
    public void OrderArguments_BecomeBytes_GetOrderIsKept_LiteralsAreWrittenInBytes()
    {
        const string source = """
            static int f(struct iommu_domain *d, unsigned long iova, phys_addr_t pa, size_t len, int gfp_order)
            {
            	int ret;

            	ret = iommu_map(d, iova, pa, get_order(len), IOMMU_READ);
            	ret = iommu_map(d, iova, pa, 4, IOMMU_READ);
            	ret = iommu_map(d, iova, pa, gfp_order + 1, IOMMU_READ);
            	ret = iommu_map(d, iova, pa, get_order(0x10000), IOMMU_READ);
            	ret = iommu_map(d, iova, pa, SZ_64K, IOMMU_READ);
            	iommu_unmap(d, iova, gfp_order);
            	if (iommu_unmap(d, iova, 0) < 0)
            		return -EINVAL;
            	return ret;
            }

            """;

        FileFix fix = Fix(source.ReplaceLineEndings("\n"));

        Assert.Equal(
        [
            "x.c:5:8 iommu_map (f): rewritten: iommu_map(d, iova, pa, PAGE_SIZE << get_order(len), IOMMU_READ)",
            "x.c:6:8 iommu_map (f): rewritten: iommu_map(d, iova, pa, 0x10000, IOMMU_READ)",
            "x.c:7:8 iommu_map (f): rewritten: iommu_map(d, iova, pa, PAGE_SIZE << (gfp_order + 1), IOMMU_READ)",
            "x.c:8:8 iommu_map (f): rewritten: iommu_map(d, iova, pa, 0x10000, IOMMU_READ)",
            "x.c:10:2 iommu_unmap (f): rewritten: iommu_unmap(d, iova, PAGE_SIZE << gfp_order)",
            "x.c:11:6 iommu_unmap (f): rewritten: iommu_unmap(d, iova, 0x1000)",
        ], fix.Sites.Select(s => s.SummaryLine));
        Assert.Equal(
        [
            "x.c:5: `PAGE_SIZE << get_order(len)` maps len rounded up to a power-of-two number of pages, as 3.0 did; write `len` where it is known to be one (generic.md §5.4)",
            "x.c:11: the result of iommu_unmap is used: 3.0 returned a driver-defined value (an order on AMD/VT-d/OMAP, 0 on MSM), 3.3 returns the bytes unmapped (generic.md §4.4, §5.4); change the check",
        ], fix.ManualSteps);
        Assert.Contains("\tret = iommu_map(d, iova, pa, SZ_64K, IOMMU_READ);\n", Patched(fix), StringComparison.Ordinal);
    }

    [Fact]
    public void TheKmapFamily_IsLeftAlone_Because32RemovedIt()
    {
        FileFix fix = Fix("static u32 f(struct isp_device *isp, u32 pa, size_t len)\n{\n\treturn iommu_kmap(isp->iommu, 0, pa, len, 0);\n}\n");

        FixSite site = Assert.Single(fix.Sites);
        Assert.False(site.Rewritten);
        Assert.StartsWith("3.2 removed iommu_kmap from the iovmm, no successor to rename it to (omap.md §7.2, §7.5): 3.2 removed iommu_kmap without a successor in the iovmm (omap.md §7.2); the generic recipe: ", site.Description, StringComparison.Ordinal);
        Assert.False(fix.Changed);
    }

    [Fact]
    public void IommuGet_InAFunctionWithoutGoto_ReturnsOnFailure()
    {
        const string source = "static int probe(struct isp_device *isp)\n{\n\tint err;\n\n\tisp->iommu = iommu_get(\"isp\");\n\tif (IS_ERR(isp->iommu))\n\t\treturn PTR_ERR(isp->iommu);\n\treturn 0;\n}\n";

        FileFix fix = Fix(source);

        Assert.Equal(
            "static int probe(struct isp_device *isp)\n{\n\tint err;\n\n" +
            "\tisp->domain = iommu_domain_alloc(&platform_bus_type);\n\tif (!isp->domain)\n\t\treturn -ENOMEM;\n" +
            "\terr = iommu_attach_device(isp->domain, isp->dev);\n\tif (err) {\n\t\tiommu_domain_free(isp->domain);\n\t\treturn err;\n\t}\n" +
            "\tif (IS_ERR(isp->iommu))\n\t\treturn PTR_ERR(isp->iommu);\n\treturn 0;\n}\n",
            Patched(fix));
        Assert.Contains("x.c:5: probe has no goto error label: the allocation and attach failures return directly; undo what the function did before them", fix.ManualSteps);
        Assert.Contains("x.c: `isp->iommu` is still named at lines 13, 14 of the patched file (checks and assignments of the 3.0 handle): remove them with the field, 3.3's omap3isp has no IOMMU pointer (omap.md §7.7)", fix.ManualSteps);
    }

    [Fact]
    public void IommuGetAndPut_OfOtherShapes_AreLeftAlone()
    {
        const string source = "static int probe(struct isp_device *isp)\n{\n\tint ret;\n\n\tif (!(isp->iommu = iommu_get(\"isp\")))\n\t\treturn -ENODEV;\n\tif (isp->iommu)\n\t\tiommu_put(isp->iommu);\n\treturn 0;\n}\n";

        FileFix fix = Fix(source);

        Assert.Equal(
        [
            "x.c:5:21 iommu_get (probe): left alone: not a statement of the shape `H = iommu_get(name);` (the result is used in an expression or a declaration): no one-to-one rewrite",
            "x.c:8:3 iommu_put (probe): left alone: not a statement of the shape `iommu_put(H);` (an if/else body without braces, or inside an expression): no one-to-one rewrite",
        ], fix.Sites.Select(s => s.SummaryLine));
        Assert.False(fix.Changed);
    }
}
