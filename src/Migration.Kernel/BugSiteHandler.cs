using System.Runtime.CompilerServices;

namespace Migration.Kernel;

/// <summary>
/// The interpolated-string handler of <see cref="Bug.On(bool, ref BugSiteHandler)"/>: formats the BUG site only
/// when the BUG_ON condition is true (the kernel's BUG_ON evaluates nothing else when it does not fire).
/// </summary>
[InterpolatedStringHandler]
public ref struct BugSiteHandler
{
    private DefaultInterpolatedStringHandler _inner;

    /// <summary>Starts a site message for a BUG_ON whose condition is <paramref name="condition"/>; nothing is appended when it is false.</summary>
    public BugSiteHandler(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        _inner = condition ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        shouldAppend = condition;
    }

    /// <summary>Appends literal text of the site.</summary>
    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    /// <summary>Appends a value of the site.</summary>
    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    /// <summary>Appends a value of the site with a format string (e.g. "x8").</summary>
    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    /// <summary>Appends a value of the site with an alignment.</summary>
    public void AppendFormatted<T>(T value, int alignment) => _inner.AppendFormatted(value, alignment);

    /// <summary>Appends a value of the site with an alignment and a format string.</summary>
    public void AppendFormatted<T>(T value, int alignment, string? format) => _inner.AppendFormatted(value, alignment, format);

    /// <summary>Appends a string of the site.</summary>
    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    /// <summary>The formatted site (only meaningful when the condition was true).</summary>
    public string ToStringAndClear() => _inner.ToStringAndClear();
}
