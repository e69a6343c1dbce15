using Generic.Iommu.Dma;
using Migration.Kernel;

namespace Migration.Scenarios.KnownBad;

/// <summary>struct dma_map_ops forwarding every op to the real ones: a known-bad port overrides the one it breaks.</summary>
internal abstract class DelegatingDmaOps : IDmaMapOps
{
    protected DelegatingDmaOps(IDmaMapOps real)
    {
        ArgumentNullException.ThrowIfNull(real);
        Real = real;
    }

    /// <summary>The real ops.</summary>
    protected IDmaMapOps Real { get; }

    public virtual int MapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs) => Real.MapSg(dev, sgt, dir, attrs);

    public void UnmapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs) => Real.UnmapSg(dev, sgt, dir, attrs);

    public uint MapPage(Device dev, uint phys, uint size, DmaDataDirection dir, uint attrs) => Real.MapPage(dev, phys, size, dir, attrs);

    public void UnmapPage(Device dev, uint dmaHandle, uint size, DmaDataDirection dir, uint attrs) => Real.UnmapPage(dev, dmaHandle, size, dir, attrs);

    public uint Alloc(Device dev, uint size, out uint dmaHandle, uint attrs) => Real.Alloc(dev, size, out dmaHandle, attrs);

    public void Free(Device dev, uint size, uint cpuAddr, uint dmaHandle, uint attrs) => Real.Free(dev, size, cpuAddr, dmaHandle, attrs);
}
