using Migration.Equivalence;
using Migration.Scenarios.KnownBad;

namespace Migration.Scenarios.Tests;

/// <summary>
/// Issue 15: every known-bad port is caught by the scenarios its catalog entry names, at an exact step, kind, space,
/// device address and pair of entries, with no documented difference to hide behind; the real ports pass the same runs.
/// </summary>
public class KnownBadPortTests
{
    private const int Seed = 0;
    private const int MaxSteps = 300;

    /// <summary>What each (port, scenario) run must report: step, kind, space, device address, the reference side's and the port's text.</summary>
    private static readonly Dictionary<(string Port, string Scenario), (int Step, DivergenceKind Kind, string Space, uint? Iova, string Legacy, string Ported)> Caught = new()
    {
        // The frame's pa 0x80400000 + 0xa000 is 4K-aligned only; at the 64K-aligned iova 0x30000 the bug picks a 64K
        // page whose base rounds pa down to 0x80400000: the device sees the buffer's first page there.
        [("splitter-ignores-paddr", "msm-camera")] = (1, DivergenceKind.Translation, "camera", 0x00030000u,
            "4K pte 0x8040ac3a @pa 0x800390c0 attrs 0x26 -> buf0+0xa000",
            "64K pte 0x80400c39 @pa 0x800280c0 attrs 0x26 -> buf0+0x0"),
        // 9 x 64K from 0xa2e70000: the last entry, at +0x80000, survives the vunmap.
        [("iovmm-unmap-keeps-last-entry", "random")] = (2, DivergenceKind.Translation, "isp", 0xa2ef0000u,
            "unmapped (fault)",
            "64K pte 0x89790001 @pa 0x800043c0 attrs 0x0 -> 0x89790000"),
        // The 1080p buffer's last page (video0.0 + 0x3f4000) points one page further, at memory the buffer does not own.
        [("dma-map-wrong-page", "omap3isp-capture-dma")] = (5, DivergenceKind.Translation, "isp", 0x003ff000u,
            "video0.0+0x3f4000 at 0x003ff000: 4K pte 0x8040e002 @pa 0x80017ffc attrs 0x0 -> buf1+0x3f4000",
            "video0.0+0x3f4000 at 0x004f4000: 4K pte 0x80403002 @pa 0x804043d0 attrs 0x0 -> 0x80403000"),
        // The camera joins a populated space; the LSC table at the space's first address is not replayed.
        [("shared-replay-skips-one", "shared-space")] = (19, DivergenceKind.CrossDevice, "camera", 0x80000000u,
            "[0x80000000, 0x80007000) -> 0x80030000, rw, little-endian, non-cached: 0x80000000 -> 0x80030000",
            "unmapped (fault)"),
        // The one IOMMU_CACHE buffer: class 1 (0xc36, TEX/C/B index 1) where the space asked for cacheable memory.
        [("shared-cache-class-noncached", "shared-space")] = (20, DivergenceKind.CrossDevice, "camera", 0x80007000u,
            "[0x80007000, 0x8000d000) -> 0x81a58000, rw, little-endian, cached: 0x80007000 -> 0x81a58000",
            "4K pte 0x81a58c36 @pa 0x818da01c attrs 0x16: 0x80007000 -> 0x81a58000, rw, little-endian, non-cached"),
        // The buffer starts 0x100 into its first page: with the offset dropped, the device address the ISP is given
        // covers 0x10000 bytes from the page, not the 0x11000 the buffer spans (the engine reports the buffer, not one address).
        [("dma-drops-sg-offset", "omap3isp-userptr-dma")] = (3, DivergenceKind.Translation, "", null,
            "buffer video0.0 (0x11000 bytes at 0x00001000)",
            "buffer video0.0 (0x10000 bytes at 0x00010000)"),
        // buf1 (vmap'ed at 0xa000) was read at step 4; its vunmap leaves the TLB entry the tables no longer back.
        [("omap-unmap-skips-tlb-flush", "random")] = (5, DivergenceKind.Tlb, "isp", 0x0000a000u,
            "(consistent)",
            "TLB[0] 4K 0x0000a000 -> 0x8b45f000, table: unmapped in the table"),
        // The 1M section mapped before the 4K page's L2 table allocation failed stays mapped.
        [("map-rollback-skipped", "omap-map-rollback")] = (1, DivergenceKind.Translation, "isp", 0x00100000u,
            "unmapped (fault)",
            "1M pgd 0x88100002 @pa 0x80000004 attrs 0x0 -> buf0+0x0"),
        // buf2 (64 x 4K at 0x25f60000) was read at step 6; its unmap clears the entries, but the leaf invalidations the
        // port gathers are never issued (msm_iommu_ops has no iotlb_sync), so the TLB still translates 0x25f60000.
        [("msm-v7s-gather-without-sync", "msm-random")] = (7, DivergenceKind.Tlb, "vfe", 0x25f60000u,
            "(consistent)",
            "TLB[3] 4K 0x25f60000 -> 0x8c7fb000, table: unmapped in the table"),
        // E is MMU_RAM bit 9 (0x200).
        [("omap-wrong-endian", "random")] = (0, DivergenceKind.Translation, "isp", 0xa2e70000u,
            "64K pte 0x89710001 @pa 0x800101c0 attrs 0x0 -> 0x89710000",
            "64K pte 0x89710201 @pa 0x800041c0 attrs 0x200 -> 0x89710000"),
        [("omap-wrong-endian", "shared-space")] = (2, DivergenceKind.CrossDevice, "isp", 0x80000000u,
            "[0x80000000, 0x80007000) -> 0x80030000, rw, little-endian, non-cached: 0x80000000 -> 0x80030000",
            "4K pte 0x80030202 @pa 0x8002c000 attrs 0x200: 0x80000000 -> 0x80030000, rw, big-endian, no memory type"),
    };

    public static TheoryData<string> Ports() => new(KnownBadPorts.All.Select(p => p.Name));

    public static TheoryData<string> CatchingScenarios() => new(KnownBadPorts.All.SelectMany(p => p.CaughtBy).Distinct());

    private static EquivalenceReport Run(IScenario s) =>
        EquivalenceEngine.Run(s, new Trace(s.Name, Seed, s.Generate(Seed, Math.Min(s.DefaultSteps, MaxSteps))));

    [Theory]
    [MemberData(nameof(Ports))]
    public void EachKnownBadPort_IsCaught_ByEveryScenarioItNames_AtTheExpectedAddress(string name)
    {
        KnownBadPort port = KnownBadPorts.Find(name)!;
        foreach (string scenario in port.CaughtBy)
        {
            IScenario s = ScenarioCatalog.Find(scenario, port)!;
            Divergence d = Assert.IsType<Divergence>(Run(s).Divergence);
            var expected = Caught[(name, scenario)];

            Assert.Null(d.Reference); // not a documented difference
            Assert.Equal(expected.Step, d.Step);
            Assert.Equal(expected.Kind, d.Kind);
            Assert.Equal(expected.Space, d.Space);
            Assert.Equal(expected.Iova, d.Iova);
            Assert.Equal(expected.Legacy, d.Legacy);
            Assert.Equal(expected.Ported, d.Ported);
        }
    }

    [Theory]
    [MemberData(nameof(CatchingScenarios))]
    public void TheRealPorts_PassEveryCatchingScenario_OnTheSameRun(string scenario)
    {
        EquivalenceReport r = Run(ScenarioCatalog.Find(scenario)!);

        Assert.Null(r.Divergence);
        Assert.True(r.MappingsCompared > 0, $"{scenario} compared nothing");
    }

    [Fact]
    public void EveryCatalogEntry_NamesAScenarioThatTakesIt_AndHasItsCatchPinned()
    {
        Assert.Equal(KnownBadPorts.All.Count, KnownBadPorts.All.Select(p => p.Name).Distinct().Count());
        var named = new HashSet<(string, string)>();
        foreach (KnownBadPort port in KnownBadPorts.All)
        {
            Assert.NotEmpty(port.CaughtBy); // an entry no scenario catches fails here
            Assert.False(string.IsNullOrWhiteSpace(port.Breaks));
            foreach (string scenario in port.CaughtBy)
            {
                Assert.NotNull(ScenarioCatalog.Find(scenario)); // a registered scenario
                Assert.NotNull(ScenarioCatalog.Find(scenario, port)); // whose ported world takes the port
                Assert.True(Caught.ContainsKey((port.Name, scenario)), $"{port.Name} / {scenario}: no pinned divergence");
                named.Add((port.Name, scenario));
            }
        }
        Assert.Equal(named.Count, Caught.Count); // no pinned catch for a pairing the catalog no longer names
        Assert.True(KnownBadPorts.All.Count >= 8);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheUserptrDmaScenario_ReadsEachOffsetBuffer_FromItsFirstToItsLastByte(bool dmaPort)
    {
        var s = new Omap3ispUserptrDmaScenario();
        IEquivalenceWorld world = dmaPort ? s.CreatePorted() : s.CreateLegacy();
        IReadOnlyList<TraceStep> steps = s.Generate(Seed, s.DefaultSteps);
        var reads = new List<string>();
        foreach (TraceStep step in steps)
        {
            StepOutcome o = world.Apply(step);
            if (step.Op == "dma")
                reads.Add(string.Join(" ", o.Observed));
        }

        // Buffers 0x10000 bytes long starting 0x100 and 0xA00 into their first page (which the client names +0x0), and at 0.
        Assert.Equal(
        [
            "+0x0->buf0+0x100 +0xffff->buf0+0x100ff",
            "+0x0->buf1+0xa00 +0xffff->buf1+0x109ff",
            "+0x0->buf2+0x0 +0xffff->buf2+0xffff",
        ], reads);
    }

    [Fact]
    public void TheCatalog_FindsPortsByName_AndKeepsTheBrokenPortSwitch()
    {
        Assert.IsType<OmapWrongEndianPort>(KnownBadPorts.Find("omap-wrong-endian"));
        Assert.Null(KnownBadPorts.Find("nothing"));
        Assert.Null(ScenarioCatalog.Find("random", "nothing"));
        Assert.Null(ScenarioCatalog.Find("omap3isp-remove", "omap-wrong-endian")); // its ported world takes no port
        var random = Assert.IsType<RandomScenario>(ScenarioCatalog.Find("random", "omap-unmap-skips-tlb-flush"));
        Assert.IsType<OmapUnmapSkipsTlbFlushPort>(random.KnownBadPort);
        // `equiv --broken-port` is the E-bit entry, for the scenarios that entry names.
        Assert.IsType<OmapWrongEndianPort>(Assert.IsType<SharedSpaceScenario>(ScenarioCatalog.Find("shared-space", brokenPort: true)).KnownBadPort);
        Assert.Null(ScenarioCatalog.Find("msm-camera", brokenPort: true));
        Assert.Null(((RandomScenario)ScenarioCatalog.Find("random", brokenPort: false)!).KnownBadPort);
    }
}
