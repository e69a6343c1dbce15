using Generic.Omap3isp;
using Migration.Equivalence;
using Migration.Scenarios.KnownBad;
using Migration.Scenarios.Omap3isp;

namespace Migration.Scenarios;

/// <summary>
/// `omap3isp-capture-dma`: the capture session against the second port, omap3isp on the DMA-mapping API (no iovmm):
/// device addresses come from a generic IOVA allocator, so the worlds are compared buffer by buffer: each video,
/// statistics and LSC buffer must translate the same at every offset from its own device address.
/// </summary>
public sealed class Omap3ispCaptureDmaScenario : IspScenario
{
    private readonly Omap3ispCaptureScenario _session = new();

    /// <summary>The scenario; with <paramref name="knownBadPort"/> the ported world runs that deliberately wrong port (test-only).</summary>
    public Omap3ispCaptureDmaScenario(KnownBadPort? knownBadPort = null) => KnownBadPort = knownBadPort;

    /// <summary>The known-bad port the ported world runs, or null for the real port.</summary>
    public KnownBadPort? KnownBadPort { get; }

    /// <inheritdoc />
    public override string Name => "omap3isp-capture-dma";

    /// <inheritdoc />
    public override string Description => "the omap3isp capture session: 3.0 vendor API vs the port onto dma_map_sg/dma_alloc_coherent, buffer by buffer";

    /// <inheritdoc />
    public override int DefaultSteps => _session.DefaultSteps;

    /// <inheritdoc />
    public override IReadOnlyList<IWorldComparison> Comparisons { get; } = [RelocatedComparison.Instance];

    /// <inheritdoc />
    /// <remarks>
    /// Strict mode only: wherever a buffer's entries differ, 3.0 wrote a 4K page and the port a larger one over the same
    /// physical page, and the buffer translates identically at every offset (compared before its entries). A session
    /// may map no contiguous buffer, so the pattern is not required.
    /// </remarks>
    public override IReadOnlyList<ExpectedDivergence> ExpectedDivergences(Trace trace, EquivalenceMode mode) =>
        mode == EquivalenceMode.Strict
            ?
            [
                new()
                {
                    Reference = "generic.md §5.1: dma_map_sg maps a contiguous segment with one iommu_map, which picks 64K/1M/16M pages where iovmm wrote one 4K page per sg entry (omap.md §8.18); the translations agree",
                    Kind = DivergenceKind.Entries, Space = "isp", Start = 0, End = 0x1_0000_0000UL, SamePhysicalPage = true, Required = false,
                    Legacy = ExpectedSide.Page(0x1000), Ported = ExpectedSide.Page(0x10000, 0x100000, 0x1000000),
                },
            ]
            : [];

    /// <inheritdoc />
    public override IReadOnlyList<TraceStep> Generate(int seed, int steps) => _session.Generate(seed, steps);

    /// <inheritdoc />
    public override IEquivalenceWorld CreateLegacy() => new LegacyIspWorld(nameByClientBuffers: true);

    /// <inheritdoc />
    public override IEquivalenceWorld CreatePorted() => new PortedIspWorld(IspMemoryBackend.DmaMapping, KnownBadPort);
}
