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
    public override bool Relocated => true;

    /// <inheritdoc />
    public override string? KnownDifference(Divergence divergence) =>
        divergence?.Kind == DivergenceKind.Entries
            ? "generic.md §5.1: dma_map_sg maps a contiguous segment with one iommu_map, which picks 64K/1M/16M pages where iovmm wrote one 4K page per sg entry (omap.md §8.18); the translations agree"
            : null;

    /// <inheritdoc />
    public override IReadOnlyList<TraceStep> Generate(int seed, int steps) => _session.Generate(seed, steps);

    /// <inheritdoc />
    public override IEquivalenceWorld CreateLegacy() => new LegacyIspWorld(nameByClientBuffers: true);

    /// <inheritdoc />
    public override IEquivalenceWorld CreatePorted() => new PortedIspWorld(IspMemoryBackend.DmaMapping, KnownBadPort);
}
