namespace Migration.Benchmarks;

/// <summary>The buffer sizes the issue names, as constants for the [Params] attributes.</summary>
internal static class BenchSizes
{
    public const uint K4 = 0x1000;
    public const uint K64 = 0x10000;
    public const uint M1 = 0x100000;
    public const uint M16 = 0x1000000;
    public const uint M64 = 0x4000000;
}
