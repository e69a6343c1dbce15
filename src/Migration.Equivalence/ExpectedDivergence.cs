namespace Migration.Equivalence;

/// <summary>
/// A documented difference of the real port, declared exactly: the step, the kind, the address space and device
/// address range, and what each world shows there. The engine accepts a divergence only when one of these matches
/// it, labels it with <see cref="Reference"/> and goes on comparing with the range excluded; any other divergence
/// is unexpected, and a required one that never appears makes the run fail.
/// </summary>
public sealed record ExpectedDivergence
{
    /// <summary>The reference section and what it says ("omap.md §7.3: ..."), the divergence's label.</summary>
    public required string Reference { get; init; }

    /// <summary>What disagrees.</summary>
    public required DivergenceKind Kind { get; init; }

    /// <summary>
    /// The 0-based step after which it appears; null for a pattern a generated session may show at any step (then
    /// the range is excluded only while the divergence is there, never for the rest of the run).
    /// </summary>
    public int? Step { get; init; }

    /// <summary>The address space ("isp"); empty for a return value, a crash or a device access.</summary>
    public string Space { get; init; } = "";

    /// <summary>Start of the device address range the divergence lies in (with <see cref="End"/>).</summary>
    public uint Start { get; init; }

    /// <summary>End (exclusive) of the range; 0 for a divergence without an address.</summary>
    public ulong End { get; init; }

    /// <summary>What the legacy world shows.</summary>
    public required ExpectedSide Legacy { get; init; }

    /// <summary>What the ported world shows.</summary>
    public required ExpectedSide Ported { get; init; }

    /// <summary>True when both worlds must map the divergent address to the same physical page (only attributes or entries differ).</summary>
    public bool SamePhysicalPage { get; init; }

    /// <summary>True (the default) when the run fails if this never appears; false for a pattern that may not occur in a session.</summary>
    public bool Required { get; init; } = true;

    /// <summary>True when the divergence lies at a device address range (translations, entries, TLBs).</summary>
    public bool HasRange => End > Start;

    /// <summary>True when <paramref name="d"/> is this documented difference: same step, kind, space, an address in the range, and both sides as declared.</summary>
    public bool Matches(Divergence d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Kind != Kind || (Step is { } step && d.Step != step) || d.Space != Space)
            return false;
        if (HasRange != d.Iova.HasValue || (d.Iova is { } da && (da < Start || da >= End)))
            return false;
        if (SamePhysicalPage && !d.SamePhysicalPage)
            return false;
        return Legacy.Matches(d.LegacyValue, d.LegacyPageSize, d.LegacyAttributes, d.Legacy)
            && Ported.Matches(d.PortedValue, d.PortedPageSize, d.PortedAttributes, d.Ported);
    }

    /// <summary>The expectation in one line.</summary>
    public string Describe()
    {
        string at = Step is { } s ? $"after step {s}" : "at any step";
        string where = HasRange ? $" in '{Space}' at [0x{Start:x8}, 0x{End:x9})" : "";
        string same = SamePhysicalPage ? ", the same physical page" : "";
        return $"{Kind} {at}{where}{same}: legacy {Legacy.Describe()}; ported {Ported.Describe()} ({Reference})";
    }
}
