namespace Migration.Analysis.C.Fix;

/// <summary>One catalog call site seen by `migrate fix`: rewritten (with the new text) or left alone (with why).</summary>
/// <param name="File">The file, relative to the fixed folder.</param>
/// <param name="Line">1-based line where the call's name is written (a macro's call: in its #define).</param>
/// <param name="Column">1-based byte column of the name.</param>
/// <param name="Symbol">The kernel symbol called ("iommu_vfree").</param>
/// <param name="Function">The enclosing function the front end reported (for a macro's call: where it is expanded), or null.</param>
/// <param name="Rewritten">True when the patch rewrites it.</param>
/// <param name="Description">The new text in one line, or the reason it is left alone.</param>
/// <param name="Edits">The byte edits of the rewrite (empty when left alone).</param>
public sealed record FixSite(string File, int Line, int Column, string Symbol, string? Function, bool Rewritten, string Description, IReadOnlyList<TextEdit> Edits)
{
    /// <summary>Where the front end reported the call when that is not where it is written (a macro's expansion), else null.</summary>
    public (int Line, int Column)? ExpandedAt { get; init; }

    /// <summary>The summary line: "isp.c:18:3 iommu_save_ctx (isp_save_ctx): rewritten: omap_iommu_save_ctx(isp->dev)".</summary>
    public string SummaryLine =>
        $"{File}:{Line}:{Column} {Symbol}{(Function is { } f ? $" ({f})" : "")}{(ExpandedAt is { } e ? $" in a macro body, expanded at {e.Line}:{e.Column}" : "")}: " +
        (Rewritten ? "rewritten: " : "left alone: ") + Description;
}
