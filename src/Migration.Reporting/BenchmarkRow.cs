namespace Migration.Reporting;

/// <summary>One benchmark case: its class, method and parameters, mean time and allocation, and its ratio to the class's baseline.</summary>
/// <param name="Class">Benchmark class ("EraAMapLoopBenchmarks").</param>
/// <param name="Method">Benchmark method ("GenericMap").</param>
/// <param name="Parameters">Parameter values by name ("Size" → "65536").</param>
/// <param name="MeanNs">Mean time per operation in nanoseconds.</param>
/// <param name="AllocatedBytes">Bytes allocated per operation (null when not measured).</param>
/// <param name="Baseline">True for the class's [Baseline] method (the legacy path).</param>
/// <param name="RatioToBaseline">Median divided by the baseline's median at the same parameters (null when there is none).</param>
/// <param name="Median">Median time per operation in nanoseconds (null: only the mean is known, which then stands in).</param>
public sealed record BenchmarkRow(string Class, string Method, IReadOnlyDictionary<string, string> Parameters, double MeanNs, long? AllocatedBytes, bool Baseline, double? RatioToBaseline, double? Median = null)
{
    /// <summary>The median time per operation in nanoseconds (what goals compare), else the mean.</summary>
    public double MedianNs => Median ?? MeanNs;

    /// <summary>The buffer size parameter in bytes, when the case has one.</summary>
    public long? Size => Parameters.TryGetValue("Size", out string? v) && long.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long s) ? s : null;

    /// <summary>The parameters other than Size as "Name=Value" text (empty when none).</summary>
    public string OtherParameters => string.Join(", ", Parameters.Where(p => p.Key != "Size").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
