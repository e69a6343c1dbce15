using Migration.Equivalence;
using Migration.Scenarios.KnownBad;

namespace Migration.Scenarios.Tests;

/// <summary>The `random` scenario: 3.0 iovmm and omap-iovmm 3.3 agree, and an injected driver bug is caught exactly.</summary>
public class RandomScenarioTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void RandomTraces_AreEquivalent_InTranslationAndStrictMode(int seed)
    {
        var scenario = new RandomScenario();
        var trace = new Trace("random", seed, scenario.Generate(seed, 600));
        EquivalenceReport translation = EquivalenceEngine.Run(scenario, trace);
        EquivalenceReport strict = EquivalenceEngine.Run(scenario, trace, new EquivalenceOptions { Mode = EquivalenceMode.Strict });

        Assert.Null(translation.Divergence);
        Assert.Null(strict.Divergence); // iovmm chooses the pages in both eras: one IOMMU page per sg entry, 4K for vmalloc
        Assert.Equal(600, translation.StepsRun);
        Assert.True(translation.MappingsCompared > 0);
    }

    [Fact]
    public void GeneratedTraces_AreDeterministicPerSeed()
    {
        var scenario = new RandomScenario();
        Assert.Equal(scenario.Generate(7, 50).Select(s => s.ToString()), scenario.Generate(7, 50).Select(s => s.ToString()));
        Assert.NotEqual(scenario.Generate(7, 50).Select(s => s.ToString()), scenario.Generate(8, 50).Select(s => s.ToString()));
    }

    [Fact]
    public void ABrokenPort_IsCaughtAtTheFirstMapping_WithBothEntriesAndTheWritingCall()
    {
        var scenario = new RandomScenario(new OmapWrongEndianPort());
        var trace = new Trace("random", 0, [new TraceStep("vmalloc", new TraceArg("buf", 0), new TraceArg("size", 0x3000))]);

        Divergence d = EquivalenceEngine.Run(scenario, trace).Divergence!;

        // The first anonymous area starts at 0x1000 (omap.md §8.11); the port's PTE carries E (bit 9, MMU_RAM 0x200).
        Assert.Equal(DivergenceKind.Translation, d.Kind);
        Assert.Equal("isp", d.Space);
        Assert.Equal(0x1000u, d.Iova);
        Assert.Equal(0, d.Step);
        Assert.Matches(@"^4K pte 0x[0-9a-f]{5}002 @pa 0x[0-9a-f]{8} attrs 0x0 -> buf0\+0x0$", d.Legacy);
        Assert.Matches(@"^4K pte 0x[0-9a-f]{5}202 @pa 0x[0-9a-f]{8} attrs 0x200 -> buf0\+0x0$", d.Ported);
        Assert.Equal("iommu_vmalloc(isp, 0, 0x3000, 0) for buf0", d.LegacyWriter);
        Assert.Equal("iommu_vmalloc(isp, 0, 0x3000, 0) for buf0", d.PortedWriter);
    }

    [Fact]
    public void PropertyMode_ShrinksABrokenPortToAOneStepTrace()
    {
        var scenario = new RandomScenario(new OmapWrongEndianPort());
        PropertyCheckResult result = PropertyCheck.Run(scenario, scenario, 200);

        Assert.False(result.Passed);
        TraceStep only = Assert.Single(result.Minimal!.Steps);
        Assert.Contains(only.Op, new[] { "vmalloc", "vmap" }); // any single mapping shows the wrong bit
        Assert.Equal(0, result.Report!.Divergence!.Step);
    }

    [Fact]
    public void PropertyMode_FindsNothingInTheRealPort()
    {
        var scenario = new RandomScenario();
        Assert.True(PropertyCheck.Run(scenario, scenario, 60).Passed);
    }

    [Fact]
    public void AFixedSuperpageVmap_IsEquivalent_EntryForEntry()
    {
        var scenario = new RandomScenario();
        var trace = new Trace("random", 0,
        [
            new TraceStep("vmap", new TraceArg("buf", 0), new TraceArg("pa", 0x89000000), new TraceArg("entries", 1), new TraceArg("size", 0x1000000), new TraceArg("da", 0x41000000)),
            new TraceStep("vmap", new TraceArg("buf", 1), new TraceArg("pa", 0x88100000), new TraceArg("entries", 3), new TraceArg("size", 0x100000), new TraceArg("da", 0x40100000)),
            new TraceStep("dma", new TraceArg("buf", 0)),
            new TraceStep("vunmap", new TraceArg("buf", 0)),
            new TraceStep("dma", new TraceArg("buf", 1)),
        ]);
        EquivalenceReport report = EquivalenceEngine.Run(scenario, trace, new EquivalenceOptions { Mode = EquivalenceMode.Strict });
        Assert.Null(report.Divergence);
        Assert.Equal(1, report.FinalRuns);
        Assert.Equal(0x300000UL, report.FinalMappedBytes);
    }
}
