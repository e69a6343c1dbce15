using Migration.Equivalence;

namespace Migration.Scenarios.Tests;

/// <summary>The omap3isp scenarios: the 3.0 driver and its two ports seen by the ISP MMU.</summary>
public class Omap3ispScenarioTests
{
    private static EquivalenceReport Run(IScenario s, int seed, EquivalenceMode mode = EquivalenceMode.Translation) =>
        EquivalenceEngine.Run(s, new Trace(s.Name, seed, s.Generate(seed, s.DefaultSteps)), new EquivalenceOptions { Mode = mode });

    private static TraceStep Step(string op, params (string Name, long Value)[] args) =>
        new(op, args.Select(a => new TraceArg(a.Name, a.Value)).ToArray());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Capture_IsEquivalent_EntryForEntry_OnOmapIovmm33(int seed)
    {
        // omap-iovmm 3.3 keeps iovmm's page choices (one IOMMU page per sg entry), so even strict mode agrees.
        EquivalenceReport strict = Run(new Omap3ispCaptureScenario(), seed, EquivalenceMode.Strict);
        Assert.Null(strict.Divergence);
        Assert.Equal(strict.StepsTotal, strict.StepsRun);
        Assert.True(strict.PeakMappings > 1000); // megabyte video buffers were live
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Stats_IsEquivalent_EntryForEntry(int seed)
    {
        EquivalenceReport r = Run(new Omap3ispStatsScenario(), seed, EquivalenceMode.Strict);
        Assert.Null(r.Divergence);
        Assert.True(r.FinalMappedBytes > 0); // statistics buffers stay allocated after the session
    }

    [Fact]
    public void CaptureOnTheDmaPort_TranslatesEveryBufferAlike()
    {
        EquivalenceReport r = Run(new Omap3ispCaptureDmaScenario(), 1);
        Assert.Null(r.Divergence);
        Assert.Equal(r.StepsTotal, r.StepsRun);
    }

    [Fact]
    public void TheDmaPort_MapsAContiguousPfnmapBuffer_WithASection_WhereIovmmWrites4KPages()
    {
        var s = new Omap3ispCaptureDmaScenario();
        var trace = new Trace(s.Name, 0,
        [
            Step("probe"),
            Step("get"),
            Step("reqbufs", ("node", 0), ("count", 1), ("size", 0x120000), ("mem", 2)),
            Step("qbuf", ("node", 0), ("index", 0)),
            Step("dma", ("node", 0), ("index", 0)),
        ]);
        Assert.Null(EquivalenceEngine.Run(s, trace).Divergence); // the device sees the same buffer

        EquivalenceReport strict = EquivalenceEngine.Run(s, trace, new EquivalenceOptions { Mode = EquivalenceMode.Strict });
        Assert.Equal(EquivalenceVerdict.DiffersAsDocumented, strict.Verdict);
        Divergence d = Assert.Single(strict.Documented);

        // iovmm: one 4K page per sg entry (omap.md §8.18); DMA port: one contiguous segment, 1M-aligned IOVA, so the
        // core splits it into a 1M section and 64K pages (generic.md §5.1).
        Assert.Equal(3, d.Step);
        Assert.Equal(DivergenceKind.Entries, d.Kind);
        Assert.Equal(0x00001000u, d.Iova);
        Assert.Equal("video0.0+0x0 at 0x00001000: 4K pte 0xa0000002 @pa ", d.Legacy[..50]);
        Assert.StartsWith("video0.0+0x0 at 0x00100000: 1M pgd 0xa0000002 @pa ", d.Ported);
        Assert.StartsWith("generic.md §5.1", d.Reference);
    }

    [Fact]
    public void UserptrWithAnOffset_IsEioIn30_AndMappedIn33_OmapMd77()
    {
        var s = new Omap3ispUserptrOffsetScenario();
        EquivalenceReport r = Run(s, 0);
        Assert.Equal(EquivalenceVerdict.DiffersAsDocumented, r.Verdict);
        // QBUF's return value, the buffer mapped in 3.3 only, then the device's read of it.
        Assert.Equal(
            ["3 ReturnValue", "3 Translation isp 0x00001000", "4 ReturnValue", "4 DeviceAccess"],
            r.Documented.Select(x => $"{x.Step} {x.Kind}" + (x.Iova is { } da ? $" {x.Space} 0x{da:x8}" : "")));
        Divergence d = r.Documented[0];
        Assert.Equal(3, d.Step);
        Assert.Equal(DivergenceKind.ReturnValue, d.Kind);
        Assert.Equal("-5 (EIO)", d.Legacy);
        Assert.Equal("0", d.Ported);
        Assert.StartsWith("omap.md §7.7", d.Reference);
    }

    [Fact]
    public void RemoveIn33_DereferencesTheDetachedIommu_OmapMd77()
    {
        EquivalenceReport r = Run(new Omap3ispRemoveScenario(), 0);
        Assert.Equal(EquivalenceVerdict.DiffersAsDocumented, r.Verdict);
        Divergence d = Assert.Single(r.Documented);
        Assert.Equal(3, d.Step);
        Assert.Equal(DivergenceKind.Crash, d.Kind);
        Assert.Equal("0", d.Legacy);
        Assert.StartsWith("KernelBugException: kernel BUG: omap2_iommu_save_ctx: NULL pointer dereference", d.Ported);
        Assert.StartsWith("omap.md §7.7", d.Reference);
    }

    [Fact]
    public void TheIspBuffersAreReadThroughTheMmu_AndTheirPagesNamedAlike()
    {
        var s = new Omap3ispCaptureScenario();
        IEquivalenceWorld legacy = s.CreateLegacy(), ported = s.CreatePorted();
        TraceStep[] steps =
        [
            Step("probe"), Step("get"),
            Step("reqbufs", ("node", 0), ("count", 2), ("size", 0x3000), ("mem", 0)),
            Step("qbuf", ("node", 0), ("index", 0)),
            Step("qbuf", ("node", 0), ("index", 1)),
            Step("dma", ("node", 0), ("index", 1)),
        ];
        StepOutcome? a = null, b = null;
        foreach (TraceStep step in steps)
        {
            a = legacy.Apply(step);
            b = ported.Apply(step);
        }
        // MMAP buffers of 3 pages at 0x1000 and 0x5000 (a guard page after each area, omap.md §8.11); the ISP reads
        // the second one's first, middle and last page, named by the area (area 1) in both worlds.
        Assert.Equal(["0x00005000->buf1+0x0", "0x00006000->buf1+0x1000", "0x00007000->buf1+0x2000"], a!.Observed);
        Assert.Equal(a.Observed, b!.Observed);
    }
}
