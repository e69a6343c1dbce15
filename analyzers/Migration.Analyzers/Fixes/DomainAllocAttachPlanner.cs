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
    /// <summary>The plan for the iommu_get <paramref name="call"/>.</summary>
    public static PlanResult Plan(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol method, PortInputs inputs, CancellationToken ct)
    {

        if (call.WalkUpParentheses().Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax local
            || local.Parent is not BlockSyntax block
            || model.GetDeclaredSymbol(declarator, ct) is not ILocalSymbol handle)
            return PlanResult.None("the handle is not kept in a local variable of its own (it flows on to other code)");

        int index = block.Statements.IndexOf(local);
        if (index + 1 >= block.Statements.Count || block.Statements[index + 1] is not IfStatementSyntax check || check.Else is not null
            || !IsErrorTest(model, check.Condition, handle, ct))
            return PlanResult.None("the iommu_get is not followed by 'if (handle.IsErr)' (or IsErrOrNull)");

        SyntaxNode? body = SyntaxHelpers.Body(call);
        if (body is null)
            return PlanResult.None("the call is not in a method body");
        var puts = new List<ExpressionStatementSyntax>();
        foreach (IdentifierNameSyntax use in SyntaxHelpers.References(body, handle, model, ct))
        {
            if (check.Condition.Span.Contains(use.Span))
                continue;
            if (check.Statement.Span.Contains(use.Span))
                return PlanResult.None("the error path reads the handle (its ERR_PTR value has no counterpart after the port)");
            if (use.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax put } }
                && put.Parent is ExpressionStatementSyntax putStatement
                && model.GetSymbolInfo(put, ct).Symbol is IMethodSymbol putMethod
                && putMethod.Name == "Put" && SymbolEqualityComparer.Default.Equals(putMethod.ContainingType, method.ContainingType)
                && SyntaxHelpers.Body(put) == body)
            {
                puts.Add(putStatement);
                continue;
            }
            return PlanResult.None($"the handle is used beyond get/check/put (at '{use.Parent}'): port those calls first");
        }

        Compilation c = model.Compilation;
        if (c.GetTypeByMetadataName(GenericWorldNames.IommuApi) is null || c.GetTypeByMetadataName(GenericWorldNames.BusType) is not { } busType
            || c.GetTypeByMetadataName(GenericWorldNames.Device) is not { } deviceType)
            return PlanResult.None("the project does not reference Generic.Iommu, where iommu_domain_alloc/iommu_attach_device live");

        ExpressionSyntax? bus = PortValueResolver.Resolve(model, call, busType, inputs.Bus, MigrationOptions.BusExpressionKey, inputs.IsVendorType, out string busReason);
        if (bus is null)
            return PlanResult.None(busReason);
        ExpressionSyntax? dev = PortValueResolver.Resolve(model, call, deviceType, inputs.Device, MigrationOptions.DeviceExpressionKey, inputs.IsVendorType, out string devReason);
        if (dev is null)
            return PlanResult.None(devReason);
        foreach (ExpressionStatementSyntax put in puts)
        {
            if (PortValueResolver.Resolve(model, put, deviceType, dev.ToString(), MigrationOptions.DeviceExpressionKey, inputs.IsVendorType, out _) is null)
                return PlanResult.None($"'{dev}' is not the device at the iommu_put on line {put.GetLocation().GetLineSpan().StartLinePosition.Line + 1}");
        }

        bool nullable = model.GetNullableContext(call.SpanStart).AnnotationsEnabled();
        string name = handle.Name;
        TypeSyntax domainType = SyntaxHelpers.TypeName(model, call.SpanStart, GenericWorldNames.IommuDomain);
        if (nullable)
            domainType = SyntaxFactory.NullableType(domainType);

        LocalDeclarationStatementSyntax newLocal = local.WithDeclaration(
            declaration.WithType(domainType.WithTriviaFrom(declaration.Type))
                .WithVariables(SyntaxFactory.SingletonSeparatedList(declarator.WithInitializer(
                    declarator.Initializer!.WithValue(SyntaxHelpers.Call(model, call.SpanStart, GenericWorldNames.IommuApi, "DomainAlloc", bus))))));

        IdentifierNameSyntax id = SyntaxFactory.IdentifierName(name);
        ExpressionSyntax isNull = SyntaxFactory.ParseExpression($"{name} is null");
        ExpressionSyntax attachFails = SyntaxFactory.BinaryExpression(SyntaxKind.NotEqualsExpression,
            SyntaxHelpers.Call(model, call.SpanStart, GenericWorldNames.IommuApi, "AttachDevice", id, dev),
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0)));
        StatementSyntax freeOnFailure = SyntaxFactory.ParseStatement($"if ({name} is not null) {{ }}") is IfStatementSyntax freeIf
            ? freeIf.WithStatement(SyntaxFactory.Block(
                SyntaxFactory.ExpressionStatement(SyntaxHelpers.Call(model, call.SpanStart, GenericWorldNames.IommuApi, "DomainFree", id)),
                SyntaxFactory.ParseStatement($"{name} = null;")))
            : throw new System.InvalidOperationException();
        IEnumerable<StatementSyntax> leave = check.Statement is BlockSyntax lb ? lb.Statements : new[] { check.Statement };
        IfStatementSyntax newCheck = check
            .WithCondition(SyntaxFactory.BinaryExpression(SyntaxKind.LogicalOrExpression, isNull, attachFails))
            .WithStatement(SyntaxFactory.Block(new[] { freeOnFailure }.Concat(leave.Select(s => s.WithoutLeadingTrivia().WithoutTrailingTrivia()))));

        var plan = new RewritePlan("rewrites it to IommuApi.DomainAlloc(bus) + IommuApi.AttachDevice(domain, dev), and its iommu_put to detach + free")
            .Replace(local, newLocal)
            .Replace(check, newCheck);
        foreach (ExpressionStatementSyntax put in puts)
        {
            StatementSyntax detachFree = ((IfStatementSyntax)SyntaxFactory.ParseStatement($"if ({name} is not null) {{ }}"))
                .WithStatement(SyntaxFactory.Block(
                    SyntaxFactory.ExpressionStatement(SyntaxHelpers.Call(model, call.SpanStart, GenericWorldNames.IommuApi, "DetachDevice", id, dev)),
                    SyntaxFactory.ExpressionStatement(SyntaxHelpers.Call(model, call.SpanStart, GenericWorldNames.IommuApi, "DomainFree", id))));
            plan.Replace(put, detachFree);
        }
        return PlanResult.Of(plan);
    }

    // handle.IsErr or handle.IsErrOrNull.
    private static bool IsErrorTest(SemanticModel model, ExpressionSyntax condition, ILocalSymbol handle, CancellationToken ct) =>
        condition.WalkDownParentheses() is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsErr" or "IsErrOrNull" } m
        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(m.Expression, ct).Symbol, handle);
}
