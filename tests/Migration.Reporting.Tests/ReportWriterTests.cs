namespace Migration.Reporting.Tests;

/// <summary>The report files: sections present, numbers equal to the data, plots written, HTML self-contained.</summary>
public sealed class ReportWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Dictionary<string, string> P(params (string, string)[] kv) => kv.ToDictionary(p => p.Item1, p => p.Item2);

    private static ReportData Sample() => new()
    {
        Generated = new DateTimeOffset(2026, 11, 27, 1, 2, 3, TimeSpan.Zero),
        Machine = "test machine",
        Vectors = [new VectorSuiteRow("omap-pgtable", 100, 0), new VectorSuiteRow("msm-core", 45, 1)],
        Scenarios =
        [
            new ScenarioRow("omap3isp-capture", "translation", ScenarioRow.EquivalentVerdict, 299, 60417, null, null),
            new ScenarioRow("omap-superpage-misaligned", "translation", ScenarioRow.DocumentedVerdict, 2, 3, "step 1 (vmap ...): ReturnValue", "omap.md §7.5: misaligned"),
            new ScenarioRow("broken", "strict", "DIVERGENT", 1, 1, "step 0: Translation | with a pipe", null),
        ],
        Benchmarks =
        [
            new BenchmarkRow("EraAMapLoopBenchmarks", "EraALoop4K", P(("Size", "4096")), 1000, 0, true, 1),
            new BenchmarkRow("EraAMapLoopBenchmarks", "GenericMap", P(("Size", "4096")), 800, 0, false, 0.8),
            new BenchmarkRow("EraAMapLoopBenchmarks", "EraALoop4K", P(("Size", "67108864")), 16_000_000, 0, true, 1),
            new BenchmarkRow("EraAMapLoopBenchmarks", "GenericMap", P(("Size", "67108864")), 20_000, 0, false, 0.00125),
        ],
        PteCensus = PteCensus.Build([0x1000, 0x4000000]),
        AnalyzerNote = "Analyzers pending.",
        Analyzers = [new AnalyzerRow("IOMMU002", "OMAP iovmm API", 15, 0), new AnalyzerRow("IOMMU001", "OMAP iommu API", 5, 0)],
    };

    [Fact]
    public void WritesBothReportsAndBothPlots()
    {
        IReadOnlyList<string> files = ReportWriter.Write(_dir, Sample());

        Assert.Equal(["map-time.png", "ptes-per-size.png", "report.md", "report.html"], files.Select(Path.GetFileName));
        foreach (string png in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            byte[] bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 10_000, $"{png} is only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
    }

    [Fact]
    public void TheMarkdown_HasEverySection_AndTheNumbersOfTheData()
    {
        string md = MarkdownReport.Write(Sample());

        foreach (string section in new[] { "## Golden vectors", "## Equivalence scenarios", "## Analyzer findings", "## Benchmarks (quick job)", "## Page-table words written per buffer size" })
            Assert.Contains(section, md);
        Assert.Contains("| omap-pgtable | 100 | 0 |", md);
        Assert.Contains("| **total** | **145** | **1** |", md);
        Assert.Contains("| omap3isp-capture | translation | equivalent | 299 | 60417 |  |  |", md);
        Assert.Contains("| omap-superpage-misaligned | translation | differs as documented | 2 | 3 | step 1 (vmap ...): ReturnValue | omap.md §7.5: misaligned |", md);
        Assert.Contains("| broken | strict | DIVERGENT | 1 | 1 | step 0: Translation \\| with a pipe |  |", md);
        Assert.Contains("| EraAMapLoopBenchmarks | GenericMap | 64M |  | 20 µs | 0 B | 0.001 |", md);
        Assert.Contains("| EraAMapLoopBenchmarks | EraALoop4K (baseline) | 4K |  | 1 µs | 0 B | 1 |", md);
        // 64 MiB at a 16M-aligned iova and pa: four supersections of 16 replicas each (omap.md §8.1).
        Assert.Contains("| generic iommu_map | 64M | 16M: 64 | 64 |", md);
        Assert.Contains("| Era-A 4K loop | 64M | 4K: 16384 | 16384 |", md);
        Assert.Contains("![Map time versus buffer size](map-time.png)", md);
        Assert.Contains("Analyzers pending.", md);
        Assert.Contains("| IOMMU002 | OMAP iovmm API | 15 | 0 |", md);
        Assert.Contains("| **total** | | **20** | **0** |", md);
    }

    [Fact]
    public void TheHtml_IsSelfContained_WithTheTablesAndEmbeddedPlots()
    {
        ReportWriter.Write(_dir, Sample());
        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(2, html.Split("src=\"data:image/png;base64,").Length - 1);
        Assert.DoesNotContain("src=\"map-time.png\"", html);
        Assert.Contains("<h2>Equivalence scenarios</h2>", html);
        Assert.Contains("<td>step 0: Translation | with a pipe</td>", html);
        Assert.Contains("<td class=\"n\">145</td>", html.Replace("<b>", "").Replace("</b>", ""));
        Assert.Contains("omap.md §7.5: misaligned", html);
    }

    [Fact]
    public void TheHtml_RefusesAReportThatReferencesAMissingImage()
    {
        var e = Assert.Throws<ArgumentException>(() => HtmlReport.Write("![x](nothing.png)\n", new Dictionary<string, byte[]>()));
        Assert.Contains("nothing.png", e.Message);
    }

    [Fact]
    public void TheCensus_CountsReplicatedWords()
    {
        // 0x121000 bytes at 16M-aligned iova/pa: one 1M section, two 64K pages (16 words each), one 4K page.
        Dictionary<uint, long> words = PteCensus.Split(0x10000000, 0x80000000, 0x121000);
        Assert.Equal(new Dictionary<uint, long> { [0x100000] = 1, [0x10000] = 32, [0x1000] = 1 }, words);
    }

    [Theory]
    [InlineData(4096, "4K")]
    [InlineData(65536, "64K")]
    [InlineData(1048576, "1M")]
    [InlineData(67108864, "64M")]
    public void SizesAreFormattedAsKernelPeopleWriteThem(double bytes, string text) => Assert.Equal(text, ReportPlots.FormatBytes(bytes));
}
