using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;
using Migration.Analyzers.ApiMap;
using Migration.Analyzers.Fixes;

namespace Migration.Analyzers;

/// <summary>
/// IOMMU005 — a <c>for</c> loop that maps a buffer one 4 KiB page per iteration through the byte-sized iommu_map
/// (an entry with role "byte-map": Generic.Iommu.IommuApi.Map) with the loop variable in the iova and the paddr: since 3.3 one
/// call maps the whole range, with the largest pages the alignment allows and rollback on failure (generic.md §5.1, §5.4).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PageLoopMapAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IommuRules.PageLoopMap);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            MigrationContext migration = MigrationContext.Create(start.Options, start.CancellationToken);
            start.RegisterSyntaxNodeAction(c => Analyze(c, migration), SyntaxKind.InvocationExpression);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext c, MigrationContext migration)
    {
        var call = (InvocationExpressionSyntax)c.Node;
        if (VendorUseAnalysis.IsNotAUse(call) || VendorUseAnalysis.Bound(c.SemanticModel, call, c.CancellationToken) is not IMethodSymbol method)
            return;
        string name = SymbolNames.Of(method);
        ApiMapEntry? entry = migration.Map.Find(name, static e => e.Role is not null);
        if (entry?.Role != "byte-map" || MigrationContext.IsOwnImplementation(c.SemanticModel, call, method))
            return;
        PageLoopShape? shape = PageLoopShape.Match(c.SemanticModel, call, method, c.CancellationToken);
        if (shape is null)
            return;
        PlanResult plan = PageLoopPlanner.Plan(c.SemanticModel, call, shape, c.CancellationToken);
        Diagnostic? d = DiagnosticFactory.Create(IommuRules.PageLoopMapId, call.GetLocation(), c.Options, name, entry.Kernel, plan.HasFix ? "page-loop" : null,
            method.ContainingType.Name + "." + method.Name, PageLoopShape.PageSize, "one " + (entry.Kernel ?? "iommu_map") + " of the whole buffer replaces the loop",
            DiagnosticFactory.FixText(plan.Description, plan.Reason));
        if (d is not null)
            c.ReportDiagnostic(d);
    }
}
