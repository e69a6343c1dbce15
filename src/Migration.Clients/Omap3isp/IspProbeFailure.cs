namespace Migration.Clients.Omap3isp;

/// <summary>
/// Where isp_probe (drivers/media/video/omap3isp/isp.c) is made to fail, to walk its error path: omap3isp_put on
/// every failure after the ISP clocks were enabled, and the era's IOMMU release (3.0: iommu_put at error_isp;
/// 3.3: iommu_detach_device + iommu_domain_free once attached; omap.md §6.1, §7.7).
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
    /// The IOMMU step fails because the ISP MMU's soft reset never completes (iommu_enable returns -ENODEV, omap.md
    /// §2.6): 3.0 iommu_get("isp") fails (isp->iommu = NULL, -ENODEV); 3.3 iommu_attach_device fails (free_domain).
    /// Then error_isp.
    /// </summary>
    Iommu,

    /// <summary>request_irq fails (-EINVAL) → the IOMMU release (error_isp in 3.0, detach_dev in 3.3).</summary>
    Irq,

    /// <summary>isp_initialize_modules fails (-ENOMEM) → error_irq.</summary>
    ModuleInit,

    /// <summary>isp_register_entities fails (-EINVAL) → error_modules.</summary>
    EntityRegistration,
}
