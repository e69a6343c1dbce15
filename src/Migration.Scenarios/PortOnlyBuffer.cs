using Migration.Equivalence;
using Migration.Kernel;

namespace Migration.Scenarios;

/// <summary>
/// The documented divergences of a buffer that only the port maps (3.0 refuses it): the mapping call's two return
/// values, the range mapped in 4K pages in the port only, and the later device read of it, which fails in 3.0
/// (-ENOENT, no access) and reads whatever the port mapped.
/// </summary>
public static class PortOnlyBuffer
{
    /// <summary>
    /// The four declarations: <paramref name="mapStep"/> returns <paramref name="legacyReturns"/> in 3.0 and
    /// <paramref name="portedReturns"/> in the port, which maps [<paramref name="start"/>, <paramref name="end"/>) in
    /// <paramref name="space"/>; <paramref name="readStep"/> is the device's read of the buffer.
    /// </summary>
    public static IReadOnlyList<ExpectedDivergence> Declarations(string reference, int mapStep, long legacyReturns, long portedReturns, string space, uint start, ulong end, int readStep) =>
    [
        new() { Reference = reference, Step = mapStep, Kind = DivergenceKind.ReturnValue, Legacy = ExpectedSide.Returns(legacyReturns), Ported = ExpectedSide.Returns(portedReturns) },
        new()
        {
            Reference = reference, Step = mapStep, Kind = DivergenceKind.Translation, Space = space, Start = start, End = end,
            Legacy = ExpectedSide.Unmapped, Ported = ExpectedSide.Page(0x1000),
        },
        new() { Reference = reference, Step = readStep, Kind = DivergenceKind.ReturnValue, Legacy = ExpectedSide.Returns(-Errno.ENOENT), Ported = ExpectedSide.Returns(0) },
        // Every access of the read differs; 3.0 makes none.
        new() { Reference = reference, Step = readStep, Kind = DivergenceKind.DeviceAccess, Legacy = ExpectedSide.Text("(no access)"), Ported = ExpectedSide.Any },
    ];
}
