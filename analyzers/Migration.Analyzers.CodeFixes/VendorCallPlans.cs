using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;
using Migration.Analyzers.ApiMap;
using Migration.Analyzers.Fixes;

namespace Migration.Analyzers.CodeFixes;

/// <summary>The plan of a vendor call whose API map entry names a fix (IOMMU001, IOMMU002, IOMMU004).</summary>
internal static class VendorCallPlans
{
    /// <summary>The plan for <paramref name="call"/>, or why there is none.</summary>
    public static PlanResult For(SemanticModel model, InvocationExpressionSyntax call, MigrationContext migration, AnalyzerOptions options, CancellationToken ct)
    {
        if (VendorUseAnalysis.Bound(model, call, ct) is not IMethodSymbol method)
            return PlanResult.None("the call no longer binds");
        ApiMapEntry? entry = migration.Map.FindRule(SymbolNames.Of(method));
        return entry is null ? PlanResult.None("not in the API map") : VendorUseAnalysis.PlanFor(model, call, method, entry, migration, options, ct);
    }
}
