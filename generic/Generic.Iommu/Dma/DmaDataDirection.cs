namespace Generic.Iommu.Dma;

/// <summary>enum dma_data_direction (include/linux/dma-direction.h).</summary>
public enum DmaDataDirection
{
    /// <summary>DMA_BIDIRECTIONAL.</summary>
    Bidirectional = 0,

    /// <summary>DMA_TO_DEVICE.</summary>
    ToDevice = 1,

    /// <summary>DMA_FROM_DEVICE.</summary>
    FromDevice = 2,

    /// <summary>DMA_NONE.</summary>
    None = 3,
}
