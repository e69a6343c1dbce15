using System;
using System.Collections.Generic;
using System.Linq;

namespace Migration.Analyzers.ApiMap;

/// <summary>
/// Reads the API map schema: <c>{ "version": 1, "entries": [ { "symbol": "...", "rule": "IOMMU002", "kernel": "...",
/// "replacement": "...", "c": "...", "fix": "...", "noFix": "...", "role": "...", "checkResult": true, "result": "...",
/// "handle": true, "returnsHandle": true, "reference": "..." } ] }</c>. Unknown properties are errors, so a typo
/// in a user map is reported rather than silently ignored.
/// </summary>
public static class ApiMapJson
{
    /// <summary>The rule ids an entry may name (the vendor-use rules; IOMMU005-007 come from roles and flags).</summary>
    public static readonly IReadOnlyList<string> EntryRules = new[] { "IOMMU001", "IOMMU002", "IOMMU003", "IOMMU004", ApiMapEntry.NoRule };

    /// <summary>The roles an entry may have.</summary>
    public static readonly IReadOnlyList<string> Roles = new[] { "order-map", "order-unmap", "byte-map" };

    /// <summary>The code fixes an entry may name.</summary>
    public static readonly IReadOnlyList<string> Fixes = new[] { "order-to-bytes", "domain-alloc-attach", "dma-alloc-coherent", ApiMapEntry.NoRule };

    private static readonly string[] Keys =
    {
        "symbol", "rule", "kernel", "replacement", "c", "fix", "noFix", "role", "checkResult", "result", "handle", "returnsHandle", "reference", "comment",
    };

    /// <summary>The entries of the map <paramref name="json"/>; throws <see cref="ApiMapFormatException"/> naming the first problem.</summary>
    public static IReadOnlyList<ApiMapEntry> Parse(string json)
    {
        object? root;
        try
        {
            root = JsonReader.Parse(json ?? string.Empty);
        }
        catch (JsonReaderException e)
        {
            throw new ApiMapFormatException(e.Message, e.Offset);
        }

        if (root is not Dictionary<string, object?> top)
            throw new ApiMapFormatException("the map must be a JSON object with an \"entries\" array", 0);
        foreach (string key in top.Keys)
        {
            if (key != "version" && key != "entries" && key != "comment" && key != "$schema")
                throw new ApiMapFormatException($"unknown top-level property \"{key}\"", 0);
        }
        if (top.TryGetValue("version", out object? version) && !(version is double v && v == 1))
            throw new ApiMapFormatException("\"version\" must be 1", 0);
        if (!top.TryGetValue("entries", out object? entriesValue) || entriesValue is not List<object?> list)
            throw new ApiMapFormatException("the map needs an \"entries\" array", 0);

        var result = new List<ApiMapEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Count; i++)
        {
            string where = $"entries[{i}]";
            if (list[i] is not Dictionary<string, object?> o)
                throw new ApiMapFormatException($"{where} must be an object", 0);
            foreach (string key in o.Keys)
            {
                if (Array.IndexOf(Keys, key) < 0)
                    throw new ApiMapFormatException($"{where} has an unknown property \"{key}\" (known: {string.Join(", ", Keys)})", 0);
            }
            string symbol = Text(o, "symbol", where) ?? throw new ApiMapFormatException($"{where} needs a \"symbol\"", 0);
            if (symbol.Length == 0 || symbol.IndexOf('*') >= 0 && symbol.IndexOf('*') != symbol.Length - 1 || symbol.IndexOf(' ') >= 0)
                throw new ApiMapFormatException($"{where}.symbol \"{symbol}\" must be a dotted name, optionally ending in '*'", 0);
            if (!seen.Add(symbol))
                throw new ApiMapFormatException($"{where}.symbol \"{symbol}\" appears twice in the file", 0);
            var entry = new ApiMapEntry(symbol)
            {
                Rule = OneOf(o, "rule", where, EntryRules),
                Kernel = Text(o, "kernel", where),
                Replacement = Text(o, "replacement", where),
                CReplacement = Text(o, "c", where),
                Fix = OneOf(o, "fix", where, Fixes),
                NoFix = Text(o, "noFix", where),
                Role = OneOf(o, "role", where, Roles),
                CheckResult = Flag(o, "checkResult", where),
                Result = Text(o, "result", where),
                Handle = Flag(o, "handle", where),
                ReturnsHandle = Flag(o, "returnsHandle", where),
                Reference = Text(o, "reference", where),
            };
            result.Add(entry);
        }
        return result;
    }

    private static string? Text(Dictionary<string, object?> o, string key, string where)
    {
        if (!o.TryGetValue(key, out object? value) || value is null)
            return null;
        return value as string ?? throw new ApiMapFormatException($"{where}.{key} must be a string", 0);
    }

    private static bool? Flag(Dictionary<string, object?> o, string key, string where)
    {
        if (!o.TryGetValue(key, out object? value) || value is null)
            return null;
        return value as bool? ?? throw new ApiMapFormatException($"{where}.{key} must be true or false", 0);
    }

    private static string? OneOf(Dictionary<string, object?> o, string key, string where, IReadOnlyList<string> allowed)
    {
        string? value = Text(o, key, where);
        if (value is null)
            return null;
        string? known = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        return known ?? throw new ApiMapFormatException($"{where}.{key} \"{value}\" is not one of {string.Join(", ", allowed)}", 0);
    }
}
