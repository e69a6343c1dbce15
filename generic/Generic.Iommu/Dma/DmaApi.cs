using Migration.Kernel;

namespace Generic.Iommu.Dma;

/// <summary>
/// The DMA-mapping API a client driver calls (include/asm-generic/dma-mapping-common.h): each call goes to
/// the device's own ops (dev->archdata.dma_ops), so the same driver works behind an IOMMU or without one.
/// </summary>
public static class DmaApi
{
    /// <summary>DMA_ERROR_CODE on ARM (~0): what map_page/map_single return on failure.</summary>
    public const uint DMA_ERROR_CODE = 0xFFFFFFFF;

    /// <summary>set_dma_ops(dev, ops).</summary>
    public static void SetDmaOps(Device dev, IDmaMapOps ops)
    {
        ArgumentNullException.ThrowIfNull(dev);
        dev.ArchDataDmaOps = ops;
    }

    /// <summary>get_dma_ops(dev): the ops the board gave the device (a device without any is a set-up error).</summary>
    public static IDmaMapOps GetDmaOps(Device dev)
    {
        ArgumentNullException.ThrowIfNull(dev);
        return dev.ArchDataDmaOps as IDmaMapOps
            ?? throw new InvalidOperationException($"{dev} has no DMA ops: call SetDmaOps with IommuDmaOps or DirectDmaOps first");
    }

    /// <summary>dma_map_sg(dev, sg, nents, dir) / dma_map_sg_attrs: the DMA segment count, 0 on failure.</summary>
    public static int MapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs = 0) => GetDmaOps(dev).MapSg(dev, sgt, dir, attrs);

    /// <summary>dma_unmap_sg.</summary>
    public static void UnmapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs = 0) => GetDmaOps(dev).UnmapSg(dev, sgt, dir, attrs);

    /// <summary>dma_map_single(dev, cpu_addr, size, dir) for a physically contiguous buffer given by its physical address.</summary>
    public static uint MapSingle(Device dev, uint phys, uint size, DmaDataDirection dir, uint attrs = 0) => GetDmaOps(dev).MapPage(dev, phys, size, dir, attrs);

    /// <summary>dma_unmap_single.</summary>
    public static void UnmapSingle(Device dev, uint handle, uint size, DmaDataDirection dir, uint attrs = 0) => GetDmaOps(dev).UnmapPage(dev, handle, size, dir, attrs);

    /// <summary>dma_mapping_error(dev, addr).</summary>
    public static bool MappingError(uint dmaAddr) => dmaAddr == DMA_ERROR_CODE;

    /// <summary>dma_alloc_coherent(dev, size, &amp;handle, gfp): kernel address or 0.</summary>
    public static uint AllocCoherent(Device dev, uint size, out uint dmaHandle, uint attrs = 0) => GetDmaOps(dev).Alloc(dev, size, out dmaHandle, attrs);

    /// <summary>dma_free_coherent.</summary>
    public static void FreeCoherent(Device dev, uint size, uint cpuAddr, uint dmaHandle, uint attrs = 0) => GetDmaOps(dev).Free(dev, size, cpuAddr, dmaHandle, attrs);
}
