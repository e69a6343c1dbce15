using Generic.Iommu;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Generic.Omap;

/// <summary>
/// drivers/iommu/omap-iovmm.c as of Linux 3.3 (omap.md §5, §7.2, §7.5): the iovmm on the generic IOMMU API.
/// Every function takes the client device (dev->archdata.iommu) instead of the IOMMU; mapping goes through
/// iommu_map/iommu_unmap on the caller's domain; the area list still lives in the IOMMU (obj->mmap).
/// u32 results carry errors as IS_ERR_VALUE (see <see cref="ErrValue"/>).
/// </summary>
public static class OmapIovmm
{
    private const uint PAGE_SIZE = KernelMemory.PAGE_SIZE;

    /// <summary>IOVMF_DISCONT | IOVMF_MMIO: the flags omap_iommu_vmap stores and omap_iommu_vunmap requires.</summary>
    public const uint VmapFlags = IovmFlags.VmapAreaFlags;

    /// <summary>IOVMF_DISCONT | IOVMF_ALLOC: the flags omap_iommu_vmalloc stores and omap_iommu_vfree requires.</summary>
    public const uint VmallocFlags = IovmFlags.VmallocAreaFlags;

    /// <summary>omap_find_iovm_area(dev, da): the area containing da in the client's IOMMU, or null.</summary>
    public static IovmArea? FindIovmArea(Device dev, uint da)
    {
        OmapIommuDevice obj = Deref(DevToOmapIommu(dev), "omap_find_iovm_area: mutex_lock(&obj->mmap_lock)");
        return IovmAreaAllocator.Find(obj.Instance, da);
    }

    /// <summary>omap_da_to_va(dev, da): the kernel address of the START of the area containing da (§8.17); 0 if none.</summary>
    public static uint DaToVa(Device dev, uint da)
    {
        OmapIommuDevice obj = Deref(DevToOmapIommu(dev), "omap_da_to_va: mutex_lock(&obj->mmap_lock)");
        return IovmAreaAllocator.Find(obj.Instance, da)?.Va ?? 0;
    }

    /// <summary>
    /// omap_iommu_vmap(domain, dev, da, sgt, flags): maps the caller's scatterlist (entry size = length + offset,
    /// each a page size; only the first entry may have an offset). Returns area start + first offset, also on a
    /// map/allocation failure (§8.24); -EINVAL (no IOMMU, NULL sgt, bad list) and vmap_sg errors come back bare.
    /// </summary>
    public static uint Vmap(IommuDomain domain, Device dev, uint da, SgTable? sgt, uint flags)
    {
        OmapIommuDevice? obj = DevToOmapIommu(dev);
        if (obj is null || sgt is null) // !obj || !obj->dev || !sgt (obj->dev is never NULL here)
            return ErrValue.FromErrno(-Errno.EINVAL);
        return IovmmRegion.Vmap(obj.Instance, da, sgt, OmapIovmmSgtable.Len(sgt), OmapIovmmSgtable.Offset(sgt), flags, domain, MapIovmAreaOnDomain);
    }

    /// <summary>omap_iommu_vunmap(domain, dev, da): masks da to 4K, removes the vmap area containing it; the caller's sgt or null.</summary>
    public static SgTable? Vunmap(IommuDomain domain, Device dev, uint da)
    {
        OmapIommuDevice? obj = DevToOmapIommu(dev);
        return UnmapVmArea(domain, obj, da & ~(PAGE_SIZE - 1), static (kmem, va) =>
        {
            if (va != 0)
                kmem.Vunmap(va);
        }, VmapFlags);
    }

    /// <summary>
    /// omap_iommu_vmalloc(domain, dev, da, bytes, flags): vmalloc'ed memory mapped with 4K pages. Returns the da,
    /// or -EINVAL (no IOMMU, zero bytes, no space), -ENOMEM (memory, sg table, any map failure).
    /// </summary>
    public static uint Vmalloc(IommuDomain domain, Device dev, uint da, uint bytes, uint flags)
    {
        OmapIommuDevice? obj = DevToOmapIommu(dev);
        if (obj is null || bytes == 0)
            return ErrValue.FromErrno(-Errno.EINVAL);
        return IovmmRegion.Vmalloc(obj.Instance, da, bytes, flags, domain, MapIovmAreaOnDomain);
    }

    /// <summary>omap_iommu_vfree(domain, dev, da): removes the vmalloc area containing da and frees its memory and sgt.</summary>
    public static void Vfree(IommuDomain domain, Device dev, uint da)
    {
        OmapIommuDevice? obj = DevToOmapIommu(dev);
        _ = UnmapVmArea(domain, obj, da, static (kmem, va) => kmem.Vfree(va), VmallocFlags);
    }

    // dev_to_omap_iommu(dev): arch_data->iommu_dev; a missing arch_data is a NULL dereference.
    private static OmapIommuDevice? DevToOmapIommu(Device dev)
    {
        ArgumentNullException.ThrowIfNull(dev);
        if (dev.ArchDataIommu is not OmapIommuArchData archData)
            throw new KernelBugException($"dev_to_omap_iommu({dev}): NULL dereference of dev->archdata.iommu");
        return archData.IommuDev;
    }

    private static OmapIommuDevice Deref(OmapIommuDevice? obj, string site) =>
        obj ?? throw new KernelBugException($"{site}: NULL dereference of the client's omap_iommu (not attached)");

    // map_iovm_area (3.3, omap.md §7.5): iommu_map per entry with the page-size bits cleared; rollback by each entry's
    // own size. A static method group: the delegate is cached, so a map allocates no closure.
    private static readonly IovmmRegion.MapIovmArea<IommuDomain?> MapIovmAreaOnDomain = MapIovmArea;

    private static int MapIovmArea(IommuDomain? domain, IovmArea @new, SgTable sgt, uint flags)
    {
        if (domain is null)
            return -Errno.EINVAL;
        Bug.On(OmapIovmmSgtable.Len(sgt) == 0, "map_iovm_area: BUG_ON(!sgtable_ok(sgt))");
        uint da = @new.DaStart;
        int err = 0;
        int i;
        for (i = 0; i < sgt.Nents; i++)
        {
            uint pa = OmapIovmmSgtable.EntryPa(sgt.Sgl[i]);
            uint bytes = OmapIovmmSgtable.EntryBytes(sgt.Sgl[i]);
            flags &= ~IovmFlags.IOVMF_PGSZ_MASK;
            if (IopgSize.BytesToIopgsz(bytes) < 0)
            {
                err = -Errno.EINVAL; // the kernel leaves err undefined here; unreachable after the BUG_ON
                break;
            }
            err = IommuApi.Map(domain, da, pa, bytes, unchecked((int)flags));
            if (err != 0)
                break;
            da = unchecked(da + bytes);
        }
        if (err == 0)
            return 0;

        da = @new.DaStart;
        for (int j = 0; j < i; j++)
        {
            uint bytes = OmapIovmmSgtable.EntryBytes(sgt.Sgl[j]);
            _ = IommuApi.Unmap(domain, da, bytes); // failures ignored
            da = unchecked(da + bytes);
        }
        return err;
    }

    // unmap_vm_area (3.3): obj is the client's IOMMU (a NULL one is dereferenced); the rest is 3.0's (omap.md §5.6).
    private static SgTable? UnmapVmArea(IommuDomain domain, OmapIommuDevice? obj, uint da, Action<KernelMemory, uint> free, uint requiredFlags) =>
        IovmmRegion.UnmapVmArea(Deref(obj, "unmap_vm_area: obj->dev / obj->mmap_lock").Instance, da, requiredFlags, free, domain, UnmapIovmAreaOnDomain);

    private static readonly IovmmRegion.UnmapIovmArea<IommuDomain> UnmapIovmAreaOnDomain = UnmapIovmArea;

    // unmap_iovm_area (3.3): walks the area's sg entries with iommu_unmap(bytes); an early stop leaves total != 0 → BUG.
    private static void UnmapIovmArea(IommuDomain domain, IovmArea area)
    {
        uint total = area.Length;
        SgTable? sgt = area.Sgt;
        Bug.On(sgt is null || OmapIovmmSgtable.Len(sgt) == 0, "unmap_iovm_area: BUG_ON(!sgtable_ok(sgt))");
        Bug.On(total == 0 || (total & (PAGE_SIZE - 1)) != 0, "unmap_iovm_area: BUG_ON(!total || !IS_ALIGNED(total, PAGE_SIZE))");
        uint start = area.DaStart;
        for (int i = 0; i < sgt.Nents; i++)
        {
            uint bytes = OmapIovmmSgtable.EntryBytes(sgt.Sgl[i]);
            uint unmapped = IommuApi.Unmap(domain, start, bytes);
            if (unmapped < bytes)
                break;
            Bug.On((bytes & (PAGE_SIZE - 1)) != 0, "unmap_iovm_area: BUG_ON(!IS_ALIGNED(bytes, PAGE_SIZE))");
            total = unchecked(total - bytes);
            start = unchecked(start + bytes);
        }
        Bug.On(total != 0, $"unmap_iovm_area: BUG_ON(total) (0x{total:x} bytes of {area} left mapped)");
    }
}
