using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Migration.Analyzers.Fixes;

/// <summary>
/// IOMMU005's pattern: a byte-sized <c>IommuApi.Map(domain, iova, paddr, 4096, prot)</c> inside a <c>for</c> loop
/// whose induction variable appears in the iova and the paddr (generic.md §5.4: "iommu_map(d, iova, pa, 0, prot) in a loop of 4K
/// pages → one iommu_map of the whole length").
/// </summary>
internal sealed class PageLoopShape
{
    /// <summary>The page size the loop maps per iteration.</summary>
    public const uint PageSize = 4096;

    private PageLoopShape(ForStatementSyntax loop, ExpressionSyntax[] args, List<ISymbol> induction)
    {
        Loop = loop;
        Arguments = args;
        Induction = induction;
    }

    /// <summary>The loop.</summary>
    public ForStatementSyntax Loop { get; }

    /// <summary>The map call's arguments in parameter order (domain, iova, paddr, size, prot).</summary>
    public ExpressionSyntax[] Arguments { get; }

    /// <summary>The loop's induction variables.</summary>
    public List<ISymbol> Induction { get; }

    /// <summary>The pattern around <paramref name="call"/> to the byte-map <paramref name="method"/>, or null.</summary>
    public static PageLoopShape? Match(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol method, CancellationToken ct)
    {
        if (method.Parameters.Length != 5 || SyntaxHelpers.ArgumentsByParameter(call, method) is not { } args)
            return null;
        Optional<object?> size = model.GetConstantValue(args[3], ct);
        if (!size.HasValue || !IsPage(size.Value))
            return null;

        ForStatementSyntax? loop = null;
        foreach (SyntaxNode a in call.Ancestors())
        {
            if (a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax)
                break;
            if (a is ForStatementSyntax f && f.Statement.Span.Contains(call.Span))
            {
                loop = f;
                break;
            }
        }
        if (loop is null)
            return null;

        var induction = new List<ISymbol>();
        if (loop.Declaration is { } decl)
        {
            foreach (VariableDeclaratorSyntax v in decl.Variables)
            {
                if (model.GetDeclaredSymbol(v, ct) is { } s)
                    induction.Add(s);
            }
        }
        foreach (ExpressionSyntax inc in loop.Incrementors)
        {
            ExpressionSyntax? target = inc switch
            {
                PostfixUnaryExpressionSyntax p => p.Operand,
                PrefixUnaryExpressionSyntax p => p.Operand,
                AssignmentExpressionSyntax asg => asg.Left,
                _ => null,
            };
            if (target is not null && model.GetSymbolInfo(target, ct).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol && !induction.Contains(model.GetSymbolInfo(target, ct).Symbol!, SymbolEqualityComparer.Default))
                induction.Add(model.GetSymbolInfo(target, ct).Symbol!);
        }
        // Both addresses move with the loop: a fixed paddr maps one page at many iovas (msm_iommu_map_extra's padding
        // onto a dummy page, msm.md §7.5), which one call cannot do.
        if (!Mentions(model, args[1], induction, ct) || !Mentions(model, args[2], induction, ct))
            return null;
        return new PageLoopShape(loop, args, induction);
    }

    /// <summary>True when <paramref name="node"/> mentions one of <paramref name="symbols"/>.</summary>
    public static bool Mentions(SemanticModel model, SyntaxNode node, IReadOnlyCollection<ISymbol> symbols, CancellationToken ct) =>
        node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Any(id => symbols.Any(s => s.Name == id.Identifier.ValueText) && model.GetSymbolInfo(id, ct).Symbol is { } b && symbols.Contains(b, SymbolEqualityComparer.Default));

    private static bool IsPage(object? value) => value switch
    {
        int i => i == PageSize,
        uint u => u == PageSize,
        long l => l == PageSize,
        ulong ul => ul == PageSize,
        _ => false,
    };
}
