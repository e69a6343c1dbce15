using Generic.Omap3isp;
using Migration.Equivalence;
using Migration.Scenarios.KnownBad;
using Migration.Scenarios.Omap3isp;

namespace Migration.Scenarios;

/// <summary>
/// `omap3isp-userptr-dma` (omap.md §6.2, §7.7): USERPTR buffers that start at non-zero page offsets, through the
/// port onto the DMA-mapping API. 3.0 cannot be the reference (its iommu_vmap refuses such a buffer and QBUF fails
/// with -EIO, `omap3isp-userptr-offset`); the 3.3 omap-iovmm port maps it and hands the ISP a device address that
/// carries the offset, so it is the reference here. The worlds place buffers differently, so they are compared
/// buffer by buffer, and the ISP reads each buffer's first and last byte through the address its driver was given:
/// a port that loses the offset reads the start of the page instead.
/// </summary>
public sealed class Omap3ispUserptrDmaScenario : IspScenario
{
    /// <summary>The scenario; with <paramref name="knownBadPort"/> the DMA port is that deliberately wrong one (test-only).</summary>
    public Omap3ispUserptrDmaScenario(KnownBadPort? knownBadPort = null) => KnownBadPort = knownBadPort;

    /// <summary>The known-bad port the DMA world runs, or null for the real port.</summary>
    public KnownBadPort? KnownBadPort { get; }

    /// <inheritdoc />
    public override string Name => "omap3isp-userptr-dma";

    /// <inheritdoc />
    public override string Description => "omap.md §7.7: USERPTR buffers at page offsets, the 3.3 omap-iovmm port vs the DMA-API port, first and last byte read through each buffer's address";

    /// <inheritdoc />
    public override int DefaultSteps => Script.Length;

    /// <inheritdoc />
    public override IReadOnlyList<IWorldComparison> Comparisons { get; } = [RelocatedComparison.Instance];

    // Three buffers of the CCDC output: offsets 0x100 and 0xA00 into the first page, and none (the buffer also
    // reaches into the extra page the application mapped after it when it starts at an offset).
    private static readonly TraceStep[] Script =
    [
        Step("probe"),
        Step("get"),
        Step("reqbufs", ("node", 0), ("count", 3), ("size", 0x10000), ("mem", 1)),
        Step("qbuf", ("node", 0), ("index", 0), ("offset", 0x100)),
        Step("qbuf", ("node", 0), ("index", 1), ("offset", 0xA00)),
        Step("qbuf", ("node", 0), ("index", 2)),
        Step("streamon"),
        Step("dma", ("node", 0), ("index", 0)),
        Step("dqbuf", ("node", 0), ("index", 0)),
        Step("dma", ("node", 0), ("index", 1)),
        Step("dqbuf", ("node", 0), ("index", 1)),
        Step("dma", ("node", 0), ("index", 2)),
        Step("dqbuf", ("node", 0), ("index", 2)),
        Step("streamoff"),
        Step("release", ("node", 0)),
        Step("put"),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<TraceStep> Generate(int seed, int steps) => Script;

    /// <inheritdoc />
    public override IEquivalenceWorld CreateLegacy() =>
        new PortedIspWorld(IspMemoryBackend.Iovmm, nameByClientBuffers: true) { ReadsFirstAndLastByte = true };

    /// <inheritdoc />
    public override IEquivalenceWorld CreatePorted() =>
        new PortedIspWorld(IspMemoryBackend.DmaMapping, KnownBadPort) { ReadsFirstAndLastByte = true };
}
