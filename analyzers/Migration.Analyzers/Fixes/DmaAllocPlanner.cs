using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Migration.Analyzers.Analysis;

namespace Migration.Analyzers.Fixes;

/// <summary>
/// IOMMU002's rewrite of a buffer whose whole life is in one method (the DMA-mapping port of omap3isp's tables,
/// Generic.Omap3isp.DmaIspMemory): <c>iommu_vmalloc</c> + [<c>find_iovm_area</c> for a NULL check] + <c>da_to_va</c> +
/// <c>iommu_vfree</c> become <c>dma_alloc_coherent</c> + <c>dma_free_coherent</c>:
/// <code>
/// uint da = Iovmm.Vmalloc(obj, 0, size, 0);        uint va = DmaApi.AllocCoherent(dev, size, out uint da);
/// if (ErrValue.IsErrValue(da)) return -ENOMEM;  →  if (va == 0) da = ErrValue.FromErrno(-Errno.ENOMEM);
/// uint va = Iovmm.DaToVa(obj, da);                if (ErrValue.IsErrValue(da)) return -ENOMEM;
/// …                                               …
/// Iovmm.Vfree(obj, da);                           DmaApi.FreeCoherent(dev, size, va, da);
/// </code>
/// Safe only when the device address stays in the method (a copy in a field may be vfree'd elsewhere, where the
/// size and CPU address are unknown), the area is only NULL-checked (coherent memory has no sg_table), the
/// allocation is anonymous (dma_alloc_coherent cannot place a buffer at a fixed da) with flags 0, and the size is
/// a constant or an unchanging local/parameter (the free needs it again).
/// </summary>
internal static class DmaAllocPlanner
{
    /// <summary>The plan for the iommu_vmalloc <paramref name="call"/>.</summary>
    public static PlanResult Plan(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol vmalloc, PortInputs inputs, CancellationToken ct)
    {
        if (vmalloc.Parameters.Length != 4 || SyntaxHelpers.ArgumentsByParameter(call, vmalloc) is not { } args)
            return PlanResult.None("the call does not have iommu_vmalloc's signature");
        ExpressionSyntax handleExpr = args[0], daArg = args[1], size = args[2], flags = args[3];
        if (!IsZero(model, daArg, ct))
            return PlanResult.None("the buffer is placed at a given device address, which dma_alloc_coherent cannot do");
        if (!IsZero(model, flags, ct))
            return PlanResult.None("the IOVMF flags (endianness, element size) have no DMA-API counterpart");

        if (call.WalkUpParentheses().Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax local
            || local.Parent is not BlockSyntax block
            || model.GetDeclaredSymbol(declarator, ct) is not ILocalSymbol da)
            return PlanResult.None("the device address is not kept in a local variable of its own");
        SyntaxNode? body = SyntaxHelpers.Body(call);
        if (body is null)
            return PlanResult.None("the call is not in a method body");
        if (!IsStable(model, size, body, ct))
            return PlanResult.None("the size is not a constant or an unchanging local/parameter, and dma_free_coherent needs it again");

        // Every use of the device address: da_to_va, find_iovm_area, iommu_vfree on the same handle, IS_ERR_VALUE.
        LocalDeclarationStatementSyntax? daToVa = null, findArea = null;
        var vfrees = new List<ExpressionStatementSyntax>();
        var errorTests = 0;
        foreach (IdentifierNameSyntax use in SyntaxHelpers.References(body, da, model, ct))
        {
            if (use.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax user } } arg
                && model.GetSymbolInfo(user, ct).Symbol is IMethodSymbol m)
            {
                bool sameType = SymbolEqualityComparer.Default.Equals(m.ContainingType, vmalloc.ContainingType);
                bool onSameHandle = user.ArgumentList.Arguments.Count == 2 && user.ArgumentList.Arguments[1] == arg
                    && SyntaxFactory.AreEquivalent(user.ArgumentList.Arguments[0].Expression, handleExpr);
                if (sameType && onSameHandle && m.Name is "DaToVa" or "FindIovmArea" && OwnLocal(user, block) is { } holder)
                {
                    if (m.Name == "DaToVa")
                    {
                        if (daToVa is not null)
                            return PlanResult.None("da_to_va is called twice on the buffer");
                        daToVa = holder;
                    }
                    else
                    {
                        if (findArea is not null)
                            return PlanResult.None("find_iovm_area is called twice on the buffer");
                        findArea = holder;
                    }
                    continue;
                }
                if (sameType && onSameHandle && m.Name == "Vfree" && user.Parent is ExpressionStatementSyntax free
                    && SyntaxHelpers.Body(free) == body && free.SpanStart > local.Span.End && block.Span.Contains(free.Span))
                {
                    vfrees.Add(free);
                    continue;
                }
                if (m.Name == "IsErrValue" && m.ContainingType.ToDisplayString() == GenericWorldNames.ErrValue)
                {
                    errorTests++;
                    continue;
                }
                if (sameType && !onSameHandle && user.ArgumentList.Arguments.Count == 2)
                    return PlanResult.None($"the buffer is also reached through another handle expression ('{user.ArgumentList.Arguments[0].Expression}' besides '{handleExpr}')");
            }
            return PlanResult.None($"the device address escapes in '{Excerpt(use)}' (a copy may be freed where the size and CPU address are unknown)");
        }
        if (daToVa is null)
            return PlanResult.None("no da_to_va in the same block gives the buffer's CPU address");
        if (daToVa.SpanStart < local.SpanStart)
            return PlanResult.None("da_to_va comes before the allocation");

        var removedChecks = new List<IfStatementSyntax>();
        if (findArea is not null)
        {
            ILocalSymbol area = (ILocalSymbol)model.GetDeclaredSymbol(findArea.Declaration.Variables[0], ct)!;
            foreach (IdentifierNameSyntax use in SyntaxHelpers.References(body, area, model, ct))
            {
                if (use.Parent is IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } test
                    && test.WalkUpParentheses().Parent is IfStatementSyntax { Else: null } nullCheck && nullCheck.Condition.WalkDownParentheses() == test)
                {
                    removedChecks.Add(nullCheck);
                    continue;
                }
                if (use.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } eq
                    && (eq.Left.IsKind(SyntaxKind.NullLiteralExpression) || eq.Right.IsKind(SyntaxKind.NullLiteralExpression))
                    && eq.WalkUpParentheses().Parent is IfStatementSyntax { Else: null } eqCheck && eqCheck.Condition.WalkDownParentheses() == eq)
                {
                    removedChecks.Add(eqCheck);
                    continue;
                }
                return PlanResult.None("the iovm area (its sg_table) is used beyond a NULL check; coherent memory has no sg_table");
            }
        }

        Compilation c = model.Compilation;
        if (c.GetTypeByMetadataName(GenericWorldNames.DmaApi) is null || c.GetTypeByMetadataName(GenericWorldNames.Device) is not { } deviceType
            || c.GetTypeByMetadataName(GenericWorldNames.ErrValue) is null || c.GetTypeByMetadataName(GenericWorldNames.Errno) is null)
            return PlanResult.None("the project does not reference Generic.Iommu, where dma_alloc_coherent lives");

        ExpressionSyntax? dev = PortValueResolver.Resolve(model, call, deviceType, inputs.Device, MigrationOptions.DeviceExpressionKey, inputs.IsVendorType, out string devReason);
        if (dev is null)
            return PlanResult.None(devReason);
        foreach (ExpressionStatementSyntax free in vfrees)
        {
            if (removedChecks.Any(r => r.Span.Contains(free.Span)))
                continue;
            if (PortValueResolver.Resolve(model, free, deviceType, dev.ToString(), MigrationOptions.DeviceExpressionKey, inputs.IsVendorType, out _) is null)
                return PlanResult.None($"'{dev}' is not the device at the iommu_vfree on line {free.GetLocation().GetLineSpan().StartLinePosition.Line + 1}");
        }

        VariableDeclaratorSyntax vaDeclarator = daToVa.Declaration.Variables[0];
        string vaName = vaDeclarator.Identifier.ValueText;
        TypeSyntax daType = declaration.Type.WithoutTrivia();
        LocalDeclarationStatementSyntax alloc = SyntaxFactory.LocalDeclarationStatement(
            SyntaxFactory.VariableDeclaration(daToVa.Declaration.Type.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(vaName))
                    .WithInitializer(SyntaxFactory.EqualsValueClause(
                        SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxHelpers.TypeExpression(model, call.SpanStart, GenericWorldNames.DmaApi), SyntaxFactory.IdentifierName("AllocCoherent")),
                            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                            {
                                SyntaxFactory.Argument(dev),
                                SyntaxFactory.Argument(size.WithoutTrivia()),
                                SyntaxFactory.Argument(SyntaxFactory.DeclarationExpression(daType.WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(da.Name))))
                                    .WithRefKindKeyword(SyntaxFactory.Token(SyntaxKind.OutKeyword)),
                            }))))))));
        var replacement = new List<SyntaxNode> { alloc };
        if (errorTests > 0)
        {
            // dma_alloc_coherent returns NULL on failure: keep the IS_ERR_VALUE tests below meaningful (-ENOMEM, as iommu_vmalloc).
            replacement.Add(SyntaxFactory.IfStatement(
                SyntaxFactory.ParseExpression($"{vaName} == 0"),
                SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(da.Name),
                    SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxHelpers.TypeExpression(model, call.SpanStart, GenericWorldNames.ErrValue), SyntaxFactory.IdentifierName("FromErrno")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                            SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression,
                                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxHelpers.TypeExpression(model, call.SpanStart, GenericWorldNames.Errno), SyntaxFactory.IdentifierName("ENOMEM")))))))))));
        }

        var plan = new RewritePlan("rewrites the buffer (iommu_vmalloc, da_to_va, find_iovm_area, iommu_vfree) to DmaApi.AllocCoherent/FreeCoherent")
            .Replace(local, replacement.ToArray())
            .Replace(daToVa);
        if (findArea is not null)
            plan.Replace(findArea);
        foreach (IfStatementSyntax check in removedChecks)
            plan.Replace(check);
        foreach (ExpressionStatementSyntax free in vfrees.Where(f => !removedChecks.Any(r => r.Span.Contains(f.Span))))
        {
            plan.Replace(free, SyntaxFactory.ExpressionStatement(SyntaxHelpers.Call(model, call.SpanStart, GenericWorldNames.DmaApi, "FreeCoherent",
                dev, size, SyntaxFactory.IdentifierName(vaName), SyntaxFactory.IdentifierName(da.Name))));
        }
        return PlanResult.Of(plan);
    }

    // The statement around a use, on one line and shortened.
    private static string Excerpt(SyntaxNode use)
    {
        SyntaxNode statement = use.AncestorsAndSelf().FirstOrDefault(a => a is StatementSyntax) ?? use;
        string text = string.Join(" ", statement.ToString().Split(new[] { ' ', '\n', '\r', '\t' }, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }

    // The local declaration "T x = user;" directly in block, or null.
    private static LocalDeclarationStatementSyntax? OwnLocal(InvocationExpressionSyntax user, BlockSyntax block) =>
        user.WalkUpParentheses().Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax l } } }
        && l.Parent == block
            ? l
            : null;

    private static bool IsZero(SemanticModel model, ExpressionSyntax e, CancellationToken ct)
    {
        Optional<object?> v = model.GetConstantValue(e, ct);
        return v.HasValue && v.Value is int i ? i == 0 : v.HasValue && v.Value is uint u && u == 0;
    }

    // A constant, or a local/parameter never assigned after its declaration.
    private static bool IsStable(SemanticModel model, ExpressionSyntax size, SyntaxNode body, CancellationToken ct)
    {
        if (model.GetConstantValue(size, ct).HasValue)
            return true;
        if (size.WalkDownParentheses() is not IdentifierNameSyntax id || model.GetSymbolInfo(id, ct).Symbol is not (ILocalSymbol or IParameterSymbol) || model.GetSymbolInfo(id, ct).Symbol is not { } s)
            return false;
        foreach (IdentifierNameSyntax use in SyntaxHelpers.References(body, s, model, ct))
        {
            SyntaxNode? p = use.Parent;
            if (p is AssignmentExpressionSyntax a && a.Left == use || p is PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax
                || p is ArgumentSyntax arg && !arg.RefKindKeyword.IsKind(SyntaxKind.None))
                return false;
        }
        return true;
    }
}
