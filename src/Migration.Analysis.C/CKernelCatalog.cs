using Migration.Analyzers.ApiMap;

namespace Migration.Analysis.C;

/// <summary>
/// The catalog as the C front end sees it: kernel symbol → API map entry, for the entries that carry a vendor-use
/// rule (IOMMU001-IOMMU004). The byte-sized generic entries of the same kernel names (Generic.Iommu.IommuApi.Map →
/// iommu_map) carry none, so iommu_map and iommu_unmap map to their Era-A IOMMU004 entries and are reported only
/// when <see cref="OrderArgument"/> says the call passes a page order.
/// </summary>
public sealed class CKernelCatalog
{
    private readonly Dictionary<string, ApiMapEntry> _byKernel;

    /// <summary>The catalog of <paramref name="map"/>'s rule-carrying entries with a plain C function name as kernel symbol.</summary>
    public CKernelCatalog(ApiMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _byKernel = new Dictionary<string, ApiMapEntry>(StringComparer.Ordinal);
        foreach (ApiMapEntry e in map.Entries)
        {
            if (e.RuleId is null || e.Kernel is not { } kernel || !IsCIdentifier(kernel))
                continue;
            _byKernel.TryAdd(kernel, e);
        }
        Symbols = _byKernel.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The catalog of the built-in API map.</summary>
    public static CKernelCatalog BuiltIn { get; } = new(ApiMap.BuiltIn);

    /// <summary>Every kernel symbol whose call can be a finding.</summary>
    public IReadOnlySet<string> Symbols { get; }

    /// <summary>The entry of <paramref name="kernelSymbol"/>, or null.</summary>
    public ApiMapEntry? Get(string kernelSymbol) => _byKernel.GetValueOrDefault(kernelSymbol);

    /// <summary>
    /// The entry to report for <paramref name="call"/>, or null: an Era-A entry (role order-map / order-unmap) only
    /// when the call's order argument looks like an order (<see cref="OrderArgument.LooksLikeOrder"/>).
    /// </summary>
    public ApiMapEntry? EntryFor(CallSite call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (Get(call.Symbol) is not { } entry)
            return null;
        int? orderIndex = OrderArgument.IndexFor(entry.Role);
        if (orderIndex is { } i && !(call.Arguments.Count > i && OrderArgument.LooksLikeOrder(call.Arguments[i])))
            return null;
        return entry;
    }

    private static bool IsCIdentifier(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
