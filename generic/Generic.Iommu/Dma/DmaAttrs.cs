namespace Generic.Iommu.Dma;

/// <summary>DMA attributes (struct dma_attrs bits) the workbench's DMA layer understands.</summary>
public static class DmaAttrs
{
    /// <summary>
    /// DMA_ATTR_FIXED_MAPPING, proposed in the 2010-2012 threads (never merged upstream, so its value is this
    /// project's choice): the caller chooses the IOVA, passed in sg_dma_address(first entry) or as the handle.
    /// </summary>
    public const uint DMA_ATTR_FIXED_MAPPING = 1u << 16;
}
