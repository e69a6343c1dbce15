using System;

namespace Migration.Analyzers.ApiMap;

/// <summary>
/// One entry of the IOMMU API map: a model symbol (member, type, namespace, or a trailing-'*' wildcard), the
/// kernel symbol it models, its replacement in the generic world (C# and C) and what the analyzers do with it.
/// A user map (AdditionalFiles iommu-api-map.json) with the same schema adds entries or overrides fields.
/// </summary>
public sealed class ApiMapEntry
{
    /// <summary>The value of <see cref="Rule"/> that switches the vendor-use report off for the symbol.</summary>
    public const string NoRule = "none";

    /// <summary>Creates an entry for <paramref name="symbol"/> with no field set.</summary>
    public ApiMapEntry(string symbol)
    {
        Symbol = symbol ?? throw new ArgumentNullException(nameof(symbol));
        IsWildcard = symbol.EndsWith("*", StringComparison.Ordinal);
        Prefix = IsWildcard ? symbol.Substring(0, symbol.Length - 1) : symbol;
    }

    /// <summary>"Legacy.Omap.Iovmm.Vmalloc", "Legacy.Omap.OmapIommu", "Legacy.Omap", "Legacy.Omap.Iovmm.*".</summary>
    public string Symbol { get; }

    /// <summary>True for a trailing-'*' entry, which matches every symbol whose name starts with <see cref="Prefix"/>.</summary>
    public bool IsWildcard { get; }

    /// <summary>The symbol without its trailing '*'.</summary>
    public string Prefix { get; }

    /// <summary>The vendor-use rule ("IOMMU001".."IOMMU004"), <see cref="NoRule"/> to switch it off, null when unset.</summary>
    public string? Rule { get; set; }

    /// <summary>The kernel symbol the model symbol stands for ("iommu_vmalloc").</summary>
    public string? Kernel { get; set; }

    /// <summary>The replacement in the generic world's C# API ("DmaApi.AllocCoherent …").</summary>
    public string? Replacement { get; set; }

    /// <summary>The replacement in the kernel's C API ("dma_alloc_coherent(dev, size, &amp;dma, GFP_KERNEL)"), for a C front end.</summary>
    public string? CReplacement { get; set; }

    /// <summary>The code fix that rewrites calls to this symbol ("order-to-bytes", "domain-alloc-attach", "dma-alloc-coherent").</summary>
    public string? Fix { get; set; }

    /// <summary>Why no automatic rewrite is safe, when <see cref="Fix"/> is unset (shown in the diagnostic).</summary>
    public string? NoFix { get; set; }

    /// <summary>"order-map", "order-unmap" (IOMMU004) or "byte-map" (IOMMU005).</summary>
    public string? Role { get; set; }

    /// <summary>Whether ignoring the call's result is IOMMU006 (null: unset).</summary>
    public bool? CheckResult { get; set; }

    /// <summary>What the call returns, for the IOMMU006 message ("0 or a negative errno").</summary>
    public string? Result { get; set; }

    /// <summary>For a type: keeping it in client state is IOMMU007 (null: unset).</summary>
    public bool? Handle { get; set; }

    /// <summary>For a method: storing its result in client state is IOMMU007 (an MSM context from msm_iommu_get_ctx).</summary>
    public bool? ReturnsHandle { get; set; }

    /// <summary>The reference section ("omap.md §7.2").</summary>
    public string? Reference { get; set; }

    /// <summary>The rule id to report for a use of the symbol, or null (unset or <see cref="NoRule"/>).</summary>
    public string? RuleId => Rule is null || string.Equals(Rule, NoRule, StringComparison.OrdinalIgnoreCase) ? null : Rule;

    /// <summary>The code fix to offer, or null (unset or "none").</summary>
    public string? FixKind => Fix is null || string.Equals(Fix, NoRule, StringComparison.OrdinalIgnoreCase) ? null : Fix;

    /// <summary>
    /// How closely the entry names <paramref name="qualifiedName"/>: -1 when it does not match, else the length of
    /// the matched name (an exact or container entry beats a wildcard of the same length).
    /// </summary>
    public int MatchLength(string qualifiedName)
    {
        if (IsWildcard)
            return qualifiedName.StartsWith(Prefix, StringComparison.Ordinal) && qualifiedName.Length > Prefix.Length ? Prefix.Length * 2 : -1;
        if (string.Equals(qualifiedName, Symbol, StringComparison.Ordinal))
            return (Symbol.Length * 2) + 1;
        // A type or namespace entry names everything inside it.
        return qualifiedName.Length > Symbol.Length && qualifiedName[Symbol.Length] == '.' && qualifiedName.StartsWith(Symbol, StringComparison.Ordinal)
            ? (Symbol.Length * 2) + 1
            : -1;
    }

    /// <summary>A copy of this entry with every field <paramref name="other"/> sets taken from it (a user override).</summary>
    public ApiMapEntry MergedWith(ApiMapEntry other)
    {
        if (other is null)
            throw new ArgumentNullException(nameof(other));
        return new ApiMapEntry(Symbol)
        {
            Rule = other.Rule ?? Rule,
            Kernel = other.Kernel ?? Kernel,
            Replacement = other.Replacement ?? Replacement,
            CReplacement = other.CReplacement ?? CReplacement,
            Fix = other.Fix ?? Fix,
            NoFix = other.NoFix ?? NoFix,
            Role = other.Role ?? Role,
            CheckResult = other.CheckResult ?? CheckResult,
            Result = other.Result ?? Result,
            Handle = other.Handle ?? Handle,
            ReturnsHandle = other.ReturnsHandle ?? ReturnsHandle,
            Reference = other.Reference ?? Reference,
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Symbol} → {Kernel ?? "?"} ({RuleId ?? "no rule"})";
}
