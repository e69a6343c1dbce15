namespace Migration.Analysis;

/// <summary>A proposed fix of a finding (SARIF 2.1.0 <c>fix</c>): what it does and the replacements in the finding's file.</summary>
/// <param name="Description">One line saying what the fix writes ("omap_iommu_vfree(isp->domain, isp->dev, da)").</param>
/// <param name="Replacements">The text replacements, in file order.</param>
public sealed record FindingFix(string Description, IReadOnlyList<FindingReplacement> Replacements);
