using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Migration.Analyzers.Fixes;

/// <summary>Syntax and binding helpers shared by the rewrite planners and the analyzers.</summary>
internal static class SyntaxHelpers
{
    /// <summary>The body the node executes in: the method, accessor, local function or lambda around it.</summary>
    public static SyntaxNode? Body(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
            or AnonymousFunctionExpressionSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax);

    /// <summary>The identifiers in <paramref name="scope"/> bound to <paramref name="symbol"/>.</summary>
    public static List<IdentifierNameSyntax> References(SyntaxNode scope, ISymbol symbol, SemanticModel model, CancellationToken ct) =>
        scope.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Where(id => id.Identifier.ValueText == symbol.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, ct).Symbol, symbol))
            .ToList();

    /// <summary>True when the value of <paramref name="expression"/> is thrown away (an expression statement, not "_ = ").</summary>
    public static bool IsDiscardedWithoutIntent(ExpressionSyntax expression)
    {
        SyntaxNode? parent = expression.Parent;
        while (parent is ParenthesizedExpressionSyntax)
            parent = parent.Parent;
        if (parent is ConditionalAccessExpressionSyntax ca && ca.WhenNotNull == expression.WalkUpParentheses())
            parent = ca.Parent;
        return parent is ExpressionStatementSyntax;
    }

    /// <summary>True when the result of <paramref name="expression"/> is discarded, with intent ("_ = …") or not.</summary>
    public static bool IsDiscarded(ExpressionSyntax expression) =>
        IsDiscardedWithoutIntent(expression)
        || expression.WalkUpParentheses().Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } a && a.Right == expression.WalkUpParentheses()
            && a.Parent is ExpressionStatementSyntax;

    /// <summary>
    /// The type <paramref name="metadataName"/> as written at <paramref name="position"/>: its simple name when that name
    /// already means this type there (a using is in place and nothing else is called so), else fully qualified
    /// (global::A.B.C), so a fix never adds a using that could make another name ambiguous.
    /// </summary>
    public static TypeSyntax TypeName(SemanticModel model, int position, string metadataName) =>
        SyntaxFactory.ParseTypeName(TypeText(model, position, metadataName));

    /// <summary>The type as the receiver of a member access (parsed as an expression, as the compiler would).</summary>
    public static ExpressionSyntax TypeExpression(SemanticModel model, int position, string metadataName) =>
        SyntaxFactory.ParseExpression(TypeText(model, position, metadataName));

    private static string TypeText(SemanticModel model, int position, string metadataName)
    {
        INamedTypeSymbol? type = model.Compilation.GetTypeByMetadataName(metadataName);
        string simple = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
        bool simpleWorks = type is not null && model.LookupNamespacesAndTypes(position, name: simple) is { Length: 1 } found
            && SymbolEqualityComparer.Default.Equals(found[0], type);
        if (simpleWorks)
            return simple;
        // "Generic.Iommu.X" is enough unless something else is called "Generic" where the fix writes.
        string root = metadataName.Substring(0, metadataName.IndexOf('.'));
        bool rootIsTheNamespace = model.LookupNamespacesAndTypes(position, name: root) is { Length: 1 } roots
            && roots[0] is INamespaceSymbol { ContainingNamespace.IsGlobalNamespace: true };
        return rootIsTheNamespace ? metadataName : "global::" + metadataName;
    }

    /// <summary>A call <c>Type.Method(args)</c> with the type written as <see cref="TypeName"/> does.</summary>
    public static InvocationExpressionSyntax Call(SemanticModel model, int position, string typeMetadataName, string method, params ExpressionSyntax[] args) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeExpression(model, position, typeMetadataName), SyntaxFactory.IdentifierName(method)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(args.Select(a => SyntaxFactory.Argument(a.WithoutTrivia())))));

    /// <summary>The expression itself, or its outermost enclosing parentheses.</summary>
    public static ExpressionSyntax WalkUpParentheses(this ExpressionSyntax expression)
    {
        while (expression.Parent is ParenthesizedExpressionSyntax p)
            expression = p;
        return expression;
    }

    /// <summary>The expression without the parentheses around it.</summary>
    public static ExpressionSyntax WalkDownParentheses(this ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax p)
            expression = p.Expression;
        return expression;
    }

    /// <summary>
    /// The argument expressions of <paramref name="call"/> in <paramref name="method"/>'s parameter order (named
    /// arguments placed), or null when an argument is missing (optional, params) or cannot be placed.
    /// </summary>
    public static ExpressionSyntax[]? ArgumentsByParameter(InvocationExpressionSyntax call, IMethodSymbol method)
    {
        var result = new ExpressionSyntax?[method.Parameters.Length];
        SeparatedSyntaxList<ArgumentSyntax> args = call.ArgumentList.Arguments;
        for (int i = 0; i < args.Count; i++)
        {
            int index = args[i].NameColon is { } nc
                ? method.Parameters.IndexOf(method.Parameters.FirstOrDefault(p => p.Name == nc.Name.Identifier.ValueText)!)
                : i;
            if (index < 0 || index >= result.Length || result[index] is not null || !args[i].RefKindKeyword.IsKind(SyntaxKind.None))
                return null;
            result[index] = args[i].Expression;
        }
        return result.Any(r => r is null) ? null : result.Select(r => r!).ToArray();
    }

    /// <summary>Parenthesises <paramref name="e"/> unless it is a name, literal, call, member or element access.</summary>
    public static ExpressionSyntax Operand(ExpressionSyntax e)
    {
        e = e.WithoutTrivia();
        return e is IdentifierNameSyntax or LiteralExpressionSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax
            or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
            ? e
            : SyntaxFactory.ParenthesizedExpression(e);
    }
}
