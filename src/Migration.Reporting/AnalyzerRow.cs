namespace Migration.Reporting;

/// <summary>One migration rule's findings over the bundled clients: call sites before the port (legacy clients) and after it (ported clients).</summary>
/// <param name="RuleId">"IOMMU002".</param>
/// <param name="Title">The rule's title.</param>
/// <param name="Before">Findings in the legacy clients.</param>
/// <param name="After">Findings in the ported clients.</param>
public sealed record AnalyzerRow(string RuleId, string Title, int Before, int After);
