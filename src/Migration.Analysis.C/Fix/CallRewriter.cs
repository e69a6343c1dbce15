namespace Migration.Analysis.C.Fix;

/// <summary>
/// Chooses the rewrite of one call site from its kernel symbol (issue 17's table): the OMAP iovmm and context calls
/// (<see cref="IovmmRewriter"/>), iommu_get/iommu_put statements (<see cref="HandleStatementRewriter"/>), Era-A
/// order-based iommu_map/iommu_unmap (<see cref="OrderToBytesRewriter"/>). Every other catalog call is left alone with
/// the catalog's reason and its generic recipe: the removed iommu_kmap family (omap.md §7.2), the MSM vendor API (no
/// one-to-one rewrite: IOVA pools and several domains per buffer, msm.md §8) and the rest of the OMAP iommu API.
/// </summary>
internal static class CallRewriter
{
    private static readonly HashSet<string> RemovedIn32 = new(StringComparer.Ordinal) { "iommu_kmap", "iommu_kmalloc", "iommu_kunmap", "iommu_kfree" };

    /// <summary>The rewrite of <paramref name="site"/>, or why it is left alone.</summary>
    public static SiteRewrite Plan(SiteContext site)
    {
        ArgumentNullException.ThrowIfNull(site);
        string symbol = site.Call.Symbol;
        if (site.NameOffset < 0)
            return SiteRewrite.LeftAlone("the call is not written in this file (it comes from a macro defined elsewhere)");
        if (IovmmRewriter.Table.ContainsKey(symbol))
            return IovmmRewriter.Rewrite(site);
        if (symbol == "iommu_get")
            return HandleStatementRewriter.RewriteGet(site);
        if (symbol == "iommu_put")
            return HandleStatementRewriter.RewritePut(site);
        if (OrderArgument.IndexFor(site.Entry.Role) is { } orderIndex)
            return OrderToBytesRewriter.Rewrite(site, orderIndex);
        string recipe = $"the generic recipe: {site.Entry.CReplacement ?? "the generic IOMMU API"}{(site.Entry.Reference is { } r ? $" ({r})" : "")}";
        if (RemovedIn32.Contains(symbol))
            return SiteRewrite.LeftAlone($"3.2 removed {symbol} from the iovmm, no successor to rename it to (omap.md §7.2, §7.5): {site.Entry.NoFix ?? "rewrite by hand"}; {recipe}");
        if (site.Entry.RuleId == Migration.Analyzers.IommuRules.MsmVendorApiId)
            return SiteRewrite.LeftAlone($"MSM vendor API, no one-to-one rewrite (IOVA pools and several domains per buffer, msm.md §8): {site.Entry.NoFix ?? "the port decides"}; {recipe}");
        return SiteRewrite.LeftAlone($"no one-to-one rewrite: {site.Entry.NoFix ?? "the port decides"}; {recipe}");
    }
}
