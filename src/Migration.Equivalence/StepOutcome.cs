namespace Migration.Equivalence;

/// <summary>
/// What one world returned for a step: the kernel-shaped return value (0, -errno, a device address) and what the
/// device observed when the step made it access memory (each access as "da→identity" or "da fault").
/// </summary>
/// <param name="Value">The return value of the step's call.</param>
/// <param name="Observed">Device accesses made during the step, in order (empty when none).</param>
public sealed record StepOutcome(long Value, IReadOnlyList<string> Observed)
{
    /// <summary>An outcome with no device access.</summary>
    public static StepOutcome Of(long value) => new(value, []);

    /// <summary>The return value as the report prints it (negative values as errno names).</summary>
    public string Describe() => Value < 0 && Value >= -4095 ? $"{Value} ({Migration.Kernel.Errno.Name((int)-Value)})" : Value >= 0x1000 ? $"0x{Value:x}" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
