namespace Migration.Analysis;

/// <summary>A rule as the reports describe it: id, title, help page, default severity.</summary>
/// <param name="Id">"IOMMU001".</param>
/// <param name="Title">Short title.</param>
/// <param name="HelpUri">The docs page the diagnostic links to.</param>
/// <param name="DefaultSeverity">"error", "warning", "note" or "none".</param>
/// <param name="Category">The diagnostic category.</param>
public sealed record RuleInfo(string Id, string Title, string HelpUri, string DefaultSeverity, string Category)
{
    /// <summary>A readable identifier distinct from the id ("OmapVendorIommuApi"), or null when the analyzer names none.</summary>
    public string? Name { get; init; }
}
