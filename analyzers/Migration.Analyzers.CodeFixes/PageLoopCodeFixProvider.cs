using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;
using Migration.Analyzers.Fixes;

namespace Migration.Analyzers.CodeFixes;

/// <summary>IOMMU005: replaces a loop of 4 KiB IommuApi.Map calls by one call of the whole length.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PageLoopCodeFixProvider)), Shared]
public sealed class PageLoopCodeFixProvider : CodeFixProvider
{
    /// <summary>The code action's title.</summary>
    public const string Title = "Map the whole buffer with one iommu_map";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(IommuRules.PageLoopMapId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PlanApplier.RegisterAsync(context, "page-loop", Title, Plan);

    private static PlanResult Plan(SemanticModel model, InvocationExpressionSyntax call, MigrationContext migration, AnalyzerOptions options, CancellationToken ct)
    {
        if (VendorUseAnalysis.Bound(model, call, ct) is not IMethodSymbol method || PageLoopShape.Match(model, call, method, ct) is not { } shape)
            return PlanResult.None("the loop no longer matches");
        return PageLoopPlanner.Plan(model, call, shape, ct);
    }
}
