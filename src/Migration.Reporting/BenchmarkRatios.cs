using System.Globalization;

namespace Migration.Reporting;

/// <summary>Turns measured cases into report rows: each case's median over its class's [Baseline] median at the same parameters.</summary>
public static class BenchmarkRatios
{
    /// <summary>
    /// The rows of <paramref name="measurements"/>, ordered by class, size, other parameters, baseline first, method;
    /// <paramref name="isBaseline"/> says whether a (class, method) is its class's [Baseline].
    /// </summary>
    public static IReadOnlyList<BenchmarkRow> ToRows(IEnumerable<BenchmarkMeasurement> measurements, Func<string, string, bool> isBaseline)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(isBaseline);
        var raw = measurements.Select(m => (M: m, Baseline: isBaseline(m.Class, m.Method))).ToList();
        var baselines = raw.Where(r => r.Baseline).GroupBy(r => (r.M.Class, Key(r.M.Parameters))).ToDictionary(g => g.Key, g => g.First().M.MedianNs);
        return raw
            .OrderBy(r => r.M.Class, StringComparer.Ordinal)
            .ThenBy(r => r.M.Parameters.TryGetValue("Size", out string? s) && long.TryParse(s, CultureInfo.InvariantCulture, out long n) ? n : 0)
            .ThenBy(r => Key(r.M.Parameters), StringComparer.Ordinal)
            .ThenBy(r => !r.Baseline)
            .ThenBy(r => r.M.Method, StringComparer.Ordinal)
            .Select(r => new BenchmarkRow(r.M.Class, r.M.Method, r.M.Parameters, r.M.MeanNs, r.M.AllocatedBytes, r.Baseline,
                baselines.TryGetValue((r.M.Class, Key(r.M.Parameters)), out double b) && b > 0 ? r.M.MedianNs / b : null, r.M.MedianNs))
            .ToList();
    }

    private static string Key(IReadOnlyDictionary<string, string> p) =>
        string.Join(";", p.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}
