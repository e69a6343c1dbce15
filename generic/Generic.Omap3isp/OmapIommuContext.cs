using Generic.Omap;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// omap_iommu_save_ctx(struct device *dev) / omap_iommu_restore_ctx(struct device *dev), the two context
/// functions 3.3 exports from drivers/iommu/omap-iommu.c (omap.md §7.2). Generic.Omap does not model them, so
/// the client models them here over what it exposes: obj = dev_to_omap_iommu(dev) (arch_data->iommu_dev,
/// set by attach, cleared by detach), then arch_iommu->save_ctx(obj). There is no NULL check anywhere on the
/// way: a client that is not attached dereferences NULL in omap2_iommu_save_ctx (p = obj->ctx).
/// </summary>
public static class OmapIommuContext
{
    /// <summary>omap_iommu_save_ctx(dev): reads the 64 MMU register words into obj->ctx (BUG unless REVISION is 0x11).</summary>
    public static void Save(Device dev)
    {
        OmapIommuDevice obj = DevToOmapIommu(dev, "omap2_iommu_save_ctx");
        obj.Instance.Arch.SaveCtx(obj.Instance);
    }

    /// <summary>omap_iommu_restore_ctx(dev): writes the 64 saved words back (TTB, CNTL and the command registers included, §8.21).</summary>
    public static void Restore(Device dev)
    {
        OmapIommuDevice obj = DevToOmapIommu(dev, "omap2_iommu_restore_ctx");
        obj.Instance.Arch.RestoreCtx(obj.Instance);
    }

    // dev_to_omap_iommu(dev) followed by the arch op's first dereference of obj.
    private static OmapIommuDevice DevToOmapIommu(Device dev, string archOp)
    {
        ArgumentNullException.ThrowIfNull(dev);
        if (dev.ArchDataIommu is not OmapIommuArchData archData)
            throw new KernelBugException($"dev_to_omap_iommu({dev}): NULL pointer dereference of dev->archdata.iommu");
        return archData.IommuDev
            ?? throw new KernelBugException($"{archOp}: NULL pointer dereference (dev_to_omap_iommu({dev}) is NULL: the device is not attached)");
    }
}
