using Migration.Drivers.Omap;

namespace Generic.Omap3isp;

/// <summary>struct ispstat_buffer (ispstat.h): one of the STAT_MAX_BUFS statistics buffers of a module.</summary>
public sealed class IspStatBuffer
{
    /// <summary>buf->iommu_addr: the da of an IOMMU-path buffer (0 when none).</summary>
    public uint IommuAddr { get; internal set; }

    /// <summary>buf->dma_addr: the bus address of a dma_alloc_coherent buffer of the histogram's system-DMA path.</summary>
    public uint DmaAddr { get; internal set; }

    /// <summary>buf->virt_addr: the CPU's address of the buffer (da_to_va in 3.3, the coherent allocation's otherwise).</summary>
    public uint VirtAddr { get; internal set; }

    /// <summary>buf->iovm: the iovmm area whose sgt was dma_map_sg'ed (3.3 IOMMU path only).</summary>
    public IovmArea? Iovm { get; internal set; }

    /// <summary>buf->empty.</summary>
    public bool Empty { get; internal set; } = true;
}
