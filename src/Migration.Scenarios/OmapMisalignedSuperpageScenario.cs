using Migration.Kernel;
using Migration.Equivalence;
using Migration.Scenarios.Omap;

namespace Migration.Scenarios;

/// <summary>
/// `omap-superpage-misaligned` (omap.md §7.5): a 64K sg entry vmapped at an anonymous, only 4K-aligned device
/// address fails with -ENOMEM in 3.0 and is silently split into 4K pages in 3.3.
/// </summary>
public sealed class OmapMisalignedSuperpageScenario : ScriptedScenario
{
    private readonly RandomScenario _vocabulary = new();

    /// <inheritdoc />
    public override string Name => "omap-superpage-misaligned";

    /// <inheritdoc />
    public override string Description => "omap.md §7.5: a 64K sg entry at a misaligned device address, 3.0 iovmm vs omap-iovmm 3.3";

    /// <inheritdoc />
    public override string Reference => "omap.md §7.5: a 64K/1M/16M sg entry at a misaligned device address is -ENOMEM in 3.0 and silently split into smaller pages in 3.3";

    /// <inheritdoc />
    protected override IReadOnlyList<TraceStep> Script { get; } =
    [
        new("vmalloc", new TraceArg("buf", 0), new TraceArg("size", 0x3000)),                                               // [0x1000, 0x4000) + guard
        new("vmap", new TraceArg("buf", 1), new TraceArg("pa", 0x88010000), new TraceArg("entries", 1), new TraceArg("size", 0x10000)), // at 0x5000
        new("dma", new TraceArg("buf", 1)),
    ];

    /// <inheritdoc />
    public override (string Field, string Message)? Validate(TraceStep step) => _vocabulary.Validate(step);

    /// <inheritdoc />
    protected override IReadOnlyList<ExpectedDivergence> Expected =>
        // Step 1: 3.0 refuses the entry and rolls the area back; 3.3 maps it at 0x5000 as sixteen 4K pages. Step 2
        // reads the buffer, which exists in 3.3 only.
        PortOnlyBuffer.Declarations(Reference, mapStep: 1, legacyReturns: -Errno.ENOMEM, portedReturns: 0x5000, "isp", 0x5000, 0x15000, readStep: 2);

    /// <inheritdoc />
    public override IEquivalenceWorld CreateLegacy() => new LegacyOmapIovmmWorld();

    /// <inheritdoc />
    public override IEquivalenceWorld CreatePorted() => new PortedOmapIovmmWorld();
}
