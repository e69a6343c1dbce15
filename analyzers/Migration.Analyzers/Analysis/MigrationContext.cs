using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Migration.Analyzers.ApiMap;

namespace Migration.Analyzers.Analysis;

/// <summary>What every analyzer needs for one compilation: the API map (built-in + the project's own map files).</summary>
internal sealed class MigrationContext
{
    private readonly ConcurrentDictionary<string, bool> _vendorTypes = new(StringComparer.Ordinal);

    private MigrationContext(ApiMap.ApiMap map) => Map = map;

    /// <summary>The effective API map.</summary>
    public ApiMap.ApiMap Map { get; }

    /// <summary>True for a type the map treats as vendor API: a handle type, or a type with vendor-rule members.</summary>
    public bool IsVendorType(ITypeSymbol type)
    {
        string name = SymbolNames.Of(type);
        return _vendorTypes.GetOrAdd(name, n => Map.Entries.Any(e => (e.RuleId is not null || e.Handle == true)
            && (e.Prefix == n || e.Prefix.StartsWith(n + ".", StringComparison.Ordinal))));
    }

    /// <summary>
    /// The context for a compilation analysed with <paramref name="options"/>: the built-in map overridden by every
    /// AdditionalFiles iommu-api-map.json in path order. A file that cannot be read is skipped here (IOMMU000 reports it).
    /// </summary>
    public static MigrationContext Create(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var user = new List<ApiMapEntry>();
        foreach (AdditionalText file in options.AdditionalFiles.Where(f => ApiMap.ApiMap.IsUserMapPath(f.Path)).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            SourceText? text = file.GetText(cancellationToken);
            if (text is null)
                continue;
            try
            {
                user.AddRange(ApiMapJson.Parse(text.ToString()));
            }
            catch (ApiMapFormatException)
            {
                // Reported by ApiMapFileAnalyzer at the file; the other files still apply.
            }
        }
        return new MigrationContext(user.Count == 0 ? ApiMap.ApiMap.BuiltIn : ApiMap.ApiMap.BuiltIn.With(user));
    }

    /// <summary>The API map's symbol for <paramref name="symbol"/>, or null for a local, parameter, label or alias.</summary>
    public static string? NameOf(ISymbol? symbol) => symbol switch
    {
        null => null,
        ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or IAliasSymbol or IDiscardSymbol => null,
        _ => SymbolNames.Of(symbol),
    };

    /// <summary>
    /// True when <paramref name="site"/> lies in the namespace of the API <paramref name="symbol"/> belongs to: the
    /// vendor's (or the framework's) own implementation, not client code.
    /// </summary>
    public static bool IsOwnImplementation(SemanticModel model, SyntaxNode site, ISymbol symbol)
    {
        ISymbol? enclosing = model.GetEnclosingSymbol(site.SpanStart);
        string siteNs = enclosing is null ? string.Empty : SymbolNames.NamespaceOf(enclosing);
        return SymbolNames.IsWithin(siteNs, SymbolNames.NamespaceOf(symbol));
    }
}
