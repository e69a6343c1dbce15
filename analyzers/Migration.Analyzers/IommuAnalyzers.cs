using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Migration.Analyzers;

/// <summary>Every analyzer of the assembly, for hosts that run them without a package reference (the analyze verb, tests).</summary>
public static class IommuAnalyzers
{
    /// <summary>New instances of every IOMMU analyzer, in rule order.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAll() => ImmutableArray.Create<DiagnosticAnalyzer>(
        new ApiMapFileAnalyzer(),
        new OmapIommuApiAnalyzer(),
        new OmapIovmmApiAnalyzer(),
        new MsmVendorApiAnalyzer(),
        new OrderBasedMapAnalyzer(),
        new PageLoopMapAnalyzer(),
        new IgnoredMapResultAnalyzer(),
        new VendorHandleStateAnalyzer());
}
