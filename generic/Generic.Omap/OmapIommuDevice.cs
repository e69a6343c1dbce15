using Generic.Iommu;
using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Generic.Omap;

/// <summary>
/// struct omap_iommu of 3.3 (plat/iommu.h; omap.md §7.2): the per-MMU state shared with 3.0 plus the
/// platform device, the refcount and the attached domain. obj->iopgd is the attached domain's table
/// (NULL while detached): 3.2+ allocates no table at probe.
/// </summary>
public sealed class OmapIommuDevice
{
    internal OmapIommuDevice(OmapIommuInstance instance, Device dev)
    {
        Instance = instance;
        Dev = dev;
    }

    /// <summary>The per-MMU state (registers, TLB size, obj->iopgd, obj->mmap, obj->ctx).</summary>
    public OmapIommuInstance Instance { get; }

    /// <summary>obj->dev: the "omap-iommu" platform device itself (what report_iommu_fault passes, §7.6).</summary>
    public Device Dev { get; }

    /// <summary>obj->name.</summary>
    public string Name => Instance.Name;

    /// <summary>The MMU device behind obj->regbase.</summary>
    public OmapMmu Mmu => Instance.Mmu;

    /// <summary>obj->refcount: 1 while attached (omap_iommu_attach allows one domain at a time, §8.25).</summary>
    public uint Refcount { get; internal set; }

    /// <summary>obj->domain: set by attach_dev and never cleared by detach (3.3).</summary>
    public IommuDomain? Domain { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"omap_iommu \"{Name}\" (refcount {Refcount})";
}
