using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Migration.Analyzers.Fixes;

/// <summary>
/// IOMMU005's rewrite: a loop <c>for (i = 0; i &lt; n; i++) IommuApi.Map(d, iova + i * 4096, pa + i * 4096, 4096, prot)</c>
/// (or <c>for (off = 0; off &lt; len; off += 4096)</c> with <c>iova + off</c>, <c>pa + off</c>) becomes one
/// <c>IommuApi.Map(d, iova, pa, n * 4096, prot)</c>. The loop body may hold only the call, optionally its result in a
/// variable and one <c>if</c> on it that leaves without naming the loop variable (an unwinding that depends on how far
/// the loop got is not one-to-one: the 3.3 core unwinds itself, generic.md §5.1 step 6).
/// </summary>
internal static class PageLoopPlanner
{
    /// <summary>The plan for the loop around <paramref name="call"/> described by <paramref name="shape"/>.</summary>
    public static PlanResult Plan(SemanticModel model, InvocationExpressionSyntax call, PageLoopShape shape, CancellationToken ct)
    {
        ForStatementSyntax loop = shape.Loop;
        if (loop.Declaration is not { Variables.Count: 1 } decl || loop.Initializers.Count != 0 || loop.Incrementors.Count != 1
            || model.GetDeclaredSymbol(decl.Variables[0], ct) is not ILocalSymbol v)
            return PlanResult.None("the loop is not 'for (var i = 0; i < n; i++)' or 'for (var off = 0; off < len; off += 4096)'");
        if (decl.Variables[0].Initializer is not { } init || !IsZero(model.GetConstantValue(init.Value, ct)))
            return PlanResult.None("the loop variable does not start at 0");
        var vs = new ISymbol[] { v };
        if (loop.Condition is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression } cond
            || model.GetSymbolInfo(cond.Left, ct).Symbol is not ILocalSymbol cl || !SymbolEqualityComparer.Default.Equals(cl, v)
            || PageLoopShape.Mentions(model, cond.Right, vs, ct))
            return PlanResult.None("the loop condition is not 'i < n'");
        ExpressionSyntax bound = cond.Right;

        bool byIndex;
        switch (loop.Incrementors[0])
        {
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression }:
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression }:
                byIndex = true;
                break;
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } add when IsPage(model.GetConstantValue(add.Right, ct)):
                byIndex = false;
                break;
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } one when IsOne(model.GetConstantValue(one.Right, ct)):
                byIndex = true;
                break;
            default:
                return PlanResult.None("the loop does not step by one page");
        }

        ExpressionSyntax[] args = shape.Arguments;
        ExpressionSyntax? iovaBase = Base(model, args[1], v, byIndex, ct);
        ExpressionSyntax? paBase = Base(model, args[2], v, byIndex, ct);
        if (iovaBase is null || paBase is null)
            return PlanResult.None("iova and paddr do not both advance by one page per iteration (a scatter of pages needs one call per contiguous run)");
        if (PageLoopShape.Mentions(model, args[0], vs, ct) || PageLoopShape.Mentions(model, args[4], vs, ct))
            return PlanResult.None("the domain or prot changes with the loop variable");

        List<StatementSyntax> body = loop.Statement is BlockSyntax b ? b.Statements.ToList() : new List<StatementSyntax> { loop.Statement };
        if (body.Any(s => s.DescendantNodesAndSelf().Any(n => n is BreakStatementSyntax or ContinueStatementSyntax or YieldStatementSyntax)))
            return PlanResult.None("the loop body breaks or continues");
        if (!BodyIsJustTheCall(model, body, call, vs, ct, out string shapeReason))
            return PlanResult.None(shapeReason);

        // Locals the body declares move out of the loop: they must not clash with names in the enclosing scope.
        foreach (VariableDeclaratorSyntax d in body.OfType<LocalDeclarationStatementSyntax>().SelectMany(l => l.Declaration.Variables))
        {
            string name = d.Identifier.ValueText;
            bool clash = model.LookupSymbols(loop.SpanStart, name: name).Any(s => s is ILocalSymbol or IParameterSymbol)
                || (loop.Parent?.DescendantNodes().OfType<VariableDeclaratorSyntax>().Any(o => o != d && o.Identifier.ValueText == name && !loop.Span.Contains(o.Span)) ?? false)
                || (loop.Parent?.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Any(o => o.Identifier.ValueText == name && !loop.Span.Contains(o.Span)) ?? false);
            if (clash)
                return PlanResult.None($"the result variable '{name}' would clash with another '{name}' once out of the loop");
        }

        return PlanResult.Of("replaces the loop with one IommuApi.Map of the whole buffer",
            () => Rewrite(model, call, loop, body, Total(model, bound, args[3], byIndex, ct), iovaBase, paBase, ct));
    }

    // The edits: the loop replaced by its body with the call mapping the whole buffer (a block where the loop was not in one).
    private static RewritePlan Rewrite(SemanticModel model, InvocationExpressionSyntax call, ForStatementSyntax loop, List<StatementSyntax> body,
        ExpressionSyntax total, ExpressionSyntax iovaBase, ExpressionSyntax paBase, CancellationToken ct)
    {
        SeparatedSyntaxList<ArgumentSyntax> oldArgs = call.ArgumentList.Arguments;
        var newArgs = new List<ArgumentSyntax>();
        IMethodSymbol method = (IMethodSymbol)model.GetSymbolInfo(call, ct).Symbol!;
        for (int i = 0; i < oldArgs.Count; i++)
        {
            int p = oldArgs[i].NameColon is { } nc ? method.Parameters.IndexOf(method.Parameters.First(x => x.Name == nc.Name.Identifier.ValueText)) : i;
            ExpressionSyntax e = p switch { 1 => iovaBase, 2 => paBase, 3 => total, _ => oldArgs[i].Expression };
            newArgs.Add(oldArgs[i].WithExpression(e.WithTriviaFrom(oldArgs[i].Expression)));
        }
        InvocationExpressionSyntax newCall = call.WithArgumentList(call.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(newArgs, oldArgs.GetSeparators())));
        List<StatementSyntax> moved = body.Select(s => s.Span.Contains(call.Span) ? s.ReplaceNode(call, newCall) : s).ToList();

        var plan = new RewritePlan();
        if (loop.Parent is BlockSyntax)
            plan.Replace(loop, moved.Cast<SyntaxNode>().ToArray());
        else
            plan.Replace(loop, SyntaxFactory.Block(moved));
        return plan;
    }

    // The loop body holds: the call as a statement; or "r = call" / "T r = call" then one if on r; or "if (… call …) leave".
    private static bool BodyIsJustTheCall(SemanticModel model, List<StatementSyntax> body, InvocationExpressionSyntax call, ISymbol[] vs, CancellationToken ct, out string reason)
    {
        reason = "the loop body does more than map the page and check the result";
        if (body.Count == 1 && body[0] is ExpressionStatementSyntax es && es.Expression.WalkDownParentheses() == call)
            return true;
        if (body.Count == 1 && body[0] is IfStatementSyntax only && only.Else is null && only.Condition.Span.Contains(call.Span))
            return Leaves(model, only, call, vs, ct, ref reason);
        if (body.Count == 2 && body[1] is IfStatementSyntax check && check.Else is null)
        {
            bool holdsCall = body[0] switch
            {
                LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } vars } => vars[0].Initializer?.Value.WalkDownParentheses() == call,
                ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } a } =>
                    a.Right.WalkDownParentheses() == call && model.GetSymbolInfo(a.Left, ct).Symbol is ILocalSymbol,
                _ => false,
            };
            return holdsCall && Leaves(model, check, call, vs, ct, ref reason);
        }
        return false;
    }

    private static bool Leaves(SemanticModel model, IfStatementSyntax check, InvocationExpressionSyntax call, ISymbol[] vs, CancellationToken ct, ref string reason)
    {
        bool conditionMentions = check.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Any(id => !call.Span.Contains(id.Span) && PageLoopShape.Mentions(model, id, vs, ct));
        if (conditionMentions || PageLoopShape.Mentions(model, check.Statement, vs, ct))
        {
            reason = "the error path uses the loop variable (it unwinds the pages mapped so far; the 3.3 core does that itself)";
            return false;
        }
        return true;
    }

    // iova = base + i * 4096 (index) or base + off (offset): the base, or null.
    private static ExpressionSyntax? Base(SemanticModel model, ExpressionSyntax e, ISymbol v, bool byIndex, CancellationToken ct)
    {
        e = e.WalkDownParentheses();
        var vs = new[] { v };
        if (IsStep(model, e, v, byIndex, ct))
            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal("0u", 0u));
        if (e is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add)
        {
            if (IsStep(model, add.Right, v, byIndex, ct) && !PageLoopShape.Mentions(model, add.Left, vs, ct))
                return add.Left.WithoutTrivia();
            if (IsStep(model, add.Left, v, byIndex, ct) && !PageLoopShape.Mentions(model, add.Right, vs, ct))
                return add.Right.WithoutTrivia();
        }
        return null;
    }

    // i * 4096, 4096 * i, i << 12 (index), off (offset); casts of i allowed.
    private static bool IsStep(SemanticModel model, ExpressionSyntax e, ISymbol v, bool byIndex, CancellationToken ct)
    {
        e = Uncast(e.WalkDownParentheses());
        if (!byIndex)
            return IsVar(model, e, v, ct);
        if (e is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.MultiplyExpression } m)
            return (IsVar(model, Uncast(m.Left.WalkDownParentheses()), v, ct) && IsPage(model.GetConstantValue(m.Right, ct)))
                || (IsVar(model, Uncast(m.Right.WalkDownParentheses()), v, ct) && IsPage(model.GetConstantValue(m.Left, ct)));
        if (e is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LeftShiftExpression } s)
            return IsVar(model, Uncast(s.Left.WalkDownParentheses()), v, ct) && model.GetConstantValue(s.Right, ct) is { HasValue: true, Value: 12 };
        return false;
    }

    private static ExpressionSyntax Uncast(ExpressionSyntax e) => e is CastExpressionSyntax c ? c.Expression.WalkDownParentheses() : e;

    private static bool IsVar(SemanticModel model, ExpressionSyntax e, ISymbol v, CancellationToken ct) =>
        e is IdentifierNameSyntax && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(e, ct).Symbol, v);

    // The bytes the loop maps: n pages (index) or PAGE_ALIGN(len) (offset).
    private static ExpressionSyntax Total(SemanticModel model, ExpressionSyntax bound, ExpressionSyntax page, bool byIndex, CancellationToken ct)
    {
        Optional<object?> c = model.GetConstantValue(bound, ct);
        if (c.HasValue && ToULong(c.Value) is { } n)
        {
            ulong bytes = byIndex ? n * PageLoopShape.PageSize : (n + PageLoopShape.PageSize - 1) / PageLoopShape.PageSize * PageLoopShape.PageSize;
            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression,
                SyntaxFactory.Literal("0x" + bytes.ToString("X", CultureInfo.InvariantCulture) + "u", (uint)bytes));
        }
        bool isUint = model.GetTypeInfo(bound, ct).Type?.SpecialType == SpecialType.System_UInt32;
        ExpressionSyntax n32 = isUint
            ? SyntaxHelpers.Operand(bound)
            : SyntaxFactory.CastExpression(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.UIntKeyword)), SyntaxHelpers.Operand(bound));
        if (byIndex)
            return SyntaxFactory.BinaryExpression(SyntaxKind.MultiplyExpression, n32, SyntaxHelpers.Operand(page));
        // (len + 0xFFFu) & ~0xFFFu: the loop maps the last partial page too.
        ExpressionSyntax mask = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal("0xFFFu", 0xFFFu));
        return SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseAndExpression,
            SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, n32, mask)),
            SyntaxFactory.PrefixUnaryExpression(SyntaxKind.BitwiseNotExpression, mask));
    }

    private static ulong? ToULong(object? value) => value switch
    {
        int i when i >= 0 => (ulong)i,
        uint u => u,
        long l when l >= 0 => (ulong)l,
        ulong ul => ul,
        _ => null,
    };

    private static bool IsZero(Optional<object?> c) => c.HasValue && ToULong(c.Value) == 0;

    private static bool IsOne(Optional<object?> c) => c.HasValue && ToULong(c.Value) == 1;

    private static bool IsPage(Optional<object?> c) => c.HasValue && ToULong(c.Value) == PageLoopShape.PageSize;
}
