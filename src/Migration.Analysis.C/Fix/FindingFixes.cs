namespace Migration.Analysis.C.Fix;

/// <summary>
/// Carries `migrate fix`'s rewrites into `analyze`'s findings (SARIF <c>fixes</c>, which code-scanning viewers show):
/// each rewritten site's edits as replacements of the finding reported at the same file, line, column and symbol (a
/// macro's call: the finding at its expansion, rewritten in the #define).
/// </summary>
public static class FindingFixes
{
    /// <summary><paramref name="findings"/> with the fix of each rewritten site of <paramref name="files"/> attached.</summary>
    public static IReadOnlyList<Finding> Attach(IReadOnlyList<Finding> findings, IReadOnlyList<FileFix> files)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(files);
        // Two calls in one macro body share their finding (its expansion): it carries both fixes.
        var fixes = new Dictionary<(string, int, int, string), List<FindingFix>>();
        foreach (FileFix file in files.Where(f => f.Error is null))
        {
            foreach (FixSite site in file.Sites.Where(s => s.Rewritten))
            {
                (int line, int column) = site.ExpandedAt ?? (site.Line, site.Column);
                var replacements = site.Edits.OrderBy(e => e.Start).Select(e =>
                {
                    (int sl, int sc) = file.Position(e.Start);
                    (int el, int ec) = file.Position(e.End);
                    return new FindingReplacement(sl, sc, el, ec, e.Text);
                }).ToList();
                var fix = new FindingFix($"Rewrite for the generic IOMMU API: {site.Description}", replacements);
                if (fixes.TryGetValue((site.File, line, column, site.Symbol), out List<FindingFix>? list))
                    list.Add(fix);
                else
                    fixes[(site.File, line, column, site.Symbol)] = [fix];
            }
        }
        return findings.Select(f => fixes.TryGetValue((f.File, f.Line, f.Column, f.KernelSymbol ?? ""), out List<FindingFix>? found) ? f with { Fixes = found } : f).ToList();
    }
}
