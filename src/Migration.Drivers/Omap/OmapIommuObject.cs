using Migration.Hardware.Omap;

namespace Migration.Drivers.Omap;

/// <summary>
/// The members of struct omap_iommu (plat/iommu.h) that 3.0's <c>struct iommu</c> and 3.3's <c>struct omap_iommu</c>
/// both have (omap.md §4, §7.2): the per-MMU state, its name and MMU, and obj->refcount. Each era's device object
/// derives from it and adds what the era changed (3.0: the isr and the bound driver; 3.3: the platform device and
/// the attached domain).
/// </summary>
public abstract class OmapIommuObject
{
    /// <summary>The device object over <paramref name="instance"/>.</summary>
    protected OmapIommuObject(OmapIommuInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Instance = instance;
    }

    /// <summary>The per-MMU state the 3.0 and 3.3 drivers share (registers, TLB size, obj->iopgd, obj->mmap, obj->ctx).</summary>
    public OmapIommuInstance Instance { get; }

    /// <summary>obj->name.</summary>
    public string Name => Instance.Name;

    /// <summary>The MMU device behind obj->regbase.</summary>
    public OmapMmu Mmu => Instance.Mmu;

    /// <summary>
    /// obj->refcount (unsigned int: an unbalanced put wraps it, as in the kernel). 3.0 counts iommu_get/iommu_put
    /// (§4); 3.3 holds 1 while a domain is attached (omap_iommu_attach allows one at a time, §8.25).
    /// </summary>
    public uint Refcount { get; set; }
}
