using Migration.Kernel;
using Migration.Equivalence;
using Migration.Scenarios.Omap;

namespace Migration.Scenarios;

/// <summary>
/// `omap-generic-prot` (omap.md §7.3): the 3.3 OMAP driver ORs prot raw into its IOVMF flags, so a generic caller's
/// IOMMU_READ|IOMMU_WRITE (3) is the 16M page-size code: a 4K request becomes a supersection where da and pa are
/// 16M-aligned, and -EINVAL elsewhere.
/// </summary>
public sealed class OmapGenericProtScenario : ScriptedScenario
{
    /// <inheritdoc />
    public override string Name => "omap-generic-prot";

    /// <inheritdoc />
    public override string Description => "omap.md §7.3: a generic caller's IOMMU_READ|IOMMU_WRITE read as OMAP page-size bits";

    /// <inheritdoc />
    public override string Reference => "omap.md §7.3: prot is ORed raw into the OMAP flags; IOMMU_READ|IOMMU_WRITE = 3 is the 16M page-size code";

    /// <inheritdoc />
    protected override IReadOnlyList<TraceStep> Script { get; } =
    [
        new("map", new TraceArg("da", 0x01000000), new TraceArg("pa", 0x81000000), new TraceArg("size", 0x1000), new TraceArg("prot", 3)),
        new("map", new TraceArg("da", 0x00101000), new TraceArg("pa", 0x80101000), new TraceArg("size", 0x1000), new TraceArg("prot", 3)),
    ];

    /// <inheritdoc />
    public override (string Field, string Message)? Validate(TraceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Op != "map")
            return ("op", $"unknown operation '{step.Op}' (known: map)");
        foreach (string name in new[] { "da", "pa", "size", "prot" })
        {
            if (!step.Has(name))
                return (name, $"'map' needs {name}=");
        }
        return step["size"] is 0x1000 or 0x10000 or 0x100000 or 0x1000000 ? null : ("size", "must be one OMAP page size");
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ExpectedDivergence> Expected =>
    [
        // Step 0: 3.0 maps the one 4K page; 3.3 the whole 16M supersection, so the rest of [16M, 32M) is mapped in 3.3 only.
        new()
        {
            Reference = Reference, Step = 0, Kind = DivergenceKind.Translation, Space = "isp", Start = 0x01000000, End = 0x02000000,
            Legacy = ExpectedSide.Unmapped, Ported = ExpectedSide.Page(0x1000000),
        },
        // Step 1: at an address not aligned to 16M the supersection cannot be written: -EINVAL, nothing mapped.
        new() { Reference = Reference, Step = 1, Kind = DivergenceKind.ReturnValue, Legacy = ExpectedSide.Returns(0), Ported = ExpectedSide.Returns(-Errno.EINVAL) },
        new()
        {
            Reference = Reference, Step = 1, Kind = DivergenceKind.Translation, Space = "isp", Start = 0x00101000, End = 0x00102000,
            Legacy = ExpectedSide.Page(0x1000), Ported = ExpectedSide.Unmapped,
        },
    ];

    /// <inheritdoc />
    public override IEquivalenceWorld CreateLegacy() => new OmapRawMapWorld(ported: false);

    /// <inheritdoc />
    public override IEquivalenceWorld CreatePorted() => new OmapRawMapWorld(ported: true);
}
