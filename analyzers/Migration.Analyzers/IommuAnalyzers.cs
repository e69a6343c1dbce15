using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Migration.Analyzers;

/// <summary>Every analyzer of the assembly, for hosts that run them without a package reference (the analyze verb, tests).</summary>
public static class IommuAnalyzers
{
    /// <summary>New instances of every IOMMU analyzer, in rule order (VendorApiAnalyzer reports IOMMU001–IOMMU004).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAll() => ImmutableArray.Create<DiagnosticAnalyzer>(
        new ApiMapFileAnalyzer(),
        new VendorApiAnalyzer(),
        new PageLoopMapAnalyzer(),
        new IgnoredMapResultAnalyzer(),
        new VendorHandleStateAnalyzer());
}
