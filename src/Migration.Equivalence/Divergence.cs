namespace Migration.Equivalence;

/// <summary>
/// A difference between the two worlds: the step, what kind of difference, the space and device address,
/// both worlds' entries there and the calls that wrote them.
/// </summary>
public sealed record Divergence
{
    /// <summary>0-based index of the step after which the difference was seen.</summary>
    public required int Step { get; init; }

    /// <summary>The step's text (a trace line).</summary>
    public required string StepText { get; init; }

    /// <summary>What disagreed.</summary>
    public required DivergenceKind Kind { get; init; }

    /// <summary>The address space ("isp"), empty for return values.</summary>
    public string Space { get; init; } = "";

    /// <summary>The first divergent device address (null for return values).</summary>
    public uint? Iova { get; init; }

    /// <summary>The legacy world's return value (a <see cref="DivergenceKind.ReturnValue"/> divergence), else null.</summary>
    public long? LegacyValue { get; init; }

    /// <summary>The ported world's return value, else null.</summary>
    public long? PortedValue { get; init; }

    /// <summary>The size of the legacy entry at <see cref="Iova"/> (0: unmapped), null for a divergence without an address.</summary>
    public uint? LegacyPageSize { get; init; }

    /// <summary>The size of the ported entry at <see cref="Iova"/> (0: unmapped).</summary>
    public uint? PortedPageSize { get; init; }

    /// <summary>The attributes of the legacy entry at <see cref="Iova"/> as its walker decodes them, null when unmapped or without an address.</summary>
    public uint? LegacyAttributes { get; init; }

    /// <summary>The attributes of the ported entry at <see cref="Iova"/>.</summary>
    public uint? PortedAttributes { get; init; }

    /// <summary>True when both worlds map <see cref="Iova"/> to the same physical page (whatever else differs).</summary>
    public bool SamePhysicalPage { get; init; }

    /// <summary>The legacy world's side: its entry, return value or observation.</summary>
    public required string Legacy { get; init; }

    /// <summary>The ported world's side.</summary>
    public required string Ported { get; init; }

    /// <summary>The call that wrote the legacy entry (null when not traced).</summary>
    public string? LegacyWriter { get; init; }

    /// <summary>The call that wrote the ported entry.</summary>
    public string? PortedWriter { get; init; }

    /// <summary>What the <see cref="Legacy"/> side is ("legacy"; "shared space" for a cross-device divergence).</summary>
    public string LegacyLabel { get; init; } = "legacy";

    /// <summary>What the <see cref="Ported"/> side is ("ported"; the IOMMU's name for a cross-device divergence).</summary>
    public string PortedLabel { get; init; } = "ported";

    /// <summary>A known, documented difference of the real port this matches ("omap.md §7.5"), if any.</summary>
    public string? Reference { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append($"divergence after step {Step} ({StepText}): {Kind}");
        if (Iova is { } da)
            sb.Append($" in '{Space}' at device address 0x{da:x8}");
        int width = Math.Max(LegacyLabel.Length, PortedLabel.Length);
        string pad = new(' ', width + 4);
        sb.Append($"\n  {LegacyLabel.PadLeft(width)}: {Legacy}");
        if (LegacyWriter is not null)
            sb.Append($"\n{pad}written by {LegacyWriter}");
        sb.Append($"\n  {PortedLabel.PadLeft(width)}: {Ported}");
        if (PortedWriter is not null)
            sb.Append($"\n{pad}written by {PortedWriter}");
        if (Reference is not null)
            sb.Append($"\n  known port difference: {Reference}");
        return sb.ToString();
    }
}
