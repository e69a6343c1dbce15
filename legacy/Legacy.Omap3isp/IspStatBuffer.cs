using Migration.Drivers.Omap;

namespace Legacy.Omap3isp;

/// <summary>struct ispstat_buffer (ispstat.h): one of the STAT_MAX_BUFS statistics buffers of a module.</summary>
public sealed class IspStatBuffer
{
    /// <summary>buf->iommu_addr: the da from iommu_vmalloc (0 when none; an IS_ERR_VALUE after a failed allocation).</summary>
    public uint IommuAddr { get; internal set; }

    /// <summary>buf->iovm: the area find_iovm_area returned, or null.</summary>
    public IovmArea? Iovm { get; internal set; }

    /// <summary>buf->virt_addr: da_to_va of the IOMMU buffer, or the dma_alloc_coherent kernel address.</summary>
    public uint VirtAddr { get; internal set; }

    /// <summary>buf->dma_addr: the bus address of a dma_alloc_coherent buffer (histogram with a DMA channel).</summary>
    public uint DmaAddr { get; internal set; }

    /// <summary>buf->empty.</summary>
    public bool Empty { get; internal set; } = true;

    /// <inheritdoc />
    public override string ToString() => $"stat buffer (iommu 0x{IommuAddr:x8}, dma 0x{DmaAddr:x8})";
}
