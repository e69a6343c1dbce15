using Migration.Kernel;
using Migration.Equivalence;

namespace Migration.Scenarios;

/// <summary>
/// `omap3isp-userptr-offset` (omap.md §6.2, §7.5, §7.7): a USERPTR buffer that does not start on a page. 3.0's
/// iommu_vmap refuses the short first sg entry (-EINVAL, QBUF -EIO); 3.3 maps it and returns a device address that
/// carries the offset.
/// </summary>
public sealed class Omap3ispUserptrOffsetScenario : IspScenario
{
    /// <inheritdoc />
    public override string Name => "omap3isp-userptr-offset";

    /// <inheritdoc />
    public override string Description => "omap.md §7.7: a USERPTR buffer with a page offset, 3.0 (-EIO) vs 3.3 (mapped)";

    /// <inheritdoc />
    public override int DefaultSteps => 5;

    private const string Reference = "omap.md §7.7: USERPTR buffers with a non-zero page offset map in 3.3 (the da carries the offset); 3.0's iommu_vmap refuses the first entry and QBUF fails with -EIO (§6.2)";

    /// <inheritdoc />
    public override IReadOnlyList<ExpectedDivergence> ExpectedDivergences(Trace trace, EquivalenceMode mode)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (!trace.RunsExactly(Generate(0, DefaultSteps)))
            return [];
        // Step 3 (QBUF): -EIO in 3.0; 3.3 maps the 0x10100 bytes the buffer spans as seventeen 4K pages at 0x1000.
        // Step 4: the device reads the buffer through the da that carries the offset; 3.0 has no buffer to read.
        return PortOnlyBuffer.Declarations(Reference, mapStep: 3, legacyReturns: -Errno.EIO, portedReturns: 0, "isp", 0x1000, 0x12000, readStep: 4);
    }

    /// <inheritdoc />
    public override IReadOnlyList<TraceStep> Generate(int seed, int steps) =>
    [
        Step("probe"),
        Step("get"),
        Step("reqbufs", ("node", 0), ("count", 1), ("size", 0x10000), ("mem", 1)),
        Step("qbuf", ("node", 0), ("index", 0), ("offset", 0x100)),
        Step("dma", ("node", 0), ("index", 0)),
    ];

}
