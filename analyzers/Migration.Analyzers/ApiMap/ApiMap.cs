using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;

namespace Migration.Analyzers.ApiMap;

/// <summary>
/// The IOMMU API map: the built-in catalog of model symbols (an embedded iommu-api-map.json) merged with the
/// entries of the project's own iommu-api-map.json files. Lookups pick the most specific entry that sets the
/// field asked for: a member entry beats a type-wide wildcard, which beats a namespace entry.
/// </summary>
public sealed class ApiMap
{
    /// <summary>The resource name of the built-in map in the analyzer assembly.</summary>
    public const string BuiltInResourceName = "Migration.Analyzers.iommu-api-map.json";

    /// <summary>The file name (or suffix: "client.iommu-api-map.json") of a user map given as AdditionalFiles.</summary>
    public const string UserMapFileName = "iommu-api-map.json";

    private static readonly Lazy<ApiMap> BuiltInMap = new(LoadBuiltIn);

    private readonly ImmutableArray<ApiMapEntry> _entries;

    /// <summary>A map of <paramref name="entries"/> (one per symbol).</summary>
    public ApiMap(IEnumerable<ApiMapEntry> entries)
    {
        if (entries is null)
            throw new ArgumentNullException(nameof(entries));
        _entries = entries.ToImmutableArray();
    }

    /// <summary>The built-in catalog.</summary>
    public static ApiMap BuiltIn => BuiltInMap.Value;

    /// <summary>Every entry.</summary>
    public ImmutableArray<ApiMapEntry> Entries => _entries;

    /// <summary>True for an AdditionalFiles path that is a user API map.</summary>
    public static bool IsUserMapPath(string path)
    {
        string name = Path.GetFileName(path ?? string.Empty);
        return string.Equals(name, UserMapFileName, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("." + UserMapFileName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>This map with <paramref name="overrides"/> applied: new symbols are added, known ones get the fields the override sets.</summary>
    public ApiMap With(IEnumerable<ApiMapEntry> overrides)
    {
        var bySymbol = new Dictionary<string, ApiMapEntry>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (ApiMapEntry e in _entries.Concat(overrides))
        {
            if (bySymbol.TryGetValue(e.Symbol, out ApiMapEntry? known))
            {
                bySymbol[e.Symbol] = known.MergedWith(e);
            }
            else
            {
                bySymbol.Add(e.Symbol, e);
                order.Add(e.Symbol);
            }
        }
        return new ApiMap(order.Select(s => bySymbol[s]));
    }

    /// <summary>The entry for exactly <paramref name="symbol"/>, or null.</summary>
    public ApiMapEntry? Get(string symbol) => _entries.FirstOrDefault(e => string.Equals(e.Symbol, symbol, StringComparison.Ordinal));

    /// <summary>
    /// The most specific entry matching <paramref name="qualifiedName"/> for which <paramref name="sets"/> is true
    /// (the entry sets the field the caller needs), or null.
    /// </summary>
    public ApiMapEntry? Find(string qualifiedName, Func<ApiMapEntry, bool> sets)
    {
        ApiMapEntry? best = null;
        int bestLength = -1;
        foreach (ApiMapEntry e in _entries)
        {
            if (!sets(e))
                continue;
            int length = e.MatchLength(qualifiedName);
            if (length > bestLength)
            {
                best = e;
                bestLength = length;
            }
        }
        return best;
    }

    /// <summary>The entry deciding the vendor-use rule of <paramref name="qualifiedName"/> (null, or one whose <see cref="ApiMapEntry.RuleId"/> may be null).</summary>
    public ApiMapEntry? FindRule(string qualifiedName) => Find(qualifiedName, static e => e.Rule is not null);

    private static ApiMap LoadBuiltIn()
    {
        using Stream? stream = typeof(ApiMap).Assembly.GetManifestResourceStream(BuiltInResourceName);
        if (stream is null)
            throw new InvalidOperationException($"the analyzer assembly lacks its resource {BuiltInResourceName}");
        using var reader = new StreamReader(stream);
        return new ApiMap(ApiMapJson.Parse(reader.ReadToEnd()));
    }
}
