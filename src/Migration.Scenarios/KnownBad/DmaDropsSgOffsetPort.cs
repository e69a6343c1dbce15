using Generic.Iommu.Dma;
using Migration.Kernel;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// `dma-drops-sg-offset`: the DMA port's map_sg gives each entry the device address of its page, not of its first
/// byte (sg.DmaAddress = cursor instead of cursor + sg.Offset): a USERPTR buffer at a page offset is read from the
/// start of its first page (omap.md §7.7).
/// </summary>
public sealed class DmaDropsSgOffsetPort : KnownBadPort
{
    /// <inheritdoc />
    public override string Name => "dma-drops-sg-offset";

    /// <inheritdoc />
    public override string Breaks => "generic/Generic.Iommu IommuDmaOps.MapSg sets sg_dma_address without the entry's offset";

    /// <inheritdoc />
    public override IReadOnlyList<string> CaughtBy { get; } = ["omap3isp-userptr-dma"];

    internal override IDmaMapOps DmaOps(IDmaMapOps real) => new Ops(real);

    private sealed class Ops(IDmaMapOps real) : DelegatingDmaOps(real)
    {
        public override int MapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs)
        {
            int n = Real.MapSg(dev, sgt, dir, attrs);
            for (int i = 0; i < n; i++)
                sgt.Sgl[i].DmaAddress -= sgt.Sgl[i].Offset; // the injected bug: cursor, not cursor + sg.Offset
            return n;
        }
    }
}
