using Migration.Equivalence;
using Migration.Scenarios.KnownBad;
using Migration.Scenarios.Omap;

namespace Migration.Scenarios;

/// <summary>
/// `omap-map-rollback` (generic.md §9.5, omap.md §5.5): a 1M + 4K region mapped at a fixed device address while the
/// ISP MMU's next L2 table allocation fails, so the 1M section maps and the 4K page does not. 3.0's map_iovm_area
/// unwinds the section; 3.3's iommu_map must roll it back too: both return -ENOMEM with nothing mapped. Then the same
/// map succeeds in both and the ISP reads the region.
/// </summary>
public sealed class OmapMapRollbackScenario : ITwoWorldScenario
{
    private static readonly TraceStep[] Script =
    [
        new("l2fail"),
        new("map", new TraceArg("da", 0x00100000), new TraceArg("pa", 0x88100000), new TraceArg("size", 0x101000)),
        new("map", new TraceArg("da", 0x00100000), new TraceArg("pa", 0x88100000), new TraceArg("size", 0x101000)),
        new("dma", new TraceArg("da", 0x00100000), new TraceArg("size", 0x101000)),
    ];

    /// <summary>The scenario; with <paramref name="knownBadPort"/> the 3.3 world runs that deliberately wrong port (test-only).</summary>
    public OmapMapRollbackScenario(KnownBadPort? knownBadPort = null) => KnownBadPort = knownBadPort;

    /// <summary>The known-bad port the ported world runs, or null for the real port.</summary>
    public KnownBadPort? KnownBadPort { get; }

    /// <inheritdoc />
    public string Name => "omap-map-rollback";

    /// <inheritdoc />
    public string Description => "generic.md §9.5: a map that fails midway (L2 table allocation) leaves nothing mapped: 3.0 iommu_vmap's unwind vs 3.3 iommu_map's rollback";

    /// <inheritdoc />
    public int DefaultSteps => Script.Length;

    /// <inheritdoc />
    public IReadOnlyList<TraceStep> Generate(int seed, int steps) => Script;

    /// <inheritdoc />
    public (string Field, string Message)? Validate(TraceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        string[]? required = step.Op switch
        {
            "l2fail" => [],
            "map" => ["da", "pa", "size"],
            "dma" => ["da", "size"],
            _ => null,
        };
        if (required is null)
            return ("op", $"unknown operation '{step.Op}' (known: l2fail, map, dma)");
        foreach (string name in required)
        {
            if (!step.Has(name))
                return (name, $"'{step.Op}' needs {name}=");
        }
        foreach (string name in new[] { "da", "pa", "size" })
        {
            if (step.Has(name) && (step[name] is < 0 or > uint.MaxValue || (step[name] & 0xFFF) != 0))
                return (name, "must be a 4K-aligned 32-bit value");
        }
        return step.Has("size") && step["size"] == 0 ? ("size", "must not be 0") : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<IWorldComparison> Comparisons { get; } = [EntryForEntryComparison.Instance];

    /// <inheritdoc />
    public IEquivalenceWorld CreateLegacy() => new OmapFailedMapWorld(ported: false);

    /// <inheritdoc />
    public IEquivalenceWorld CreatePorted() => new OmapFailedMapWorld(ported: true, KnownBadPort);
}
