using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.ApiMap;
using Migration.Analyzers.Fixes;

namespace Migration.Analyzers.Analysis;

/// <summary>
/// The one binding pass of IOMMU001-IOMMU004: every invocation, object creation and member reference (property,
/// field, event, method group) is bound once and reported under the rule its API map entry names. Doc-comment crefs,
/// nameof, using directives and type names are not uses; code inside the API's own namespace is its
/// implementation, not a client.
/// </summary>
internal static class VendorUseAnalysis
{
    // The rules whose sites the API map names per symbol (a user map naming another rule is not reported here).
    private static readonly ImmutableHashSet<string> Rules = ImmutableHashSet.Create(
        IommuRules.OmapIommuApiId, IommuRules.OmapIovmmApiId, IommuRules.MsmVendorApiId, IommuRules.OrderBasedMapId);

    /// <summary>Registers the one pass that reports every rule of <see cref="Rules"/>.</summary>
    public static void Register(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            MigrationContext migration = MigrationContext.Create(start.Options, start.CancellationToken);
            start.RegisterSyntaxNodeAction(c => AnalyzeInvocation(c, migration), SyntaxKind.InvocationExpression);
            start.RegisterSyntaxNodeAction(c => AnalyzeCreation(c, migration), SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);
            start.RegisterSyntaxNodeAction(c => AnalyzeName(c, migration), SyntaxKind.IdentifierName, SyntaxKind.GenericName);
        });
    }

    /// <summary>The symbol an expression binds to, or its single overload candidate (code in the middle of a port may not bind).</summary>
    public static ISymbol? Bound(SemanticModel model, SyntaxNode node, CancellationToken ct)
    {
        SymbolInfo info = model.GetSymbolInfo(node, ct);
        if (info.Symbol is not null)
            return info.Symbol;
        if (info.CandidateSymbols.Length == 0)
            return null;
        string first = SymbolNames.Of(info.CandidateSymbols[0]);
        return info.CandidateSymbols.All(s => SymbolNames.Of(s) == first) ? info.CandidateSymbols[0] : null;
    }

    /// <summary>True for a node inside a doc comment, a nameof(), a using directive or an attribute.</summary>
    public static bool IsNotAUse(SyntaxNode node) =>
        node.IsPartOfStructuredTrivia()
        || node.Ancestors().Any(a => a is CrefSyntax or UsingDirectiveSyntax or AttributeSyntax
            || a is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } n && n.ArgumentList.Span.Contains(node.Span));

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext c, MigrationContext migration)
    {
        var call = (InvocationExpressionSyntax)c.Node;
        if (IsNotAUse(call) || Bound(c.SemanticModel, call, c.CancellationToken) is not IMethodSymbol method)
            return;
        Report(c, migration, method, call, call);
    }

    private static void AnalyzeCreation(SyntaxNodeAnalysisContext c, MigrationContext migration)
    {
        if (IsNotAUse(c.Node) || Bound(c.SemanticModel, c.Node, c.CancellationToken) is not IMethodSymbol ctor)
            return;
        Report(c, migration, ctor, c.Node, null);
    }

    private static void AnalyzeName(SyntaxNodeAnalysisContext c, MigrationContext migration)
    {
        var name = (SimpleNameSyntax)c.Node;
        ExpressionSyntax reference = name.Parent switch
        {
            MemberAccessExpressionSyntax ma when ma.Name == name => ma,
            MemberBindingExpressionSyntax mb when mb.Name == name => mb,
            QualifiedNameSyntax => name,
            _ => name,
        };
        if (name.Parent is QualifiedNameSyntax || name.Parent is MemberAccessExpressionSyntax left && left.Expression == name)
            return; // a container (type or namespace) of something else
        if (reference.WalkUpParentheses().Parent is InvocationExpressionSyntax inv && inv.Expression == reference.WalkUpParentheses())
            return; // the invocation reports it
        if (IsNotAUse(name))
            return;
        ISymbol? symbol = Bound(c.SemanticModel, name, c.CancellationToken);
        if (symbol is not (IPropertySymbol or IFieldSymbol or IEventSymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary }))
            return;
        Report(c, migration, symbol, reference, null);
    }

    private static void Report(SyntaxNodeAnalysisContext c, MigrationContext migration, ISymbol symbol, SyntaxNode site, InvocationExpressionSyntax? call)
    {
        string name = SymbolNames.Of(symbol);
        ApiMapEntry? entry = migration.Map.FindRule(name);
        if (entry?.RuleId is not { } ruleId || !Rules.Contains(ruleId) || MigrationContext.IsOwnImplementation(c.SemanticModel, site, symbol))
            return;

        PlanResult plan = call is not null && symbol is IMethodSymbol method
            ? PlanFor(c.SemanticModel, call, method, entry, migration, c.Options, c.CancellationToken)
            : PlanResult.None(entry.NoFix ?? "no one-to-one rewrite is known");
        Diagnostic? d = DiagnosticFactory.Create(ruleId, site.GetLocation(), c.Options, name, entry.Kernel, plan.HasFix ? entry.FixKind : null,
            Display(symbol), entry.Kernel ?? name, entry.Replacement ?? "the generic IOMMU API", DiagnosticFactory.FixText(plan.Description, plan.Reason));
        if (d is not null)
            c.ReportDiagnostic(d);
    }

    /// <summary>The rewrite plan for a call of <paramref name="method"/> whose entry names a fix, or why there is none.</summary>
    public static PlanResult PlanFor(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol method, ApiMapEntry entry, MigrationContext migration,
        AnalyzerOptions options, CancellationToken ct)
    {
        var inputs = new PortInputs(
            MigrationOptions.Get(options, call.SyntaxTree, MigrationOptions.DeviceExpressionKey),
            MigrationOptions.Get(options, call.SyntaxTree, MigrationOptions.BusExpressionKey),
            migration.IsVendorType);
        return entry.FixKind switch
        {
            "order-to-bytes" when entry.Role is { } role => OrderToBytesPlanner.Plan(model, call, method, role, ct),
            "domain-alloc-attach" => DomainAllocAttachPlanner.Plan(model, call, method, inputs, ct),
            "dma-alloc-coherent" => DmaAllocPlanner.Plan(model, call, method, inputs, ct),
            _ => PlanResult.None(entry.NoFix ?? "no one-to-one rewrite is known"),
        };
    }

    private static string Display(ISymbol symbol) =>
        symbol.ContainingType is null ? symbol.Name : symbol.ContainingType.Name + "." + (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ? "ctor" : symbol.Name);
}
