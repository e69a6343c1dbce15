namespace Generic.Omap3isp;

/// <summary>
/// Where isp_probe (3.3 drivers/media/video/omap3isp/isp.c) is made to fail, to walk its error path
/// (omap.md §6.1, §7.7: iommu_detach_device + iommu_domain_free on every failure after the attach, then
/// omap3isp_put on every failure after the ISP clocks were enabled).
/// </summary>
public enum IspProbeFailure
{
    /// <summary>No failure: probe succeeds.</summary>
    None,

    /// <summary>isp_reset times out (-ETIMEDOUT) → error_isp.</summary>
    Reset,

    /// <summary>isp_map_mem_resource of a sub-module window fails (-ENODEV) → error_isp.</summary>
    IoremapResource,

    /// <summary>
    /// iommu_attach_device fails (the ISP MMU's soft reset never completes, so iommu_enable returns -ENODEV,
    /// omap.md §2.6) → free_domain (iommu_domain_free), error_isp.
    /// </summary>
    Iommu,

    /// <summary>request_irq fails (-EINVAL) → detach_dev.</summary>
    Irq,

    /// <summary>isp_initialize_modules fails (-ENOMEM) → error_irq.</summary>
    ModuleInit,

    /// <summary>isp_register_entities fails (-EINVAL) → error_modules.</summary>
    EntityRegistration,
}
