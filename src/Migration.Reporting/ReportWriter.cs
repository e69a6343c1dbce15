namespace Migration.Reporting;

/// <summary>Writes the report files: report.md, report.html (self-contained) and the plots as PNG files.</summary>
public static class ReportWriter
{
    /// <summary>Writes everything into <paramref name="directory"/> (created if needed); returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string directory, ReportData data)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(directory);
        var images = new Dictionary<string, byte[]>
        {
            [MarkdownReport.ContiguousMapPlot] = ReportPlots.ContiguousMap(data.Benchmarks),
            [MarkdownReport.ScatterListPlot] = ReportPlots.ScatterList(data.Benchmarks),
            [MarkdownReport.UnmapVersusMapPlot] = ReportPlots.UnmapVersusMap(data.Benchmarks),
            [MarkdownReport.PteCostPlot] = ReportPlots.PteCost(data.Benchmarks),
            [MarkdownReport.PtePlot] = ReportPlots.PtesPerSize(data.PteCensus),
        };
        string markdown = MarkdownReport.Write(data);
        var written = new List<string>();
        foreach ((string name, byte[] png) in images)
        {
            string path = Path.Combine(directory, name);
            File.WriteAllBytes(path, png);
            written.Add(path);
        }
        string md = Path.Combine(directory, "report.md");
        File.WriteAllText(md, markdown);
        string html = Path.Combine(directory, "report.html");
        File.WriteAllText(html, HtmlReport.Write(markdown, images));
        written.Add(md);
        written.Add(html);
        return written;
    }
}
