namespace Migration.Reporting.Tests;

/// <summary>Ratios of medians to the class's [Baseline] at the same parameters, and the rows' order.</summary>
public sealed class BenchmarkRatiosTests
{
    private static Dictionary<string, string> P(params (string, string)[] kv) => kv.ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public void EachCase_IsDividedByItsBaselineAtTheSameParameters_UsingMedians()
    {
        BenchmarkMeasurement[] measured =
        [
            new("OmapMapBenchmarks", "DmaMapSg", P(("Size", "67108864"), ("Layout", "Scattered4K")), 700_000, 480_000, 0),
            new("OmapMapBenchmarks", "DmaMapSg", P(("Size", "1048576"), ("Layout", "Scattered4K")), 8_000, 7_500, 0),
            new("OmapMapBenchmarks", "LegacyIovmm", P(("Size", "1048576"), ("Layout", "Scattered4K")), 26_000, 25_000, 48),
            new("OmapMapBenchmarks", "LegacyIovmm", P(("Size", "67108864"), ("Layout", "Scattered4K")), 1_500_000, 1_440_000, 223),
            new("UnmapFlushBenchmarks", "Map", P(("Size", "1048576")), 130, 125, 0),
        ];

        IReadOnlyList<BenchmarkRow> rows = BenchmarkRatios.ToRows(measured, (c, m) => m == "LegacyIovmm");

        Assert.Equal(
            ["LegacyIovmm 1048576 1", "DmaMapSg 1048576 0.3", "LegacyIovmm 67108864 1", "DmaMapSg 67108864 0.3333", "Map 1048576 none"],
            rows.Select(r => $"{r.Method} {r.Size} {(r.RatioToBaseline is { } x ? Math.Round(x, 4).ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}"));
        Assert.Equal((8_000.0, 7_500.0, true), (rows[1].MeanNs, rows[1].MedianNs, !rows[1].Baseline));
        Assert.True(rows[0].Baseline);
    }
}
