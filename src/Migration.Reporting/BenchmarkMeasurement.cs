namespace Migration.Reporting;

/// <summary>One measured benchmark case as BenchmarkDotNet reports it, before ratios to its baseline are known.</summary>
/// <param name="Class">Benchmark class ("OmapMapBenchmarks").</param>
/// <param name="Method">Benchmark method ("DmaMapSg").</param>
/// <param name="Parameters">Parameter values by name, as BenchmarkDotNet prints them ("Size" → "1048576").</param>
/// <param name="MeanNs">Mean time per operation in nanoseconds.</param>
/// <param name="MedianNs">Median time per operation in nanoseconds.</param>
/// <param name="AllocatedBytes">Bytes allocated per operation (null when not measured).</param>
public sealed record BenchmarkMeasurement(string Class, string Method, IReadOnlyDictionary<string, string> Parameters, double MeanNs, double MedianNs, long? AllocatedBytes);
