namespace Legacy.Omap;

/// <summary>OMAP_IOMMU_ERR_* bits passed to a fault callback (plat/iommu.h, 2.6.39+; omap.md §4.1).</summary>
public static class OmapIommuErrors
{
    /// <summary>OMAP_IOMMU_ERR_TLB_MISS.</summary>
    public const uint OMAP_IOMMU_ERR_TLB_MISS = 1 << 0;
    /// <summary>OMAP_IOMMU_ERR_TRANS_FAULT.</summary>
    public const uint OMAP_IOMMU_ERR_TRANS_FAULT = 1 << 1;
    /// <summary>OMAP_IOMMU_ERR_EMU_MISS.</summary>
    public const uint OMAP_IOMMU_ERR_EMU_MISS = 1 << 2;
    /// <summary>OMAP_IOMMU_ERR_TBLWALK_FAULT.</summary>
    public const uint OMAP_IOMMU_ERR_TBLWALK_FAULT = 1 << 3;
    /// <summary>OMAP_IOMMU_ERR_MULTIHIT_FAULT.</summary>
    public const uint OMAP_IOMMU_ERR_MULTIHIT_FAULT = 1 << 4;
}

/// <summary>
/// The fault callback of iommu_set_isr: int (*isr)(struct iommu *obj, u32 da, u32 iommu_errs, void *priv);
/// returning 0 means handled (the MMU stays on).
/// </summary>
public delegate int OmapIommuFaultCallback(OmapIommu obj, uint da, uint iommuErrs, object? priv);
