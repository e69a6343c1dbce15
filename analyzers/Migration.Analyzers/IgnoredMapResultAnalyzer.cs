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
/// IOMMU006 — a map/unmap call (an API map entry with checkResult, legacy or generic) used as a statement: its result
/// is the only report of a failure. "_ = call" states the intent and is not flagged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IgnoredMapResultAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IommuRules.IgnoredMapResult);

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

    // An expression statement, or the body of a void-returning expression-bodied member or lambda.
    private static bool IsThrownAway(SemanticModel model, InvocationExpressionSyntax call, System.Threading.CancellationToken ct)
    {
        if (SyntaxHelpers.IsDiscardedWithoutIntent(call))
            return true;
        return call.WalkUpParentheses().Parent switch
        {
            ArrowExpressionClauseSyntax arrow => arrow.Parent is (MethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax)
                && model.GetDeclaredSymbol(arrow.Parent, ct) is IMethodSymbol { ReturnsVoid: true },
            LambdaExpressionSyntax lambda => model.GetSymbolInfo(lambda, ct).Symbol is IMethodSymbol { ReturnsVoid: true },
            _ => false,
        };
    }

    private static void Analyze(SyntaxNodeAnalysisContext c, MigrationContext migration)
    {
        var call = (InvocationExpressionSyntax)c.Node;
        if (!IsThrownAway(c.SemanticModel, call, c.CancellationToken) || VendorUseAnalysis.IsNotAUse(call)
            || VendorUseAnalysis.Bound(c.SemanticModel, call, c.CancellationToken) is not IMethodSymbol { ReturnsVoid: false } method)
            return;
        string name = SymbolNames.Of(method);
        ApiMapEntry? entry = migration.Map.Find(name, static e => e.CheckResult is not null);
        if (entry?.CheckResult != true || MigrationContext.IsOwnImplementation(c.SemanticModel, call, method))
            return;
        Diagnostic? d = DiagnosticFactory.Create(IommuRules.IgnoredMapResultId, call.GetLocation(), c.Options, name, entry.Kernel, null,
            method.ContainingType.Name + "." + method.Name, entry.Kernel ?? name, "it returns " + (entry.Result ?? "the only report of a failure"),
            DiagnosticFactory.FixText(null, "what to do on failure is the caller's decision (check the result, or discard it with '_ =' on purpose)"));
        if (d is not null)
            c.ReportDiagnostic(d);
    }
}
