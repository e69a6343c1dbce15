namespace Migration.Equivalence;

/// <summary>One named integer argument of a trace step ("size=0x5000").</summary>
/// <param name="Name">Argument name.</param>
/// <param name="Value">Its value.</param>
public readonly record struct TraceArg(string Name, long Value)
{
    /// <inheritdoc />
    public override string ToString() => Value is >= 0x1000 or < -0x1000
        ? $"{Name}=0x{Value:x}"
        : $"{Name}={Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
