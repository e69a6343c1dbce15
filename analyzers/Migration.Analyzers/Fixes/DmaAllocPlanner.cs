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
    private const string Description = "rewrites the buffer (iommu_vmalloc, da_to_va, find_iovm_area, iommu_vfree) to DmaApi.AllocCoherent/FreeCoherent";

    /// <summary>The plan for the iommu_vmalloc <paramref name="call"/>.</summary>
    public static PlanResult Plan(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol vmalloc, PortInputs inputs, CancellationToken ct)
    {
        if (CheckArguments(model, call, vmalloc, ct, out ExpressionSyntax[]? args) is { } badCall)
            return PlanResult.None(badCall);
        if (FindBuffer(model, call, args![0], args[2], ct, out Buffer? buffer) is { } noBuffer)
            return PlanResult.None(noBuffer);
        string? reason = CollectAddressUses(model, vmalloc, buffer!, ct)
            ?? CollectAreaNullChecks(model, buffer!, ct)
            ?? ResolveDevice(model, call, inputs, buffer!);
        return reason is not null ? PlanResult.None(reason) : PlanResult.Of(Description, () => Rewrite(model, call.SpanStart, buffer!));
    }

    // The handle, device address, size and flags of an anonymous iommu_vmalloc with flags 0, or why it cannot be ported.
    private static string? CheckArguments(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol vmalloc, CancellationToken ct, out ExpressionSyntax[]? args)
    {
        args = vmalloc.Parameters.Length == 4 ? SyntaxHelpers.ArgumentsByParameter(call, vmalloc) : null;
        if (args is null)
            return "the call does not have iommu_vmalloc's signature";
        if (!IsZero(model, args[1], ct))
            return "the buffer is placed at a given device address, which dma_alloc_coherent cannot do";
        if (!IsZero(model, args[3], ct))
            return "the IOVMF flags (endianness, element size) have no DMA-API counterpart";
        return null;
    }

    // The local that keeps the device address ("T da = Iovmm.Vmalloc(...);" alone in a block) and the method body, or why there is none.
    private static string? FindBuffer(SemanticModel model, InvocationExpressionSyntax call, ExpressionSyntax handle, ExpressionSyntax size, CancellationToken ct, out Buffer? buffer)
    {
        buffer = null;
        if (call.WalkUpParentheses().Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax local
            || local.Parent is not BlockSyntax block
            || model.GetDeclaredSymbol(declarator, ct) is not ILocalSymbol da)
            return "the device address is not kept in a local variable of its own";
        SyntaxNode? body = SyntaxHelpers.Body(call);
        if (body is null)
            return "the call is not in a method body";
        if (!IsStable(model, size, body, ct))
            return "the size is not a constant or an unchanging local/parameter, and dma_free_coherent needs it again";
        buffer = new Buffer(handle, size, local, block, body, da);
        return null;
    }

    // Every use of the device address: da_to_va, find_iovm_area, iommu_vfree on the same handle, IS_ERR_VALUE; anything else is an escape.
    private static string? CollectAddressUses(SemanticModel model, IMethodSymbol vmalloc, Buffer buffer, CancellationToken ct)
    {
        foreach (IdentifierNameSyntax use in SyntaxHelpers.References(buffer.Body, buffer.Da, model, ct))
        {
            string? reason = ClassifyAddressUse(model, vmalloc, buffer, use, ct);
            if (reason is not null)
                return reason;
        }
        if (buffer.DaToVa is null)
            return "no da_to_va in the same block gives the buffer's CPU address";
        if (buffer.DaToVa.SpanStart < buffer.Local.SpanStart)
            return "da_to_va comes before the allocation";
        return null;
    }

    // Records one use of the device address in buffer, or says why it stops the rewrite.
    private static string? ClassifyAddressUse(SemanticModel model, IMethodSymbol vmalloc, Buffer buffer, IdentifierNameSyntax use, CancellationToken ct)
    {
        if (use.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax user } } arg
            || model.GetSymbolInfo(user, ct).Symbol is not IMethodSymbol m)
            return Escape(use);
        bool sameType = SymbolEqualityComparer.Default.Equals(m.ContainingType, vmalloc.ContainingType);
        bool onSameHandle = user.ArgumentList.Arguments.Count == 2 && user.ArgumentList.Arguments[1] == arg
            && SyntaxFactory.AreEquivalent(user.ArgumentList.Arguments[0].Expression, buffer.Handle);
        if (sameType && onSameHandle && m.Name is "DaToVa" or "FindIovmArea" && OwnLocal(user, buffer.Block) is { } holder)
            return RecordLookup(buffer, m.Name, holder);
        if (sameType && onSameHandle && m.Name == "Vfree" && user.Parent is ExpressionStatementSyntax free
            && SyntaxHelpers.Body(free) == buffer.Body && free.SpanStart > buffer.Local.Span.End && buffer.Block.Span.Contains(free.Span))
        {
            buffer.Vfrees.Add(free);
            return null;
        }
        if (m.Name == "IsErrValue" && m.ContainingType.ToDisplayString() == GenericWorldNames.ErrValue)
        {
            buffer.ErrorTests++;
            return null;
        }
        if (sameType && !onSameHandle && user.ArgumentList.Arguments.Count == 2)
            return $"the buffer is also reached through another handle expression ('{user.ArgumentList.Arguments[0].Expression}' besides '{buffer.Handle}')";
        return Escape(use);
    }

    private static string Escape(IdentifierNameSyntax use) =>
        $"the device address escapes in '{Excerpt(use)}' (a copy may be freed where the size and CPU address are unknown)";

    // Records the local that holds da_to_va's or find_iovm_area's result; each may appear once.
    private static string? RecordLookup(Buffer buffer, string method, LocalDeclarationStatementSyntax holder)
    {
        if (method == "DaToVa")
        {
            if (buffer.DaToVa is not null)
                return "da_to_va is called twice on the buffer";
            buffer.DaToVa = holder;
        }
        else
        {
            if (buffer.FindArea is not null)
                return "find_iovm_area is called twice on the buffer";
            buffer.FindArea = holder;
        }
        return null;
    }

    // The if statements that only NULL-check find_iovm_area's result (removed with it); any other use of the area stops the rewrite.
    private static string? CollectAreaNullChecks(SemanticModel model, Buffer buffer, CancellationToken ct)
    {
        if (buffer.FindArea is null)
            return null;
        ILocalSymbol area = (ILocalSymbol)model.GetDeclaredSymbol(buffer.FindArea.Declaration.Variables[0], ct)!;
        foreach (IdentifierNameSyntax use in SyntaxHelpers.References(buffer.Body, area, model, ct))
        {
            if (NullCheckOf(use) is not { } check)
                return "the iovm area (its sg_table) is used beyond a NULL check; coherent memory has no sg_table";
            buffer.RemovedChecks.Add(check);
        }
        return null;
    }

    // The "if (x is null)" or "if (x == null)" without else whose whole condition tests use, or null.
    private static IfStatementSyntax? NullCheckOf(IdentifierNameSyntax use)
    {
        if (use.Parent is IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } test
            && test.WalkUpParentheses().Parent is IfStatementSyntax { Else: null } nullCheck && nullCheck.Condition.WalkDownParentheses() == test)
            return nullCheck;
        if (use.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } eq
            && (eq.Left.IsKind(SyntaxKind.NullLiteralExpression) || eq.Right.IsKind(SyntaxKind.NullLiteralExpression))
            && eq.WalkUpParentheses().Parent is IfStatementSyntax { Else: null } eqCheck && eqCheck.Condition.WalkDownParentheses() == eq)
            return eqCheck;
        return null;
    }

    // The client device for dma_alloc_coherent, which must also be the device at every iommu_vfree that stays.
    private static string? ResolveDevice(SemanticModel model, InvocationExpressionSyntax call, PortInputs inputs, Buffer buffer)
    {
        Compilation c = model.Compilation;
        if (c.GetTypeByMetadataName(GenericWorldNames.DmaApi) is null || c.GetTypeByMetadataName(GenericWorldNames.Device) is not { } deviceType
            || c.GetTypeByMetadataName(GenericWorldNames.ErrValue) is null || c.GetTypeByMetadataName(GenericWorldNames.Errno) is null)
            return "the project does not reference Generic.Iommu, where dma_alloc_coherent lives";
        ExpressionSyntax? dev = PortValueResolver.Resolve(model, call, deviceType, inputs.Device, MigrationOptions.DeviceExpressionKey, inputs.IsVendorType, out string devReason);
        if (dev is null)
            return devReason;
        foreach (ExpressionStatementSyntax free in buffer.KeptVfrees())
        {
            if (PortValueResolver.Resolve(model, free, deviceType, dev.ToString(), MigrationOptions.DeviceExpressionKey, inputs.IsVendorType, out _) is null)
                return $"'{dev}' is not the device at the iommu_vfree on line {free.GetLocation().GetLineSpan().StartLinePosition.Line + 1}";
        }
        buffer.Device = dev;
        return null;
    }

    // The edits: the allocation (and its NULL-to-ERR_VALUE bridge), the lookups and NULL checks removed, each vfree a free_coherent.
    private static RewritePlan Rewrite(SemanticModel model, int position, Buffer buffer)
    {
        string vaName = buffer.DaToVa!.Declaration.Variables[0].Identifier.ValueText;
        var replacement = new List<SyntaxNode> { AllocCoherent(model, position, buffer, vaName) };
        if (buffer.ErrorTests > 0)
            replacement.Add(NullToErrValue(model, position, vaName, buffer.Da.Name));
        var plan = new RewritePlan()
            .Replace(buffer.Local, replacement.ToArray())
            .Replace(buffer.DaToVa);
        if (buffer.FindArea is not null)
            plan.Replace(buffer.FindArea);
        foreach (IfStatementSyntax check in buffer.RemovedChecks)
            plan.Replace(check);
        foreach (ExpressionStatementSyntax free in buffer.KeptVfrees())
        {
            plan.Replace(free, SyntaxFactory.ExpressionStatement(SyntaxHelpers.Call(model, position, GenericWorldNames.DmaApi, "FreeCoherent",
                buffer.Device!, buffer.Size, SyntaxFactory.IdentifierName(vaName), SyntaxFactory.IdentifierName(buffer.Da.Name))));
        }
        return plan;
    }

    // "TVa va = DmaApi.AllocCoherent(dev, size, out TDa da);"
    private static LocalDeclarationStatementSyntax AllocCoherent(SemanticModel model, int position, Buffer buffer, string vaName)
    {
        TypeSyntax daType = buffer.Local.Declaration.Type.WithoutTrivia();
        InvocationExpressionSyntax alloc = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxHelpers.TypeExpression(model, position, GenericWorldNames.DmaApi), SyntaxFactory.IdentifierName("AllocCoherent")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(buffer.Device!),
                SyntaxFactory.Argument(buffer.Size.WithoutTrivia()),
                SyntaxFactory.Argument(SyntaxFactory.DeclarationExpression(daType.WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(buffer.Da.Name))))
                    .WithRefKindKeyword(SyntaxFactory.Token(SyntaxKind.OutKeyword)),
            })));
        return SyntaxFactory.LocalDeclarationStatement(
            SyntaxFactory.VariableDeclaration(buffer.DaToVa!.Declaration.Type.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(vaName))
                    .WithInitializer(SyntaxFactory.EqualsValueClause(alloc)))));
    }

    // dma_alloc_coherent returns NULL on failure: keep the IS_ERR_VALUE tests below meaningful (-ENOMEM, as iommu_vmalloc).
    // "if (va == 0) da = ErrValue.FromErrno(-Errno.ENOMEM);"
    private static IfStatementSyntax NullToErrValue(SemanticModel model, int position, string vaName, string daName) =>
        SyntaxFactory.IfStatement(
            SyntaxFactory.ParseExpression($"{vaName} == 0"),
            SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(daName),
                SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxHelpers.TypeExpression(model, position, GenericWorldNames.ErrValue), SyntaxFactory.IdentifierName("FromErrno")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                        SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression,
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxHelpers.TypeExpression(model, position, GenericWorldNames.Errno), SyntaxFactory.IdentifierName("ENOMEM"))))))))));

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

    // What the checks learn about one buffer, in the order Plan finds it; Rewrite turns it into edits.
    private sealed class Buffer(ExpressionSyntax handle, ExpressionSyntax size, LocalDeclarationStatementSyntax local, BlockSyntax block, SyntaxNode body, ILocalSymbol da)
    {
        public ExpressionSyntax Handle { get; } = handle;
        public ExpressionSyntax Size { get; } = size;
        public LocalDeclarationStatementSyntax Local { get; } = local;
        public BlockSyntax Block { get; } = block;
        public SyntaxNode Body { get; } = body;
        public ILocalSymbol Da { get; } = da;
        public LocalDeclarationStatementSyntax? DaToVa { get; set; }
        public LocalDeclarationStatementSyntax? FindArea { get; set; }
        public List<ExpressionStatementSyntax> Vfrees { get; } = new();
        public List<IfStatementSyntax> RemovedChecks { get; } = new();
        public int ErrorTests { get; set; }
        public ExpressionSyntax? Device { get; set; }

        // The iommu_vfree statements not inside a removed NULL check (those go with the check).
        public IEnumerable<ExpressionStatementSyntax> KeptVfrees() => Vfrees.Where(f => !RemovedChecks.Any(r => r.Span.Contains(f.Span)));
    }
}
