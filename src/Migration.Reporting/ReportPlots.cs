using System.Globalization;
using System.Reflection;
using ScottPlot;

namespace Migration.Reporting;

/// <summary>
/// The report's plots as PNG bytes: map time versus buffer size for the old and new paths, and page-table words
/// written per buffer size by page size, both on log axes (log10 of the data with log minor ticks).
/// </summary>
public static class ReportPlots
{
    /// <summary>Width of every plot in pixels.</summary>
    public const int Width = 900;

    /// <summary>Height of every plot in pixels.</summary>
    public const int Height = 520;

    private const string FontName = "DejaVu Sans";
    private static readonly Lazy<bool> FontLoaded = new(LoadFont);

    /// <summary>
    /// Mean time of one map+unmap against buffer size, one series per benchmark class and method that has a Size
    /// parameter (contiguous layout where the class has one); the baseline (legacy) series are dashed.
    /// </summary>
    public static byte[] MapTimeVersusSize(IReadOnlyList<BenchmarkRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Plot plot = NewPlot("Map + unmap time versus buffer size", "buffer size", "time per map+unmap");
        var series = rows
            .Where(r => r.Size is > 0 && r.MeanNs > 0 && (!r.Parameters.TryGetValue("Layout", out string? l) || l == "Contiguous"))
            .GroupBy(r => (r.Class, r.Method, r.Baseline))
            .OrderBy(g => g.Key.Class, StringComparer.Ordinal).ThenBy(g => g.Key.Method, StringComparer.Ordinal);
        foreach (var g in series)
        {
            var points = g.OrderBy(r => r.Size).ToArray();
            if (points.Length < 2)
                continue;
            var scatter = plot.Add.Scatter(
                points.Select(r => Math.Log2(r.Size!.Value)).ToArray(),
                points.Select(r => Math.Log10(r.MeanNs)).ToArray());
            scatter.LegendText = $"{g.Key.Class.Replace("Benchmarks", "", StringComparison.Ordinal)}.{g.Key.Method}{(g.Key.Baseline ? " (legacy)" : "")}";
            scatter.LinePattern = g.Key.Baseline ? LinePattern.Dashed : LinePattern.Solid;
            scatter.MarkerSize = 6;
        }
        SizeAxis(plot, rows.Where(r => r.Size is > 0).Select(r => (double)r.Size!.Value));
        LogAxis(plot.Axes.Left, FormatNanoseconds);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Page-table words written per buffer size, one series per path and page size.</summary>
    public static byte[] PtesPerSize(IReadOnlyList<PteCensusRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Plot plot = NewPlot("Page-table words written per buffer size, by page size", "buffer size", "words written");
        foreach (var path in rows.GroupBy(r => r.Path))
        {
            foreach (uint pageSize in path.SelectMany(r => r.WordsByPageSize.Keys).Distinct().Order())
            {
                var points = path.Where(r => r.WordsByPageSize.ContainsKey(pageSize)).OrderBy(r => r.BufferSize).ToArray();
                var scatter = plot.Add.Scatter(
                    points.Select(r => Math.Log2(r.BufferSize)).ToArray(),
                    points.Select(r => Math.Log10(r.WordsByPageSize[pageSize])).ToArray());
                scatter.LegendText = $"{path.Key}: {FormatBytes(pageSize)} pages";
                scatter.LinePattern = path.Key.StartsWith("Era-A", StringComparison.Ordinal) ? LinePattern.Dashed : LinePattern.Solid;
                scatter.MarkerSize = 6;
            }
        }
        SizeAxis(plot, rows.Select(r => (double)r.BufferSize));
        LogAxis(plot.Axes.Left, v => v.ToString("#,0", CultureInfo.InvariantCulture));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>"4K", "64K", "1M", "16M", "64M" for a byte count.</summary>
    public static string FormatBytes(double bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (1 << 30):0.##}G",
        >= 1 << 20 => $"{bytes / (1 << 20):0.##}M",
        >= 1 << 10 => $"{bytes / (1 << 10):0.##}K",
        _ => $"{bytes:0.##}",
    };

    /// <summary>"850 ns", "12 µs", "3.4 ms" for a time in nanoseconds.</summary>
    public static string FormatNanoseconds(double ns) => ns switch
    {
        >= 1e9 => $"{ns / 1e9:0.##} s",
        >= 1e6 => $"{ns / 1e6:0.##} ms",
        >= 1e3 => $"{ns / 1e3:0.##} µs",
        _ => $"{ns:0.#} ns",
    };

    private static Plot NewPlot(string title, string x, string y)
    {
        _ = FontLoaded.Value;
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    // Buffer sizes are plotted as log2 values with a tick at each size measured (4K, 64K, 1M, ...).
    private static void SizeAxis(Plot plot, IEnumerable<double> sizes)
    {
        double[] distinct = sizes.Distinct().Order().ToArray();
        if (distinct.Length > 0)
            plot.Axes.Bottom.SetTicks(distinct.Select(Math.Log2).ToArray(), distinct.Select(FormatBytes).ToArray());
    }

    // The data are log10 values; ticks at the decades, labelled with the real value, with log-spaced minor ticks.
    private static void LogAxis(ScottPlot.IAxis axis, Func<double, string> format)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = v => format(Math.Pow(10, v)),
        };
    }

    private static bool LoadFont()
    {
        // The font ships with the assembly: machines without system fonts would otherwise render no text at all.
        string path = Path.Combine(Path.GetTempPath(), $"migration-reporting-{Environment.ProcessId}-DejaVuSans.ttf");
        if (!File.Exists(path))
        {
            using Stream font = Assembly.GetExecutingAssembly().GetManifestResourceStream("DejaVuSans.ttf")
                ?? throw new InvalidOperationException("the DejaVuSans.ttf resource is missing from the assembly");
            using FileStream file = File.Create(path);
            font.CopyTo(file);
        }
        Fonts.AddFontFile(FontName, path);
        return true;
    }
}
