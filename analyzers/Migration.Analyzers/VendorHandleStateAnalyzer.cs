using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;
using Migration.Analyzers.ApiMap;

namespace Migration.Analyzers;

/// <summary>
/// IOMMU007 — a vendor handle kept in client state: a field or auto-property whose type holds a handle type of the
/// API map (OmapIommu, also inside ErrPtr&lt;&gt;, arrays, collections, nullable), and a field or property assigned the
/// result of a handle-returning call (the MSM context Device of msm_iommu_get_ctx), directly or through one local.
/// Locals and parameters are not state; computed properties store nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VendorHandleStateAnalyzer : DiagnosticAnalyzer
{
    private const string NoFix = "every use of the handle changes with the port (omap.md §7.7)";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IommuRules.VendorHandleState);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            MigrationContext migration = MigrationContext.Create(start.Options, start.CancellationToken);
            start.RegisterSymbolAction(c => AnalyzeMember(c, migration), SymbolKind.Field, SymbolKind.Property);
            start.RegisterSyntaxNodeAction(c => AnalyzeAssignment(c, migration), SyntaxKind.SimpleAssignmentExpression);
            start.RegisterSyntaxNodeAction(c => AnalyzeInitializer(c, migration), SyntaxKind.VariableDeclarator, SyntaxKind.PropertyDeclaration);
        });
    }

    private static void AnalyzeMember(SymbolAnalysisContext c, MigrationContext migration)
    {
        ISymbol member = c.Symbol;
        if (member.IsImplicitlyDeclared || member is IFieldSymbol { AssociatedSymbol: not null })
            return;
        ITypeSymbol type = member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type;
        if (HandleIn(type, migration) is not { } handle || IsVendorOwn(member, handle.Type))
            return;
        foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
        {
            SyntaxNode node = reference.GetSyntax(c.CancellationToken);
            Location location;
            switch (node)
            {
                case VariableDeclaratorSyntax v:
                    location = v.Identifier.GetLocation();
                    break;
                case PropertyDeclarationSyntax p when IsAutoProperty(p):
                    location = p.Identifier.GetLocation();
                    break;
                case ParameterSyntax record:
                    location = record.Identifier.GetLocation();
                    break;
                default:
                    continue;
            }
            Report(c.ReportDiagnostic, c.Options, location, member, handle.Type.Name, handle.Entry);
        }
    }

    private static void AnalyzeAssignment(SyntaxNodeAnalysisContext c, MigrationContext migration)
    {
        var assignment = (AssignmentExpressionSyntax)c.Node;
        ISymbol? target = c.SemanticModel.GetSymbolInfo(assignment.Left, c.CancellationToken).Symbol;
        if (target is not (IFieldSymbol or IPropertySymbol) || VendorUseAnalysis.IsNotAUse(assignment))
            return;
        CheckStoredCall(c, migration, assignment.Right, target, assignment.GetLocation());
    }

    private static void AnalyzeInitializer(SyntaxNodeAnalysisContext c, MigrationContext migration)
    {
        (ExpressionSyntax? value, ISymbol? target, Location? location) = c.Node switch
        {
            VariableDeclaratorSyntax { Initializer: { } init, Parent.Parent: FieldDeclarationSyntax } v =>
                (init.Value, c.SemanticModel.GetDeclaredSymbol(v, c.CancellationToken), v.GetLocation()),
            PropertyDeclarationSyntax { Initializer: { } pinit } p =>
                (pinit.Value, c.SemanticModel.GetDeclaredSymbol(p, c.CancellationToken), p.Identifier.GetLocation()),
            _ => (null, null, null),
        };
        if (value is null || target is null || location is null)
            return;
        CheckStoredCall(c, migration, value, target, location);
    }

    // A handle-returning call (msm_iommu_get_ctx) whose result lands in a field/property, directly or via one local.
    private static void CheckStoredCall(SyntaxNodeAnalysisContext c, MigrationContext migration, ExpressionSyntax value, ISymbol target, Location location)
    {
        foreach (ExpressionSyntax source in Sources(value))
        {
            ExpressionSyntax origin = source;
            if (source is IdentifierNameSyntax id && c.SemanticModel.GetSymbolInfo(id, c.CancellationToken).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(c.CancellationToken) is VariableDeclaratorSyntax { Initializer: { } init })
                origin = init.Value;
            foreach (ExpressionSyntax candidate in Sources(origin))
            {
                if (candidate is not InvocationExpressionSyntax call
                    || VendorUseAnalysis.Bound(c.SemanticModel, call, c.CancellationToken) is not IMethodSymbol method)
                    continue;
                string name = SymbolNames.Of(method);
                ApiMapEntry? entry = migration.Map.Find(name, static e => e.ReturnsHandle is not null);
                if (entry?.ReturnsHandle != true || HandleIn(method.ReturnType, migration) is not null || IsVendorOwn(target, method))
                    continue;
                Report(c.ReportDiagnostic, c.Options, location, target, $"the {method.ReturnType.Name} from {method.ContainingType.Name}.{method.Name}", entry);
                return;
            }
        }
    }

    // The expressions whose value an expression may be: through parentheses, '!', casts, '??' and '?:'.
    private static ImmutableArray<ExpressionSyntax> Sources(ExpressionSyntax e)
    {
        e = e.WalkDownParenthesesAndSuppression();
        return e switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } b => Sources(b.Left).AddRange(Sources(b.Right)),
            ConditionalExpressionSyntax q => Sources(q.WhenTrue).AddRange(Sources(q.WhenFalse)),
            CastExpressionSyntax cast => Sources(cast.Expression),
            _ => ImmutableArray.Create(e),
        };
    }

    private static (ITypeSymbol Type, ApiMapEntry Entry)? HandleIn(ITypeSymbol type, MigrationContext migration)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return HandleIn(array.ElementType, migration);
            case INamedTypeSymbol named:
                ApiMapEntry? entry = migration.Map.Find(SymbolNames.Of(named), static e => e.Handle is not null);
                if (entry?.Handle == true)
                    return (named, entry);
                foreach (ITypeSymbol arg in named.TypeArguments)
                {
                    if (HandleIn(arg, migration) is { } inner)
                        return inner;
                }
                return null;
            default:
                return null;
        }
    }

    // The vendor's own code (a field of OmapIommuDriver holding OmapIommu) is not client state.
    private static bool IsVendorOwn(ISymbol member, ISymbol vendor) =>
        SymbolNames.IsWithin(SymbolNames.NamespaceOf(member.ContainingType ?? member), SymbolNames.NamespaceOf(vendor));

    private static bool IsAutoProperty(PropertyDeclarationSyntax p) =>
        p.ExpressionBody is null && p.AccessorList is { } list && list.Accessors.All(a => a.Body is null && a.ExpressionBody is null);

    private static void Report(System.Action<Diagnostic> report, AnalyzerOptions options, Location location, ISymbol member, string what, ApiMapEntry entry)
    {
        Diagnostic? d = DiagnosticFactory.Create(IommuRules.VendorHandleStateId, location, options, entry.Symbol, entry.Kernel, null,
            (member.ContainingType?.Name ?? string.Empty) + "." + member.Name, what, entry.Kernel ?? entry.Symbol,
            entry.Replacement ?? "the generic iommu_domain and the client's device", DiagnosticFactory.FixText(null, entry.NoFix ?? NoFix));
        if (d is not null)
            report(d);
    }
}
