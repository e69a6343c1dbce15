using Migration.Equivalence;
using Migration.Scenarios.KnownBad;

namespace Migration.Scenarios.Tests;

/// <summary>
/// `msm-random`: CAF msm-3.0 and msm_iommu on io-pgtable-arm-v7s map every device address to the same page with the
/// same decoded memory type and access; the differences the formats keep are the documented ones (v7s.md §7).
/// </summary>
public class MsmRandomScenarioTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void RandomTraces_DifferOnlyAsDocumented(int seed)
    {
        var scenario = new MsmRandomScenario();
        var trace = new Trace("msm-random", seed, scenario.Generate(seed, 300));
        EquivalenceReport r = EquivalenceEngine.Run(scenario, trace);

        Assert.Null(r.Divergence);
        Assert.Empty(r.Missing);
        Assert.Equal(300, r.StepsRun);
        Assert.True(r.MappingsCompared > 1000);
        Assert.Equal(0, r.ReturnValueDifferences);
        // Only the declared patterns: the non-cacheable shareability domain (V7S-D1/D3) and the 3.0 64K TEX0 (V7S-D2).
        Assert.All(r.Documented, d => Assert.Matches(@"^v7s\.md §7 V7S-D(1/V7S-D3|2) ", d.Reference!));
        Assert.Contains(r.Documented, d => d.LegacyAttributes == MsmRandomScenario.LegacyNonCachedRw && d.PortedAttributes == MsmRandomScenario.V7sNonCachedRw);
    }

    [Fact]
    public void CachedMappingsAgreeExactly_EvenThoughTheIndexRegistersDiffer()
    {
        // Index 7 is Normal WBWA inner-shareable under the CPU's PRRR/NMRR and under the v7s values alike.
        Assert.Equal(MsmRandomScenario.CachedRw, MsmRemapTranslationWalker.Decode(7, s: true, readOnly: false, 0xFF0A81A8, 0x40E040E0));
        Assert.Equal(MsmRandomScenario.CachedRw, MsmRemapTranslationWalker.Decode(7, s: true, readOnly: false, 0x800B8204, 0x40004000));
        Assert.Equal(MsmRandomScenario.LegacyNonCachedRw, MsmRemapTranslationWalker.Decode(1, s: true, readOnly: false, 0xFF0A81A8, 0x40E040E0));
        Assert.Equal(MsmRandomScenario.V7sNonCachedRw, MsmRemapTranslationWalker.Decode(4, s: true, readOnly: false, 0x800B8204, 0x40004000));
        Assert.Equal(MsmRandomScenario.LegacyLargePageClass7, MsmRemapTranslationWalker.Decode(3, s: true, readOnly: false, 0xFF0A81A8, 0x40E040E0));
        // v7s R|W|MMIO (index 1) is Device memory under the v7s PRRR, Normal under the CPU's (v7s.md §1.4 item 1).
        Assert.Equal(1u, (MsmRemapTranslationWalker.Decode(1, s: true, readOnly: false, 0x800B8204, 0x40004000) >> 1) & 3);
    }

    [Fact]
    public void AMegabyteListIsUnmappedWithItsTableFreed_AndReadsTheSamePagesInBothWorlds()
    {
        var scenario = new MsmRandomScenario();
        var trace = new Trace("msm-random", 0,
        [
            new TraceStep("map_sg", new TraceArg("buf", 0), new TraceArg("pa", 0x88000000), new TraceArg("entries", 256), new TraceArg("stride", 0x3000), new TraceArg("iova", 0x20000000), new TraceArg("cached", 1)),
            new TraceStep("dma", new TraceArg("buf", 0)),
            new TraceStep("unmap_sg", new TraceArg("buf", 0)),
            new TraceStep("map", new TraceArg("buf", 1), new TraceArg("pa", 0x89000000), new TraceArg("size", 0x100000), new TraceArg("count", 1), new TraceArg("iova", 0x20000000), new TraceArg("cached", 1)),
            new TraceStep("dma", new TraceArg("buf", 1)),
        ]);
        EquivalenceReport r = EquivalenceEngine.Run(scenario, trace);

        Assert.Null(r.Divergence);
        Assert.Equal(0, r.DocumentedCount); // cached pages: the same decoded attributes
        Assert.Equal(0x100000ul, r.FinalMappedBytes);
    }

    [Fact]
    public void TheGatherWithoutSyncPort_LeavesAStaleTlbEntry()
    {
        var scenario = new MsmRandomScenario(new MsmV7sGatherWithoutSyncPort());
        var trace = new Trace("msm-random", 0,
        [
            new TraceStep("map_sg", new TraceArg("buf", 0), new TraceArg("pa", 0x88000000), new TraceArg("entries", 4), new TraceArg("stride", 0x2000), new TraceArg("iova", 0x20040000)),
            new TraceStep("dma", new TraceArg("buf", 0)),
            new TraceStep("unmap_sg", new TraceArg("buf", 0)),
        ]);
        Divergence d = EquivalenceEngine.Run(scenario, trace).Divergence!;

        Assert.Equal((2, DivergenceKind.Tlb, "vfe", (uint?)0x20040000u), (d.Step, d.Kind, d.Space, d.Iova));
    }

    [Fact]
    public void GeneratedTraces_AreDeterministic_AndValid()
    {
        var scenario = new MsmRandomScenario();
        IReadOnlyList<TraceStep> a = scenario.Generate(5, 200);
        Assert.Equal(a.Select(s => s.ToString()), scenario.Generate(5, 200).Select(s => s.ToString()));
        Assert.All(a, s => Assert.Null(scenario.Validate(s)));
        Assert.Equal(("size", "must be 0x1000, 0x10000, 0x100000 or 0x1000000 (a page of the 3.0 order-based iommu_map)"),
            scenario.Validate(new TraceStep("map", new TraceArg("buf", 0), new TraceArg("iova", 0x1000), new TraceArg("pa", 0x1000), new TraceArg("size", 0x2000), new TraceArg("count", 1))));
    }
}
