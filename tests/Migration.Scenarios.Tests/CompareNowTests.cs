using Migration.Equivalence;
using Migration.Scenarios.Omap;

namespace Migration.Scenarios.Tests;

/// <summary>
/// <see cref="EquivalenceEngine.CompareNow"/> on two OMAP worlds mapped by hand (3.0 iopgtable_store_entry and 3.3
/// iommu_map): the whole-space comparison the engine runs at the end, and what <c>EquivalenceBenchmarks</c> times.
/// </summary>
public class CompareNowTests
{
    private static TraceStep Map(uint da, uint pa, uint size) =>
        new("map", new TraceArg("da", da), new TraceArg("pa", pa), new TraceArg("size", size), new TraceArg("prot", 0));

    private static (OmapRawMapWorld Legacy, OmapRawMapWorld Ported) Worlds(params TraceStep[] steps)
    {
        var legacy = new OmapRawMapWorld(ported: false);
        var ported = new OmapRawMapWorld(ported: true);
        foreach (TraceStep step in steps)
        {
            Assert.Equal(0, legacy.Apply(step).Value);
            Assert.Equal(0, ported.Apply(step).Value);
        }
        return (legacy, ported);
    }

    [Fact]
    public void SameEntriesInBothEras_AreEquivalentInBothModes()
    {
        (OmapRawMapWorld legacy, OmapRawMapWorld ported) = Worlds(
            Map(0x01000000, 0x90000000, 0x1000000), Map(0x00100000, 0x80100000, 0x100000),
            Map(0x00010000, 0x80010000, 0x10000), Map(0x00001000, 0x80fff000, 0x1000));
        Assert.Null(EquivalenceEngine.CompareNow(legacy, ported));
        Assert.Null(EquivalenceEngine.CompareNow(legacy, ported, new EquivalenceOptions { Mode = EquivalenceMode.Strict }));
        Assert.Null(legacy.Memory.WriteObserver); // CompareNow does not start tracking writes
    }

    [Fact]
    public void OnePageElsewhere_IsTheTranslationDivergenceAtItsAddress()
    {
        (OmapRawMapWorld legacy, OmapRawMapWorld ported) = Worlds(Map(0x00100000, 0x80100000, 0x100000), Map(0x00001000, 0x80fff000, 0x1000));
        Assert.Equal(0, legacy.Apply(Map(0x00002000, 0x80aaa000, 0x1000)).Value);
        Assert.Equal(0, ported.Apply(Map(0x00002000, 0x80aab000, 0x1000)).Value);

        Divergence d = EquivalenceEngine.CompareNow(legacy, ported)!;

        Assert.Equal(DivergenceKind.Translation, d.Kind);
        Assert.Equal("isp", d.Space);
        Assert.Equal(0x00002000u, d.Iova);
        Assert.Equal(0x1000u, d.LegacyPageSize);
        Assert.Equal(0x1000u, d.PortedPageSize);
        Assert.False(d.SamePhysicalPage);
    }

    [Fact]
    public void SameTranslationThroughOtherPageSizes_DiffersOnlyInStrictMode()
    {
        var legacy = new OmapRawMapWorld(ported: false);
        var ported = new OmapRawMapWorld(ported: true);
        for (uint off = 0; off < 0x10000; off += 0x1000)
            Assert.Equal(0, legacy.Apply(Map(0x00040000 + off, 0x80040000 + off, 0x1000)).Value);
        Assert.Equal(0, ported.Apply(Map(0x00040000, 0x80040000, 0x10000)).Value);

        Assert.Null(EquivalenceEngine.CompareNow(legacy, ported));
        Divergence d = EquivalenceEngine.CompareNow(legacy, ported, new EquivalenceOptions { Mode = EquivalenceMode.Strict })!;
        Assert.Equal(DivergenceKind.Entries, d.Kind);
        Assert.Equal(0x00040000u, d.Iova);
        Assert.Equal((0x1000u, 0x10000u), (d.LegacyPageSize!.Value, d.PortedPageSize!.Value));
    }
}
