using Generic.Iommu.Dma;
using Migration.Kernel;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// `dma-map-wrong-page`: the DMA port's map_sg (IommuDmaOps.MapSg) maps the last entry of every list one page
/// past its page: the device reads and writes the neighbouring page there.
/// </summary>
public sealed class DmaMapWrongPagePort : KnownBadPort
{
    /// <inheritdoc />
    public override string Name => "dma-map-wrong-page";

    /// <inheritdoc />
    public override string Breaks => "generic/Generic.Iommu IommuDmaOps.MapSg maps the last sg entry's page + 4K";

    /// <inheritdoc />
    public override IReadOnlyList<string> CaughtBy { get; } = ["omap3isp-capture-dma"];

    internal override IDmaMapOps DmaOps(IDmaMapOps real) => new Ops(real);

    private sealed class Ops(IDmaMapOps real) : DelegatingDmaOps(real)
    {
        public override int MapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs)
        {
            ref Scatterlist last = ref sgt.Sgl[sgt.Nents - 1];
            uint page = last.PagePhys;
            last.PagePhys = page + 0x1000; // the injected bug: iommu_map is handed the next page
            int n = Real.MapSg(dev, sgt, dir, attrs);
            last.PagePhys = page; // the caller's list is left as it gave it
            return n;
        }
    }
}
