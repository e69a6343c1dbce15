namespace Migration.Analysis.C.Fix;

/// <summary>
/// OMAP iovmm 3.0 → omap-iovmm 3.3 (omap.md §7.2): the same call under the omap_ name, with the 3.0 handle
/// (<c>struct iommu *obj</c>) replaced by the (domain, device) pair of the vmap/vunmap/vmalloc/vfree family or by the
/// client device of da_to_va, find_iovm_area and the context save/restore. Only the callee name and the handle
/// argument change; the other arguments keep their text.
/// </summary>
internal static class IovmmRewriter
{
    /// <summary>The 3.0 name → (3.3 name, argument count in 3.0, whether 3.3 takes the domain before the device).</summary>
    public static IReadOnlyDictionary<string, (string NewName, int Arguments, bool TakesDomain)> Table { get; } =
        new Dictionary<string, (string, int, bool)>(StringComparer.Ordinal)
        {
            ["iommu_vmap"] = ("omap_iommu_vmap", 4, true),
            ["iommu_vunmap"] = ("omap_iommu_vunmap", 2, true),
            ["iommu_vmalloc"] = ("omap_iommu_vmalloc", 4, true),
            ["iommu_vfree"] = ("omap_iommu_vfree", 2, true),
            ["da_to_va"] = ("omap_da_to_va", 2, false),
            ["find_iovm_area"] = ("omap_find_iovm_area", 2, false),
            ["iommu_save_ctx"] = ("omap_iommu_save_ctx", 1, false),
            ["iommu_restore_ctx"] = ("omap_iommu_restore_ctx", 1, false),
        };

    /// <summary>The rewrite of <paramref name="site"/>, whose symbol is in <see cref="Table"/>.</summary>
    public static SiteRewrite Rewrite(SiteContext site)
    {
        (string newName, int count, bool takesDomain) = Table[site.Call.Symbol];
        if (CallText.Read(site.Bytes, site.NameOffset, site.Call.Symbol) is not { } call)
            return SiteRewrite.LeftAlone("the call's parentheses could not be read where its name is written");
        if (call.Arguments.Count != count)
            return SiteRewrite.LeftAlone($"{site.Call.Symbol} takes {count} argument{(count == 1 ? "" : "s")} in 3.0 (omap.md §5.7), this call passes {call.Arguments.Count}");
        (int hs, int he) = call.Arguments[0];
        string handle = site.Text(hs, he);
        if (site.Handles.Map(handle, out string? reason, out bool byDefault) is not { } pair)
            return SiteRewrite.LeftAlone(reason!);
        TextEdit[] edits =
        [
            new(call.NameStart, call.NameEnd, newName),
            new(hs, he, takesDomain ? $"{pair.Domain}, {pair.Device}" : pair.Device),
        ];
        var steps = new List<string>();
        if (byDefault)
            steps.Add(FieldsStep(handle, pair.Domain, pair.Device));
        return SiteRewrite.Done(edits, site.Rewritten(call, edits), steps);
    }

    /// <summary>The manual step of a handle mapped by the default rule: the struct holding it needs the two fields (its header is not read).</summary>
    public static string FieldsStep(string handle, string domain, string device) =>
        $"add `struct iommu_domain *domain;` and `struct device *dev;` to the struct that holds `{HandleOverride.Normalize(handle)}` (headers are not read), " +
        $"allocate and attach `{domain}` in probe and set `{device}` to the client device (omap.md §7.7), or name existing fields with --handle";
}
