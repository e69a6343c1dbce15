using System.Text.RegularExpressions;

namespace Migration.Analysis.C.Fix;

/// <summary>
/// How `migrate fix` turns a 3.0 OMAP handle (<c>struct iommu *</c>) into the (domain, device) pair 3.3's omap-iovmm
/// takes (omap.md §7.2, §7.7): an expression given with `--handle` maps as given; otherwise a handle written
/// <c>X-&gt;iommu</c> or <c>X.iommu</c> becomes <c>X-&gt;domain</c> and <c>X-&gt;dev</c> with the same operator (omap3isp's
/// <c>isp-&gt;iommu</c> becomes <c>isp-&gt;domain</c>, <c>isp-&gt;dev</c>, which 3.3's omap3isp passes). Any other shape
/// (a local, a cast, a call) is not guessed.
/// </summary>
public sealed partial class HandleMapping
{
    private readonly Dictionary<string, HandleOverride> _overrides;

    /// <summary>The mapping with <paramref name="overrides"/> (the later of two for the same expression wins).</summary>
    public HandleMapping(IEnumerable<HandleOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        _overrides = new Dictionary<string, HandleOverride>(StringComparer.Ordinal);
        foreach (HandleOverride o in overrides)
            _overrides[HandleOverride.Normalize(o.Expression)] = o;
    }

    /// <summary>The default rule only.</summary>
    public static HandleMapping Default { get; } = new([]);

    // X->iommu / X.iommu where X is a name, a parenthesised name (a macro parameter) or a member/index chain of one.
    [GeneratedRegex(@"^(?<base>(\(\s*[A-Za-z_]\w*\s*\)|[A-Za-z_]\w*)(\s*(->|\.)\s*[A-Za-z_]\w*|\s*\[[^\[\]]*\])*)\s*(?<op>->|\.)\s*iommu$")]
    private static partial Regex MemberIommu();

    /// <summary>
    /// The (domain, device) for the handle written <paramref name="handle"/>, or null with <paramref name="reason"/>.
    /// <paramref name="byDefault"/> is true when the default rule (not an override) gave it: the struct holding the
    /// handle then needs the two new fields, which the summary lists as a manual step.
    /// </summary>
    public (string Domain, string Device)? Map(string handle, out string? reason, out bool byDefault)
    {
        ArgumentNullException.ThrowIfNull(handle);
        reason = null;
        byDefault = false;
        if (_overrides.TryGetValue(HandleOverride.Normalize(handle), out HandleOverride? o))
            return (o.Domain, o.Device);
        Match m = MemberIommu().Match(handle.Trim());
        if (!m.Success)
        {
            reason = $"the handle '{handle.Trim()}' is not written X->iommu or X.iommu, so its domain and device cannot be named (give them with --handle '{handle.Trim()}=DOMAIN,DEV')";
            return null;
        }
        byDefault = true;
        string x = m.Groups["base"].Value;
        string op = m.Groups["op"].Value;
        return ($"{x}{op}domain", $"{x}{op}dev");
    }
}
