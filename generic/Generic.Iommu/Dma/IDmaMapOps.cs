using Migration.Kernel;

namespace Generic.Iommu.Dma;

/// <summary>
/// struct dma_map_ops (ARM dma-mapping, per device from 3.5): how a driver's streaming and coherent DMA
/// calls become bus addresses. Errors follow the kernel: map_sg returns 0 entries, map_page returns
/// <see cref="DmaApi.DMA_ERROR_CODE"/>, alloc returns 0 (NULL).
/// </summary>
public interface IDmaMapOps
{
    /// <summary>map_sg: fills sg_dma_address/len of the entries; the number of DMA segments, 0 on failure.</summary>
    int MapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs);

    /// <summary>unmap_sg: undoes <see cref="MapSg"/> for the same table.</summary>
    void UnmapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs);

    /// <summary>map_page: the bus address of [phys, phys + size), or DMA_ERROR_CODE.</summary>
    uint MapPage(Device dev, uint phys, uint size, DmaDataDirection dir, uint attrs);

    /// <summary>unmap_page.</summary>
    void UnmapPage(Device dev, uint dmaHandle, uint size, DmaDataDirection dir, uint attrs);

    /// <summary>alloc (dma_alloc_coherent): kernel address of new memory, 0 on failure; the bus address in <paramref name="dmaHandle"/>.</summary>
    uint Alloc(Device dev, uint size, out uint dmaHandle, uint attrs);

    /// <summary>free (dma_free_coherent).</summary>
    void Free(Device dev, uint size, uint cpuAddr, uint dmaHandle, uint attrs);
}
