namespace Generic.Omap;

/// <summary>
/// struct omap_iommu_arch_data (3.3, omap.md §7.2): what an OMAP IOMMU client carries in
/// dev->archdata.iommu. The name is set by the board code (omap3_init_camera: "isp"); iommu_dev is
/// set by attach and cleared by detach (dev_to_omap_iommu reads it).
/// </summary>
/// <param name="Name">arch_data->name: the platform name of the client's IOMMU.</param>
public sealed record OmapIommuArchData(string Name)
{
    /// <summary>arch_data->iommu_dev: the attached struct omap_iommu, or NULL.</summary>
    public OmapIommuDevice? IommuDev { get; set; }
}
