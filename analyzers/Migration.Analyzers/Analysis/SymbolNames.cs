using System.Text;
using Microsoft.CodeAnalysis;

namespace Migration.Analyzers.Analysis;

/// <summary>
/// The dotted names the API map uses: "Legacy.Omap.Iovmm.Vmalloc" for a member (overloads share it),
/// "Legacy.Omap.OmapIommu" for a type (generic arity dropped, nested types joined with '.'), "Legacy.Omap" for a
/// namespace, "Legacy.Omap.OmapIommu..ctor" for a constructor.
/// </summary>
internal static class SymbolNames
{
    /// <summary>The map name of <paramref name="symbol"/> (the original definition of a generic or reduced extension method).</summary>
    public static string Of(ISymbol symbol)
    {
        if (symbol is IMethodSymbol { ReducedFrom: { } reduced })
            symbol = reduced;
        symbol = symbol.OriginalDefinition;
        switch (symbol)
        {
            case INamespaceSymbol ns:
                return ns.IsGlobalNamespace ? string.Empty : ns.ToDisplayString();
            case ITypeSymbol type:
                return TypeName(type);
            default:
                return symbol.ContainingType is null ? symbol.Name : TypeName(symbol.ContainingType) + "." + symbol.MetadataName;
        }
    }

    /// <summary>The dotted name of the namespace containing <paramref name="symbol"/> ("" for the global namespace).</summary>
    public static string NamespaceOf(ISymbol symbol)
    {
        INamespaceSymbol? ns = symbol as INamespaceSymbol ?? symbol.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? string.Empty : ns.ToDisplayString();
    }

    /// <summary>True when namespace <paramref name="inner"/> is <paramref name="outer"/> or lies inside it.</summary>
    public static bool IsWithin(string inner, string outer) =>
        outer.Length != 0 && (inner == outer || (inner.Length > outer.Length && inner[outer.Length] == '.' && inner.StartsWith(outer, System.StringComparison.Ordinal)));

    private static string TypeName(ITypeSymbol type)
    {
        var sb = new StringBuilder(type.Name);
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            sb.Insert(0, outer.Name + ".");
        string ns = NamespaceOf(type);
        return ns.Length == 0 ? sb.ToString() : ns + "." + sb;
    }
}
