namespace Migration.Equivalence;

/// <summary>
/// What one world must show at a documented divergence: an exact return value, the size of the entry at the
/// divergent address (0 when that world leaves it unmapped), or the start of its text (a crash's BUG site, an
/// observed device access).
/// </summary>
public sealed record ExpectedSide
{
    /// <summary>The exact return value (a <see cref="DivergenceKind.ReturnValue"/> divergence), or null.</summary>
    public long? Value { get; init; }

    /// <summary>The page sizes the entry at the divergent address may have (0: unmapped), or null.</summary>
    public IReadOnlyList<uint>? PageSizes { get; init; }

    /// <summary>The exact attributes the entry at the divergent address has (as the walker decodes them), or null.</summary>
    public uint? Attributes { get; init; }

    /// <summary>The text the side must start with (a crash, a device access), or null.</summary>
    public string? TextStartsWith { get; init; }

    /// <summary>The side returned exactly <paramref name="value"/>.</summary>
    public static ExpectedSide Returns(long value) => new() { Value = value };

    /// <summary>The entry at the divergent address is one of <paramref name="sizes"/> bytes (0: unmapped).</summary>
    public static ExpectedSide Page(params uint[] sizes) => new() { PageSizes = sizes };

    /// <summary>Whatever the side shows (the other side and the rest of the declaration say what the difference is).</summary>
    public static ExpectedSide Any { get; } = new();

    /// <summary>Nothing is mapped at the divergent address: the device faults there.</summary>
    public static ExpectedSide Unmapped { get; } = Page(0);

    /// <summary>The side's text starts with <paramref name="prefix"/>.</summary>
    public static ExpectedSide Text(string prefix) => new() { TextStartsWith = prefix };

    /// <summary>True when the side of a divergence (its value, entry size and text) is what this expects.</summary>
    public bool Matches(long? value, uint? pageSize, uint? attributes, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Value is { } v && value != v)
            return false;
        if (Attributes is { } want && attributes != want)
            return false;
        if (PageSizes is { } sizes && (pageSize is not { } size || !sizes.Contains(size)))
            return false;
        return TextStartsWith is not { } prefix || text.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>The expectation as the report prints it.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Value is { } v)
            parts.Add($"returns {v}");
        if (PageSizes is { } sizes)
            parts.Add(string.Join(" or ", sizes.Select(s => s == 0 ? "unmapped" : PageEntry.SizeName(s) + " page")));
        if (Attributes is { } attrs)
            parts.Add($"attrs 0x{attrs:x}");
        if (TextStartsWith is { } prefix)
            parts.Add($"\"{prefix}...\"");
        return parts.Count == 0 ? "anything" : string.Join(", ", parts);
    }
}
