using System.Globalization;
using System.Text;

namespace Migration.Reporting;

/// <summary>The report as Markdown: one section per part of the main job, tables of the underlying numbers, the plots by file name.</summary>
public static class MarkdownReport
{
    /// <summary>File name of the contiguous-map plot next to the report.</summary>
    public const string ContiguousMapPlot = "contiguous-map.png";

    /// <summary>File name of the scatter-list plot next to the report.</summary>
    public const string ScatterListPlot = "scatter-list.png";

    /// <summary>File name of the unmap-versus-map plot next to the report.</summary>
    public const string UnmapVersusMapPlot = "unmap-vs-map.png";

    /// <summary>File name of the cost-per-PTE plot next to the report.</summary>
    public const string PteCostPlot = "pte-cost.png";

    /// <summary>File name of the PTE-census plot next to the report.</summary>
    public const string PtePlot = "ptes-per-size.png";

    /// <summary>The Markdown text of <paramref name="data"/>.</summary>
    public static string Write(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var md = new StringBuilder();
        md.Append("# IOMMU migration workbench report\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Generated {data.Generated:yyyy-MM-dd HH:mm:ss} UTC on {data.Machine}.\n\n");
        // Failed parts first: a reader who stops at the top must not take a partial report for a clean one.
        foreach (string failure in data.Failures)
            md.Append("**FAILED:** ").Append(failure).Append("\n\n");
        WriteVerdict(md, data.Goals);

        md.Append("## Golden vectors\n\n| Suite | Passed | Failed |\n|---|---:|---:|\n");
        foreach (VectorSuiteRow v in data.Vectors)
            md.Append(CultureInfo.InvariantCulture, $"| {v.Suite} | {v.Passed} | {v.Failed} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| **total** | **{data.Vectors.Sum(v => v.Passed)}** | **{data.Vectors.Sum(v => v.Failed)}** |\n\n");

        md.Append("## Equivalence scenarios\n\n| Scenario | Mode | Result | Steps | Mappings compared | First divergence | Reference |\n|---|---|---|---:|---:|---|---|\n");
        foreach (ScenarioRow s in data.Scenarios)
            md.Append(CultureInfo.InvariantCulture, $"| {s.Scenario} | {s.Mode} | {s.Verdict} | {s.Steps} | {s.MappingsCompared} | {Cell(s.Divergence)} | {Cell(s.Reference)} |\n");
        md.Append('\n');

        md.Append("## Analyzer findings\n\n").Append(data.AnalyzerNote).Append("\n\n");
        if (data.Analyzers.Count > 0)
        {
            md.Append("| Rule | Title | Call sites before (legacy clients) | After (ported clients) |\n|---|---|---:|---:|\n");
            foreach (AnalyzerRow a in data.Analyzers)
                md.Append(CultureInfo.InvariantCulture, $"| {a.RuleId} | {Cell(a.Title)} | {a.Before} | {a.After} |\n");
            md.Append(CultureInfo.InvariantCulture, $"| **total** | | **{data.Analyzers.Sum(a => a.Before)}** | **{data.Analyzers.Sum(a => a.After)}** |\n\n");
        }

        md.Append("## Benchmarks (quick job)\n\n");
        if (data.Benchmarks.Count == 0)
        {
            md.Append("Not run.\n\n");
        }
        else
        {
            md.Append("| Class | Method | Size | Other parameters | Mean | Allocated | Ratio to legacy |\n|---|---|---:|---|---:|---:|---:|\n");
            foreach (BenchmarkRow b in data.Benchmarks)
            {
                md.Append(CultureInfo.InvariantCulture,
                    $"| {b.Class} | {b.Method}{(b.Baseline ? " (baseline)" : "")} | {(b.Size is { } size ? ReportPlots.FormatBytes(size) : "")} | {b.OtherParameters} | {ReportPlots.FormatNanoseconds(b.MeanNs)} | {(b.AllocatedBytes is { } a ? $"{a} B" : "")} | {(b.RatioToBaseline is { } r ? r.ToString("0.###", CultureInfo.InvariantCulture) : "")} |\n");
            }
            md.Append('\n');
        }

        md.Append("## Page-table words written per buffer size\n\nCounted by the physical-memory write counter while each path maps one contiguous buffer on the MSM driver (leaf descriptors, their 16 replicas for 64K/16M pages, first-level table pointers); the entries are what the hardware walker then finds.\n\n");
        md.Append("| Path | Buffer | Words written | Entries by page size |\n|---|---:|---:|---|\n");
        foreach (PteCensusRow p in data.PteCensus)
        {
            string bySize = string.Join(", ", p.EntriesByPageSize.OrderBy(k => k.Key).Select(k => $"{ReportPlots.FormatBytes(k.Key)}: {k.Value}"));
            md.Append(CultureInfo.InvariantCulture, $"| {p.Path} | {ReportPlots.FormatBytes(p.BufferSize)} | {p.WordsWritten} | {bySize} |\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"\n![Page-table words written per buffer size]({PtePlot})\n");
        return md.ToString();
    }

    // The goals first, each with its figure and MET / MISSED, then one plot per question.
    private static void WriteVerdict(StringBuilder md, IReadOnlyList<GoalResult> goals)
    {
        md.Append(CultureInfo.InvariantCulture,
            $"## Verdict: {goals.Count(g => g.Status == GoalStatus.Met)} of {goals.Count} goals met, {goals.Count(g => g.Status == GoalStatus.Missed)} missed, {goals.Count(g => g.Status == GoalStatus.NotMeasured)} not measured\n\n");
        md.Append("The figures come from this run's quick job (`migrate bench --quick --goals`): BenchmarkDotNet, each class in a child process of its own, 25 ms iterations, 6-16 warm-ups, 5 measured. A ratio is of two medians from the same child; on a loaded machine both sides slow down, but a short run can still catch one side in a burst. `migrate bench --filter ...` (BenchmarkDotNet's default job) measures at length.\n\n");
        md.Append("| Question | Goal | Measured (medians, one run) | Verdict |\n|---|---|---|---|\n");
        foreach (GoalResult g in goals)
        {
            string verdict = g.Status switch { GoalStatus.Met => "MET", GoalStatus.Missed => "**MISSED**", _ => "not measured" };
            md.Append(CultureInfo.InvariantCulture, $"| {g.Goal.Question} | {Cell(g.Goal.Text)} | {Cell(g.FigureText)} | {verdict} |\n");
        }
        md.Append('\n');
        // A missed goal whose cause is the modelled kernel itself says so once, under the table.
        foreach (string caveat in goals.Where(g => g.Status == GoalStatus.Missed && g.Goal.Caveat is not null).Select(g => g.Goal.Caveat!).Distinct(StringComparer.Ordinal))
            md.Append(CultureInfo.InvariantCulture, $"Missed by design: {caveat}\n\n");
        foreach ((string question, string plot) in new[]
        {
            (PerformanceGoals.ContiguousMap, ContiguousMapPlot), (PerformanceGoals.ScatterList, ScatterListPlot),
            (PerformanceGoals.UnmapVersusMap, UnmapVersusMapPlot), (PerformanceGoals.PteCost, PteCostPlot),
        })
        {
            md.Append(CultureInfo.InvariantCulture, $"### {char.ToUpperInvariant(question[0])}{question[1..]}\n\n![{question}]({plot})\n\n");
        }
    }

    private static string Cell(string? text) => text is null ? "" : text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
