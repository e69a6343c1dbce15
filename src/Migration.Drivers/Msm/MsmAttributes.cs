namespace Migration.Drivers.Msm;

/// <summary>MSM attribute constants of mach/iommu.h (msm.md §4).</summary>
public static class MsmAttributes
{
    /// <summary>MSM_IOMMU_ATTR_NON_SH.</summary>
    public const int MSM_IOMMU_ATTR_NON_SH = 0x0;
    /// <summary>MSM_IOMMU_ATTR_SH: shareable (prot bit 2).</summary>
    public const int MSM_IOMMU_ATTR_SH = 0x4;
    /// <summary>MSM_IOMMU_ATTR_NONCACHED: tex-class slot 0.</summary>
    public const int MSM_IOMMU_ATTR_NONCACHED = 0x0;
    /// <summary>MSM_IOMMU_ATTR_CACHED_WB_WA: slot 1.</summary>
    public const int MSM_IOMMU_ATTR_CACHED_WB_WA = 0x1;
    /// <summary>MSM_IOMMU_ATTR_CACHED_WB_NWA: slot 2.</summary>
    public const int MSM_IOMMU_ATTR_CACHED_WB_NWA = 0x2;
    /// <summary>MSM_IOMMU_ATTR_CACHED_WT: slot 3.</summary>
    public const int MSM_IOMMU_ATTR_CACHED_WT = 0x3;
    /// <summary>MSM_IOMMU_CP_MASK: the prot bits that pick a tex-class slot.</summary>
    public const int MSM_IOMMU_CP_MASK = 0x03;
    /// <summary>NUM_TEX_CLASS.</summary>
    public const int NUM_TEX_CLASS = 8;
    /// <summary>MAX_NUM_MIDS.</summary>
    public const int MAX_NUM_MIDS = 32;
    /// <summary>MSM_IOMMU_DOMAIN_PT_CACHEABLE (CAF domain flag).</summary>
    public const int MSM_IOMMU_DOMAIN_PT_CACHEABLE = 0x1;
}
