namespace Migration.Analysis.C.Fix;

/// <summary>
/// What a rewriter decided for one call site: the edits and the rewritten text, or why the call is left alone;
/// either way the manual steps the patch cannot do (fields to add, checks of the old handle, results that change meaning).
/// </summary>
/// <param name="Edits">The byte edits (empty when left alone).</param>
/// <param name="Description">The rewritten text in one line ("omap_iommu_vfree(isp->domain, isp->dev, da)"), or the reason it is left alone.</param>
/// <param name="ManualSteps">Manual steps the site needs, each one sentence.</param>
internal sealed record SiteRewrite(IReadOnlyList<TextEdit> Edits, string Description, IReadOnlyList<string> ManualSteps)
{
    /// <summary>True when the site has edits.</summary>
    public bool Rewritten => Edits.Count > 0;

    /// <summary>A rewrite with its edits and one-line result.</summary>
    public static SiteRewrite Done(IReadOnlyList<TextEdit> edits, string description, params IReadOnlyList<string> steps) => new(edits, description, steps);

    /// <summary>No rewrite, with the reason.</summary>
    public static SiteRewrite LeftAlone(string reason, params IReadOnlyList<string> steps) => new([], reason, steps);
}
