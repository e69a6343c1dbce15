using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Migration.Analyzers.Fixes;

/// <summary>
/// IOMMU004's rewrite (generic.md §5.4): the order-based <c>core.IommuMap(d, iova, pa, order, prot)</c> becomes
/// <c>IommuApi.Map(d, iova, pa, 4096u &lt;&lt; order, prot)</c> and <c>core.IommuUnmap(d, iova, order)</c> becomes
/// <c>IommuApi.Unmap(d, iova, 4096u &lt;&lt; order)</c>. Offered only where the byte-sized call binds at that spot
/// (the domain is already a Generic.Iommu.IommuDomain) and, for unmap, where the result is discarded: 3.3's unmap
/// returns the bytes unmapped, not 0/-errno or an order.
/// </summary>
internal static class OrderToBytesPlanner
{
    /// <summary>The plan for <paramref name="call"/> to <paramref name="method"/> with role "order-map" or "order-unmap".</summary>
    public static PlanResult Plan(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol method, string role, CancellationToken ct)
    {
        bool isMap = role == "order-map";
        int orderIndex = isMap ? 3 : 2;
        int expected = isMap ? 5 : 3;
        if (method.Parameters.Length != expected || SyntaxHelpers.ArgumentsByParameter(call, method) is not { } args)
            return PlanResult.None("the call does not have the order-based signature");

        ExpressionSyntax order = args[orderIndex];
        ExpressionSyntax size;
        Optional<object?> constant = model.GetConstantValue(order, ct);
        if (constant.HasValue && constant.Value is int k)
        {
            if (k < 0 || k > 19)
                return PlanResult.None($"gfp_order {k} is not an order a driver maps (4 KiB << order)");
            size = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression,
                SyntaxFactory.Literal("0x" + (4096u << k).ToString("X", CultureInfo.InvariantCulture) + "u", 4096u << k));
        }
        else
        {
            size = SyntaxFactory.BinaryExpression(SyntaxKind.LeftShiftExpression,
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal("4096u", 4096u)),
                SyntaxHelpers.Operand(order));
        }

        InvocationExpressionSyntax replacement = isMap
            ? SyntaxHelpers.Call(model, call.SpanStart, GenericWorldNames.IommuApi, "Map", args[0], args[1], args[2], size, args[4])
            : SyntaxHelpers.Call(model, call.SpanStart, GenericWorldNames.IommuApi, "Unmap", args[0], args[1], size);

        if (!isMap && !SyntaxHelpers.IsDiscarded(call))
            return PlanResult.None("iommu_unmap now returns the bytes unmapped (size_t) and this caller reads the old result (0/-errno or an order; generic.md §5.4)");

        if (model.Compilation.GetTypeByMetadataName(GenericWorldNames.IommuApi) is null)
            return PlanResult.None("the project does not reference Generic.Iommu, where the byte-sized iommu_map lives");

        SymbolInfo bound = model.GetSpeculativeSymbolInfo(call.SpanStart, replacement, SpeculativeBindingOption.BindAsExpression);
        if (bound.Symbol is not IMethodSymbol)
        {
            ITypeSymbol? domainType = model.GetTypeInfo(args[0], ct).Type;
            return PlanResult.None($"the domain is a {domainType?.ToDisplayString() ?? "value of unknown type"}: allocate it with IommuApi.DomainAlloc(bus) first, then the rewrite applies");
        }

        string what = isMap ? "IommuApi.Map(domain, iova, paddr, 4096u << gfp_order, prot)" : "IommuApi.Unmap(domain, iova, 4096u << gfp_order)";
        return PlanResult.Of("rewrites it to " + what, () => new RewritePlan().Replace(call, replacement));
    }
}
