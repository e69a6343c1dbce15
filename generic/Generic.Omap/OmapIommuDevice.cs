using Generic.Iommu;
using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Generic.Omap;

/// <summary>
/// struct omap_iommu of 3.3 (plat/iommu.h; omap.md §7.2): the members shared with 3.0 (<see cref="OmapIommuObject"/>)
/// plus the platform device and the attached domain. obj->iopgd is the attached domain's table (NULL while
/// detached): 3.2+ allocates no table at probe.
/// </summary>
public sealed class OmapIommuDevice : OmapIommuObject
{
    internal OmapIommuDevice(OmapIommuInstance instance, Device dev)
        : base(instance) => Dev = dev;

    /// <summary>obj->dev: the "omap-iommu" platform device itself (what report_iommu_fault passes, §7.6).</summary>
    public Device Dev { get; }

    /// <summary>obj->domain: set by attach_dev and never cleared by detach (3.3).</summary>
    public IommuDomain? Domain { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"omap_iommu \"{Name}\" (refcount {Refcount})";
}
