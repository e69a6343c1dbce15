namespace Legacy.Omap3isp;

/// <summary>
/// Where isp_probe (drivers/media/video/omap3isp/isp.c) is made to fail, to walk its error path
/// (omap.md §6.1: iommu_put on every failure after the ISP clocks were enabled).
/// </summary>
public enum IspProbeFailure
{
    /// <summary>No failure: probe succeeds.</summary>
    None,

    /// <summary>isp_reset times out (-ETIMEDOUT) → error_isp.</summary>
    Reset,

    /// <summary>isp_map_mem_resource of a sub-module window fails (-ENODEV) → error_isp.</summary>
    IoremapResource,

    /// <summary>iommu_get("isp") fails (the MMU's soft reset never completes: -ENODEV) → isp->iommu = NULL, error_isp.</summary>
    Iommu,

    /// <summary>request_irq fails (-EINVAL) → error_isp.</summary>
    Irq,

    /// <summary>isp_initialize_modules fails (-ENOMEM) → error_irq.</summary>
    ModuleInit,

    /// <summary>isp_register_entities fails (-EINVAL) → error_modules.</summary>
    EntityRegistration,
}
