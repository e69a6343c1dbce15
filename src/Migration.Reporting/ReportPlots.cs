using System.Globalization;
using System.Reflection;
using ScottPlot;

namespace Migration.Reporting;

/// <summary>
/// The report's plots as PNG bytes, one per question the goals ask (contiguous map, scatter list, unmap vs map, cost per
/// PTE word against the limit) and the page-table census; times on log axes (log10 of the data with log minor ticks)
/// where they span decades, legacy paths dashed, new ones solid, the legend below the data.
/// </summary>
public static class ReportPlots
{
    /// <summary>Width of every plot in pixels.</summary>
    public const int Width = 900;

    /// <summary>Height of every plot in pixels.</summary>
    public const int Height = 520;

    private const string FontName = "DejaVu Sans";
    private static readonly Lazy<bool> FontLoaded = new(LoadFont);

    // One colour per path; legacy paths are drawn dashed, new ones solid, ratios dotted on the right axis.
    private static readonly Color MsmColor = Color.FromHex("#1f77b4");
    private static readonly Color OmapColor = Color.FromHex("#d62728");
    private static readonly Color GenericColor = Color.FromHex("#2ca02c");
    private static readonly Color BatchedColor = Color.FromHex("#9467bd");
    private static readonly Color LimitColor = Color.FromHex("#7f7f7f");
    private static readonly Color RatioColor = Color.FromHex("#ff7f0e");

    /// <summary>
    /// Contiguous map + unmap versus buffer size: the Era-A 4K loop (legacy, dashed) against one byte-sized iommu_map and
    /// the batched path (solid), and the speedup legacy / generic on a right-hand log axis with the 100× goal.
    /// </summary>
    public static byte[] ContiguousMap(IReadOnlyList<BenchmarkRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Plot plot = NewPlot("Contiguous buffer: map + unmap time versus size", "buffer size", "time per map + unmap (median)");
        BenchmarkRow[] cases = rows.Where(r => r.Class == "EraAMapLoopBenchmarks" && r.Size is > 0).ToArray();
        Line(plot, cases.Where(r => r.Method == "EraALoop4K"), r => Math.Log2(r.Size!.Value), "Era-A 4K loop (3.0, legacy)", MsmColor, legacy: true);
        Line(plot, cases.Where(r => r.Method == "GenericMap"), r => Math.Log2(r.Size!.Value), "one byte-sized iommu_map (3.3)", GenericColor, legacy: false);
        Line(plot, cases.Where(r => r.Method == "GenericMapBatched"), r => Math.Log2(r.Size!.Value), "batched map_pages (5.x)", BatchedColor, legacy: false);
        var speedups = cases.Where(r => r.Method == "GenericMap")
            .Select(g => (g, l: cases.FirstOrDefault(l => l.Method == "EraALoop4K" && l.Size == g.Size)))
            .Where(p => p.l is not null && p.g.MedianNs > 0)
            .OrderBy(p => p.g.Size)
            .ToArray();
        if (speedups.Length > 0)
        {
            var ratio = plot.Add.Scatter(speedups.Select(p => Math.Log2(p.g.Size!.Value)).ToArray(), speedups.Select(p => Math.Log10(p.l!.MedianNs / p.g.MedianNs)).ToArray());
            Style(ratio, "speedup legacy / iommu_map (right axis)", RatioColor, LinePattern.Dotted);
            ratio.Axes.YAxis = plot.Axes.Right;
            var goal = plot.Add.HorizontalLine(2); // log10(100)
            goal.Axes.YAxis = plot.Axes.Right;
            goal.LinePattern = LinePattern.Dashed;
            goal.Color = RatioColor;
            goal.LegendText = "goal: 100× at 64 MiB";
            plot.Axes.Right.Label.Text = "speedup";
            LogAxis(plot.Axes.Right, v => $"{v:0.#}×");
        }
        SizeAxis(plot, cases.Select(r => (double)r.Size!.Value));
        LogAxis(plot.Axes.Left, FormatNanoseconds);
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// Scatter lists of 4 KiB pages, map + unmap time versus the number of entries: MSM iommu_map_range (legacy, dashed)
    /// against iommu_map_sg, and OMAP iovmm (legacy, dashed) against dma_map_sg; the ratio new / legacy of each on the
    /// right axis with its goal (≤ 1.0 on MSM, ≤ 0.5 on OMAP).
    /// </summary>
    public static byte[] ScatterList(IReadOnlyList<BenchmarkRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Plot plot = NewPlot("Scatter list of 4 KiB pages: map + unmap time versus entries", "entries (4 KiB pages)", "time per map + unmap (median)");
        BenchmarkRow[] msm = rows.Where(r => r.Class == "ScatterListMapBenchmarks" && r.Parameters.ContainsKey("Entries")).ToArray();
        BenchmarkRow[] omap = rows.Where(r => r.Class == "OmapMapBenchmarks" && r.Size is > 0 && r.Parameters.GetValueOrDefault("Layout") == "Scattered4K").ToArray();
        double MsmEntries(BenchmarkRow r) => Math.Log2(double.Parse(r.Parameters["Entries"], CultureInfo.InvariantCulture));
        double OmapEntries(BenchmarkRow r) => Math.Log2(r.Size!.Value / 4096.0);
        Line(plot, msm.Where(r => r.Method == "LegacyMapRange"), MsmEntries, "MSM iommu_map_range (CAF 3.0, legacy)", MsmColor, legacy: true);
        Line(plot, msm.Where(r => r.Method == "GenericMapSg"), MsmEntries, "MSM iommu_map_sg (generic)", MsmColor, legacy: false);
        Line(plot, omap.Where(r => r.Method == "LegacyIovmm"), OmapEntries, "OMAP iommu_vmap (3.0 iovmm, legacy)", OmapColor, legacy: true);
        Line(plot, omap.Where(r => r.Method == "DmaMapSg"), OmapEntries, "OMAP dma_map_sg (generic)", OmapColor, legacy: false);
        Ratios(plot, msm, "LegacyMapRange", "GenericMapSg", MsmEntries, "MSM map_sg / map_range (right axis)", MsmColor);
        Ratios(plot, omap, "LegacyIovmm", "DmaMapSg", OmapEntries, "OMAP dma_map_sg / iovmm (right axis)", OmapColor);
        foreach ((double goal, Color color, string text) in new[] { (1.0, MsmColor, "MSM goal ≤ 1.0"), (0.5, OmapColor, "OMAP goal ≤ 0.5") })
        {
            var line = plot.Add.HorizontalLine(goal);
            line.Axes.YAxis = plot.Axes.Right;
            line.LinePattern = LinePattern.Dashed;
            line.Color = color.WithAlpha(0.5);
            line.LegendText = text;
        }
        plot.Axes.Right.Label.Text = "ratio new / legacy";
        double[] entries = msm.Select(MsmEntries).Concat(omap.Select(OmapEntries)).Distinct().Order().ToArray();
        if (entries.Length > 0)
            plot.Axes.Bottom.SetTicks(entries, entries.Select(e => Math.Pow(2, e).ToString("#,0", CultureInfo.InvariantCulture)).ToArray());
        LogAxis(plot.Axes.Left, FormatNanoseconds);
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// Unmap against map of the same 4 KiB pages, per size: the per-page-flush unmap (legacy) and the gathered unmap,
    /// each with the map it includes taken out, against the batched map, with the goal unmap ≤ 2 × map.
    /// </summary>
    public static byte[] UnmapVersusMap(IReadOnlyList<BenchmarkRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Plot plot = NewPlot("Unmap versus map of 4 KiB pages", "range", "time (median)");
        BenchmarkRow[] cases = rows.Where(r => r.Class == "UnmapFlushBenchmarks" && r.Size is > 0).ToArray();
        var bars = new List<Bar>();
        var ticks = new List<(double, string)>();
        double position = 0;
        foreach (var group in cases.GroupBy(r => r.Size!.Value).OrderBy(g => g.Key))
        {
            BenchmarkRow? map = group.FirstOrDefault(r => r.Method == "Map");
            foreach (BenchmarkRow r in group.OrderBy(r => !r.Baseline).ThenBy(r => r.Method, StringComparer.Ordinal))
            {
                // The unmap methods map the range back, so their own cost is the difference to Map.
                bool unmap = r.Method != "Map" && map is not null;
                double value = unmap ? Math.Max(0, r.MedianNs - map!.MedianNs) : r.MedianNs;
                string name = unmap ? $"{r.Method} − Map" : r.Method;
                bars.Add(new Bar { Position = position, Value = value, FillColor = r.Baseline ? LimitColor : r.Method == "Map" ? GenericColor : BatchedColor, Label = FormatNanoseconds(value) });
                ticks.Add((position, $"{FormatBytes(group.Key)}: {name}{(r.Baseline ? " (legacy)" : "")}"));
                position++;
            }
            if (map is not null)
            {
                var goal = plot.Add.HorizontalLine(2 * map.MedianNs);
                goal.LinePattern = LinePattern.Dashed;
                goal.Color = RatioColor;
                goal.LegendText = $"goal at {FormatBytes(group.Key)}: unmap ≤ 2 × map = {FormatNanoseconds(2 * map.MedianNs)}";
            }
            position += 0.5;
        }
        if (bars.Count > 0)
        {
            var plotted = plot.Add.Bars(bars);
            plotted.ValueLabelStyle.FontSize = 11;
            plot.Axes.Bottom.SetTicks(ticks.Select(t => t.Item1).ToArray(), ticks.Select(t => t.Item2).ToArray());
            plot.Axes.Bottom.TickLabelStyle.Rotation = -20;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = FormatNanoseconds };
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// Cost per PTE word at 1 MiB (256 words): the Era-A 4K loop (legacy), the batched map, a per-word store through the
    /// simulated memory, and the limit (a plain store loop into the table's frames), with the goal 2 × the limit.
    /// </summary>
    public static byte[] PteCost(IReadOnlyList<BenchmarkRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Plot plot = NewPlot("Cost per page-table word, 1 MiB of 4 KiB pages (256 words)", "", "time per word (median)");
        const long size = 0x100000;
        const double words = size / 4096.0;
        (string Class, string Method, string Label, Color Color)[] paths =
        [
            ("EraAMapLoopBenchmarks", "EraALoop4K", "Era-A 4K loop, map + unmap (legacy)", LimitColor),
            ("UnmapFlushBenchmarks", "Map", "batched map_pages", BatchedColor),
            ("BareStoreBenchmarks", "BareStore", "WriteWord per word", MsmColor),
            ("RawStoreBenchmarks", "RawStore", "plain store loop (the limit)", GenericColor),
        ];
        var bars = new List<Bar>();
        var ticks = new List<(double, string)>();
        foreach ((string cls, string method, string label, Color color) in paths)
        {
            if (rows.FirstOrDefault(r => r.Class == cls && r.Method == method && r.Size == size) is not { } row)
                continue;
            double perWord = row.MedianNs / words;
            bars.Add(new Bar { Position = bars.Count, Value = perWord, FillColor = color, Label = FormatNanoseconds(perWord) });
            ticks.Add((bars.Count - 1, label));
        }
        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
            plot.Axes.Bottom.SetTicks(ticks.Select(t => t.Item1).ToArray(), ticks.Select(t => t.Item2).ToArray());
        }
        if (rows.FirstOrDefault(r => r.Class == "RawStoreBenchmarks" && r.Method == "RawStore" && r.Size == size) is { } raw)
        {
            var goal = plot.Add.HorizontalLine(2 * raw.MedianNs / words);
            goal.LinePattern = LinePattern.Dashed;
            goal.Color = RatioColor;
            goal.LegendText = "goal: batched map ≤ 2 × the limit";
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = FormatNanoseconds };
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    // A time-versus-x series on log10 values: legacy dashed, new solid.
    private static void Line(Plot plot, IEnumerable<BenchmarkRow> rows, Func<BenchmarkRow, double> x, string label, Color color, bool legacy)
    {
        BenchmarkRow[] points = rows.Where(r => r.MedianNs > 0).OrderBy(x).ToArray();
        if (points.Length == 0)
            return;
        var scatter = plot.Add.Scatter(points.Select(x).ToArray(), points.Select(r => Math.Log10(r.MedianNs)).ToArray());
        Style(scatter, label, color, legacy ? LinePattern.Dashed : LinePattern.Solid);
    }

    // new / legacy at each x both ran, dotted on the right axis.
    private static void Ratios(Plot plot, BenchmarkRow[] rows, string legacy, string generic, Func<BenchmarkRow, double> x, string label, Color color)
    {
        var points = rows.Where(r => r.Method == generic)
            .Select(g => (g, l: rows.FirstOrDefault(l => l.Method == legacy && x(l) == x(g))))
            .Where(p => p.l is { MedianNs: > 0 })
            .OrderBy(p => x(p.g))
            .ToArray();
        if (points.Length == 0)
            return;
        var ratio = plot.Add.Scatter(points.Select(p => x(p.g)).ToArray(), points.Select(p => p.g.MedianNs / p.l!.MedianNs).ToArray());
        Style(ratio, label, color, LinePattern.Dotted);
        ratio.MarkerShape = MarkerShape.OpenSquare;
        ratio.Axes.YAxis = plot.Axes.Right;
    }

    private static void Style(ScottPlot.Plottables.Scatter scatter, string label, Color color, LinePattern pattern)
    {
        scatter.LegendText = label;
        scatter.Color = color;
        scatter.LinePattern = pattern;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 7;
    }

    /// <summary>Page-table words written per buffer size as the write counter saw them, one series per path (the legacy loop dashed).</summary>
    public static byte[] PtesPerSize(IReadOnlyList<PteCensusRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Plot plot = NewPlot("Page-table words written per buffer size (write counter)", "buffer size", "words written");
        Color[] colors = [MsmColor, GenericColor, BatchedColor, OmapColor];
        int i = 0;
        foreach (var path in rows.GroupBy(r => r.Path))
        {
            var points = path.Where(r => r.WordsWritten > 0).OrderBy(r => r.BufferSize).ToArray();
            var scatter = plot.Add.Scatter(points.Select(r => Math.Log2(r.BufferSize)).ToArray(), points.Select(r => Math.Log10(r.WordsWritten)).ToArray());
            Style(scatter, path.Key, colors[i++ % colors.Length], path.Key.StartsWith("Era-A", StringComparison.Ordinal) ? LinePattern.Dashed : LinePattern.Solid);
        }
        SizeAxis(plot, rows.Select(r => (double)r.BufferSize));
        LogAxis(plot.Axes.Left, v => v.ToString("#,0", CultureInfo.InvariantCulture));
        plot.ShowLegend(Edge.Bottom);
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
