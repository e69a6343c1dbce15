using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Migration.Analyzers.Analysis;

namespace Migration.Analyzers.Fixes;

/// <summary>
/// IOMMU001's rewrite of iommu_get (omap.md §7.7, the 3.2/3.3 isp_probe): a handle that is only got, checked and
/// put becomes a domain that is allocated on the bus and attached to the client device, and each
/// <c>OmapIommu.Put(handle)</c> a detach + free. Shape:
/// <code>
/// var obj = OmapIommu.Get(driver, "isp");
/// if (obj.IsErr) { …leave without using obj… }
/// …
/// OmapIommu.Put(obj);
/// </code>
/// becomes
/// <code>
/// IommuDomain? obj = IommuApi.DomainAlloc(bus);
/// if (obj is null || IommuApi.AttachDevice(obj, dev) != 0) { if (obj is not null) { IommuApi.DomainFree(obj); obj = null; } …leave… }
/// …
/// if (obj is not null) { IommuApi.DetachDevice(obj, dev); IommuApi.DomainFree(obj); }
/// </code>
/// Any other use of the handle (an iovmm call, a field) makes the rewrite unsafe: those calls need the port first.
/// </summary>
internal static class DomainAllocAttachPlanner
{
    private const string Description = "rewrites it to IommuApi.DomainAlloc(bus) + IommuApi.AttachDevice(domain, dev), and its iommu_put to detach + free";

    /// <summary>The plan for the iommu_get <paramref name="call"/>.</summary>
    public static PlanResult Plan(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol method, PortInputs inputs, CancellationToken ct)
    {
        if (FindHandle(model, call, ct, out Handle? handle) is { } noHandle)
            return PlanResult.None(noHandle);
        string? reason = CollectPuts(model, method, handle!, ct) ?? ResolveBusAndDevice(model, call, inputs, handle!);
        return reason is not null ? PlanResult.None(reason) : PlanResult.Of(Description, () => Rewrite(model, call.SpanStart, handle!));
    }

    // The local that keeps the handle ("var obj = OmapIommu.Get(...);" alone in a block) and the error test after it, or why there is none.
    private static string? FindHandle(SemanticModel model, InvocationExpressionSyntax call, CancellationToken ct, out Handle? handle)
    {
        handle = null;
        if (call.WalkUpParentheses().Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax local
            || local.Parent is not BlockSyntax block
            || model.GetDeclaredSymbol(declarator, ct) is not ILocalSymbol symbol)
            return "the handle is not kept in a local variable of its own (it flows on to other code)";
        int index = block.Statements.IndexOf(local);
        if (index + 1 >= block.Statements.Count || block.Statements[index + 1] is not IfStatementSyntax check || check.Else is not null
            || !IsErrorTest(model, check.Condition, symbol, ct))
            return "the iommu_get is not followed by 'if (handle.IsErr)' (or IsErrOrNull)";
        SyntaxNode? body = SyntaxHelpers.Body(call);
        if (body is null)
            return "the call is not in a method body";
        handle = new Handle(local, declarator, check, body, symbol);
        return null;
    }

    // The iommu_put statements of the handle; any other use (beyond the error test's condition) stops the rewrite.
    private static string? CollectPuts(SemanticModel model, IMethodSymbol get, Handle handle, CancellationToken ct)
    {
        foreach (IdentifierNameSyntax use in SyntaxHelpers.References(handle.Body, handle.Symbol, model, ct))
        {
            if (handle.Check.Condition.Span.Contains(use.Span))
                continue;
            if (handle.Check.Statement.Span.Contains(use.Span))
                return "the error path reads the handle (its ERR_PTR value has no counterpart after the port)";
            if (PutOf(model, get, handle.Body, use, ct) is not { } put)
                return $"the handle is used beyond get/check/put (at '{use.Parent}'): port those calls first";
            handle.Puts.Add(put);
        }
        return null;
    }

    // The statement "OmapIommu.Put(handle);" in the same body that use is the argument of, or null.
    private static ExpressionStatementSyntax? PutOf(SemanticModel model, IMethodSymbol get, SyntaxNode body, IdentifierNameSyntax use, CancellationToken ct) =>
        use.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax put } }
        && put.Parent is ExpressionStatementSyntax putStatement
        && model.GetSymbolInfo(put, ct).Symbol is IMethodSymbol putMethod
        && putMethod.Name == "Put" && SymbolEqualityComparer.Default.Equals(putMethod.ContainingType, get.ContainingType)
        && SyntaxHelpers.Body(put) == body
            ? putStatement
            : null;

    // The bus for iommu_domain_alloc and the client device for the attach, which must also be the device at every put.
    private static string? ResolveBusAndDevice(SemanticModel model, InvocationExpressionSyntax call, PortInputs inputs, Handle handle)
    {
        Compilation c = model.Compilation;
        if (c.GetTypeByMetadataName(GenericWorldNames.IommuApi) is null || c.GetTypeByMetadataName(GenericWorldNames.BusType) is not { } busType
            || c.GetTypeByMetadataName(GenericWorldNames.Device) is not { } deviceType)
            return "the project does not reference Generic.Iommu, where iommu_domain_alloc/iommu_attach_device live";
        handle.Bus = PortValueResolver.Resolve(model, call, busType, inputs.Bus, MigrationOptions.BusExpressionKey, inputs.IsVendorType, out string busReason);
        if (handle.Bus is null)
            return busReason;
        ExpressionSyntax? dev = PortValueResolver.Resolve(model, call, deviceType, inputs.Device, MigrationOptions.DeviceExpressionKey, inputs.IsVendorType, out string devReason);
        if (dev is null)
            return devReason;
        foreach (ExpressionStatementSyntax put in handle.Puts)
        {
            if (PortValueResolver.Resolve(model, put, deviceType, dev.ToString(), MigrationOptions.DeviceExpressionKey, inputs.IsVendorType, out _) is null)
                return $"'{dev}' is not the device at the iommu_put on line {put.GetLocation().GetLineSpan().StartLinePosition.Line + 1}";
        }
        handle.Device = dev;
        return null;
    }

    // The edits: the get becomes a domain alloc, the error test also attaches (freeing on failure), each put a detach + free.
    private static RewritePlan Rewrite(SemanticModel model, int position, Handle handle)
    {
        var plan = new RewritePlan()
            .Replace(handle.Local, DomainAlloc(model, position, handle))
            .Replace(handle.Check, AttachOrLeave(model, position, handle));
        IdentifierNameSyntax id = SyntaxFactory.IdentifierName(handle.Symbol.Name);
        foreach (ExpressionStatementSyntax put in handle.Puts)
        {
            StatementSyntax detachFree = IfNotNull(handle.Symbol.Name,
                SyntaxFactory.ExpressionStatement(SyntaxHelpers.Call(model, position, GenericWorldNames.IommuApi, "DetachDevice", id, handle.Device!)),
                SyntaxFactory.ExpressionStatement(SyntaxHelpers.Call(model, position, GenericWorldNames.IommuApi, "DomainFree", id)));
            plan.Replace(put, detachFree);
        }
        return plan;
    }

    // "IommuDomain? obj = IommuApi.DomainAlloc(bus);" (no '?' where nullable annotations are off).
    private static LocalDeclarationStatementSyntax DomainAlloc(SemanticModel model, int position, Handle handle)
    {
        TypeSyntax domainType = SyntaxHelpers.TypeName(model, position, GenericWorldNames.IommuDomain);
        if (model.GetNullableContext(position).AnnotationsEnabled())
            domainType = SyntaxFactory.NullableType(domainType);
        VariableDeclarationSyntax declaration = handle.Local.Declaration;
        return handle.Local.WithDeclaration(
            declaration.WithType(domainType.WithTriviaFrom(declaration.Type))
                .WithVariables(SyntaxFactory.SingletonSeparatedList(handle.Declarator.WithInitializer(
                    handle.Declarator.Initializer!.WithValue(SyntaxHelpers.Call(model, position, GenericWorldNames.IommuApi, "DomainAlloc", handle.Bus!))))));
    }

    // "if (obj is null || IommuApi.AttachDevice(obj, dev) != 0) { if (obj is not null) { IommuApi.DomainFree(obj); obj = null; } …leave… }"
    private static IfStatementSyntax AttachOrLeave(SemanticModel model, int position, Handle handle)
    {
        string name = handle.Symbol.Name;
        IdentifierNameSyntax id = SyntaxFactory.IdentifierName(name);
        ExpressionSyntax isNull = SyntaxFactory.ParseExpression($"{name} is null");
        ExpressionSyntax attachFails = SyntaxFactory.BinaryExpression(SyntaxKind.NotEqualsExpression,
            SyntaxHelpers.Call(model, position, GenericWorldNames.IommuApi, "AttachDevice", id, handle.Device!),
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0)));
        StatementSyntax freeOnFailure = IfNotNull(name,
            SyntaxFactory.ExpressionStatement(SyntaxHelpers.Call(model, position, GenericWorldNames.IommuApi, "DomainFree", id)),
            SyntaxFactory.ParseStatement($"{name} = null;"));
        IEnumerable<StatementSyntax> leave = handle.Check.Statement is BlockSyntax lb ? lb.Statements : new[] { handle.Check.Statement };
        return handle.Check
            .WithCondition(SyntaxFactory.BinaryExpression(SyntaxKind.LogicalOrExpression, isNull, attachFails))
            .WithStatement(SyntaxFactory.Block(new[] { freeOnFailure }.Concat(leave.Select(s => s.WithoutLeadingTrivia().WithoutTrailingTrivia()))));
    }

    // "if (name is not null) { statements }"
    private static IfStatementSyntax IfNotNull(string name, params StatementSyntax[] statements) =>
        ((IfStatementSyntax)SyntaxFactory.ParseStatement($"if ({name} is not null) {{ }}")).WithStatement(SyntaxFactory.Block(statements));

    // handle.IsErr or handle.IsErrOrNull.
    private static bool IsErrorTest(SemanticModel model, ExpressionSyntax condition, ILocalSymbol handle, CancellationToken ct) =>
        condition.WalkDownParentheses() is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsErr" or "IsErrOrNull" } m
        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(m.Expression, ct).Symbol, handle);

    // What the checks learn about one handle, in the order Plan finds it; Rewrite turns it into edits.
    private sealed class Handle(LocalDeclarationStatementSyntax local, VariableDeclaratorSyntax declarator, IfStatementSyntax check, SyntaxNode body, ILocalSymbol symbol)
    {
        public LocalDeclarationStatementSyntax Local { get; } = local;
        public VariableDeclaratorSyntax Declarator { get; } = declarator;
        public IfStatementSyntax Check { get; } = check;
        public SyntaxNode Body { get; } = body;
        public ILocalSymbol Symbol { get; } = symbol;
        public List<ExpressionStatementSyntax> Puts { get; } = new();
        public ExpressionSyntax? Bus { get; set; }
        public ExpressionSyntax? Device { get; set; }
    }
}
