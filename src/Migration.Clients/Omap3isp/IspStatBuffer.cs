using Migration.Drivers.Omap;

namespace Migration.Clients.Omap3isp;

/// <summary>struct ispstat_buffer (ispstat.h): one of the STAT_MAX_BUFS statistics buffers of a module, the same in 3.0 and 3.3.</summary>
public sealed class IspStatBuffer
{
    /// <summary>buf->iommu_addr: the da of an IOMMU-path buffer (0 when none; a failed 3.0 allocation leaves its error value).</summary>
    public uint IommuAddr { get; set; }

    /// <summary>buf->dma_addr: the bus address of a dma_alloc_coherent buffer of the histogram's system-DMA path.</summary>
    public uint DmaAddr { get; set; }

    /// <summary>buf->virt_addr: the CPU's address of the buffer (da_to_va on the iovmm path, the coherent allocation's otherwise).</summary>
    public uint VirtAddr { get; set; }

    /// <summary>buf->iovm: the iovmm area whose sgt was dma_map_sg'ed (iovmm path only).</summary>
    public IovmArea? Iovm { get; set; }

    /// <summary>buf->empty.</summary>
    public bool Empty { get; set; } = true;

    /// <inheritdoc />
    public override string ToString() => $"stat buffer (iommu 0x{IommuAddr:x8}, dma 0x{DmaAddr:x8})";
}
