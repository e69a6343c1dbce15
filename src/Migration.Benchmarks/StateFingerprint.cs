using System.Globalization;
using Migration.Hardware.Memory;

namespace Migration.Benchmarks;

/// <summary>
/// A compact description of a world's mapping state (table words, allocated pages, areas) that the smoke tests
/// compare before and after an invocation: a benchmark must leave the state as it found it.
/// </summary>
internal static class StateFingerprint
{
    /// <summary>FNV-1a over <paramref name="count"/> words at <paramref name="pa"/> (a first-level table, say).</summary>
    public static ulong Words(PhysicalMemory memory, uint pa, int count)
    {
        ulong hash = 14695981039346656037UL;
        for (int i = 0; i < count; i++)
        {
            hash ^= memory.ReadWord(pa + (uint)(i * 4));
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <summary>True when the <paramref name="count"/> words at <paramref name="pa"/> are all zero (nothing mapped through them).</summary>
    public static bool AllZero(PhysicalMemory memory, uint pa, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (memory.ReadWord(pa + (uint)(i * 4)) != 0)
                return false;
        }
        return true;
    }

    /// <summary>Joins named values into one comparable string.</summary>
    public static string Of(params (string Name, object Value)[] parts) =>
        string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Value}")));
}
