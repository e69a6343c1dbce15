using Generic.Iommu.Dma;

namespace Generic.Omap3isp;

/// <summary>
/// The prot the DMA-mapping port passes to iommu_map for the ISP. The 3.3 OMAP driver ORs prot raw into its
/// IOVMF bits (omap.md §7.3): omap-iovmm passes its flags with the page-size bits cleared, and omap3isp's
/// flags are IOMMU_FLAG = IOVMF_ENDIAN_LITTLE | IOVMF_ELSZ_8 = 0 (its IOVMF_DISCONT/MMIO/ALLOC software bits
/// are ignored by iotlb_init_entry). So the port gives every direction the hardware bits iovmm gave: 0.
/// </summary>
public static class IspDmaProt
{
    /// <summary>IOMMU_FLAG (isp.h, ispvideo.c): IOVMF_ENDIAN_LITTLE | IOVMF_ELSZ_8 = 0.</summary>
    public const uint IOMMU_FLAG = 0;

    /// <summary>The OMAP prot for a DMA direction: IOMMU_FLAG whatever the direction (no page-size bits, little endian, 8-bit elements).</summary>
    public static int ForDirection(DmaDataDirection dir) => (int)IOMMU_FLAG;
}
