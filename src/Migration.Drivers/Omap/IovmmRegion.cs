using Migration.Kernel;

namespace Migration.Drivers.Omap;

/// <summary>
/// The iovmm code around the page-table step that 3.0's arch/arm/plat-omap/iovmm.c and 3.3's
/// drivers/iommu/omap-iovmm.c share (omap.md §5.5 step 4, §5.6, §5.7, §7.5): iommu_vmap and iommu_vmalloc after
/// their argument checks, map_iommu_region and unmap_vm_area. The step the port changed, map_iovm_area and
/// unmap_iovm_area (iopgtable_store_entry/clear_entry on the IOMMU in 3.0, iommu_map/iommu_unmap on a domain in 3.3),
/// is the era's callback; it gets a state argument so a static lambda serves without allocating a closure.
/// </summary>
public static class IovmmRegion
{
    private const uint PAGE_SIZE = KernelMemory.PAGE_SIZE;

    /// <summary>map_iovm_area(…, area, sgt, flags) of one era: 0, or the error of the failing entry after its rollback.</summary>
    public delegate int MapIovmArea<TState>(TState state, IovmArea area, SgTable sgt, uint flags);

    /// <summary>unmap_iovm_area(…, area) of one era: clears what the area maps (BUG on a walk that does not end at its length).</summary>
    public delegate void UnmapIovmArea<TState>(TState state, IovmArea area);

    /// <summary>
    /// iommu_vmap / omap_iommu_vmap after the obj and sgt checks (omap.md §5.7, §7.5): -EINVAL when
    /// <paramref name="sgtBytes"/> (the era's sgtable_len) is 0; va = vmap_sg for IOVMF_MMIO (its error returned);
    /// flags |= IOVMF_DISCONT | IOVMF_MMIO; map_iommu_region; the kernel mapping released on failure. The da or an
    /// IS_ERR_VALUE errno; map_iommu_region's result, da or error, plus <paramref name="resultOffset"/> (3.0: 0; 3.3:
    /// the first entry's offset, §7.5, §8.24), while the -EINVAL and vmap_sg errors before it come back bare.
    /// </summary>
    public static uint Vmap<TState>(OmapIommuInstance obj, uint da, SgTable sgt, uint sgtBytes, uint resultOffset, uint flags, TState state, MapIovmArea<TState> mapIovmArea)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (sgtBytes == 0)
            return ErrValue.FromErrno(-Errno.EINVAL);
        uint bytes = KernelMemory.PageAlign(sgtBytes);

        KernelMemory kmem = obj.KernelMemory;
        uint va = 0;
        if ((flags & IovmFlags.IOVMF_MMIO) != 0)
        {
            int err = IovmSgtable.VmapSg(kmem, sgt, sgtBytes, out va);
            if (err != 0)
                return ErrValue.FromErrno(err);
        }
        flags |= IovmFlags.VmapAreaFlags;

        uint ret = MapIommuRegion(obj, da, sgt, va, bytes, flags, state, mapIovmArea);
        if (ErrValue.IsErrValue(ret) && va != 0)
            kmem.Vunmap(va); // vunmap_sg
        return unchecked(ret + resultOffset);
    }

    /// <summary>
    /// iommu_vmalloc / omap_iommu_vmalloc after the obj and bytes checks (omap.md §5.7, §7.5 "unchanged apart from the
    /// domain argument"): vmalloc (-ENOMEM), flags |= IOVMF_DISCONT | IOVMF_ALLOC, an sg table of 4K entries over the
    /// vmalloc pages, map_iommu_region; the memory and table freed on any error. The da or an IS_ERR_VALUE errno.
    /// </summary>
    public static uint Vmalloc<TState>(OmapIommuInstance obj, uint da, uint bytes, uint flags, TState state, MapIovmArea<TState> mapIovmArea)
    {
        ArgumentNullException.ThrowIfNull(obj);
        bytes = KernelMemory.PageAlign(bytes);
        KernelMemory kmem = obj.KernelMemory;

        uint va = kmem.Vmalloc(bytes);
        if (va == 0)
            return ErrValue.FromErrno(-Errno.ENOMEM);
        flags |= IovmFlags.VmallocAreaFlags;

        ErrPtr<SgTable> sgt = IovmSgtable.Alloc(kmem, bytes, flags, da, 0);
        if (sgt.IsErr)
        {
            kmem.Vfree(va);
            return ErrValue.FromErrno(sgt.PtrErr);
        }
        IovmSgtable.FillVmalloc(kmem, sgt.Value!, va);

        uint ret = MapIommuRegion(obj, da, sgt.Value!, va, bytes, flags, state, mapIovmArea);
        if (ErrValue.IsErrValue(ret))
            kmem.Vfree(va); // sgtable_drain_vmalloc + sgtable_free + vfree
        return ret;
    }

    /// <summary>
    /// map_iommu_region / __iommu_vmap (omap.md §5.5 step 4, §8.14): allocate the area (its errors as is), record va
    /// and sgt in it, map it through the era's map_iovm_area; any mapping failure frees the area and is -ENOMEM.
    /// </summary>
    public static uint MapIommuRegion<TState>(OmapIommuInstance obj, uint da, SgTable sgt, uint va, uint bytes, uint flags, TState state, MapIovmArea<TState> mapIovmArea)
    {
        ArgumentNullException.ThrowIfNull(mapIovmArea);
        ErrPtr<IovmArea> area = IovmAreaAllocator.Alloc(obj, da, bytes, flags);
        if (area.IsErr)
            return ErrValue.FromErrno(area.PtrErr);
        IovmArea @new = area.Value!;
        @new.Va = va;
        @new.Sgt = sgt;
        if (mapIovmArea(state, @new, sgt, @new.Flags) != 0)
        {
            IovmAreaAllocator.Free(obj, @new);
            return ErrValue.FromErrno(-Errno.ENOMEM);
        }
        return @new.DaStart;
    }

    /// <summary>
    /// unmap_vm_area(obj, da, free_fn, required_flags), the template of every unmap (omap.md §5.6): null when da is not
    /// 4K aligned, no area contains it, or the area lacks a required flag; else the era's unmap_iovm_area,
    /// <paramref name="free"/> of the kernel side, the area dropped; returns the area's sgt.
    /// </summary>
    public static SgTable? UnmapVmArea<TState>(OmapIommuInstance obj, uint da, uint requiredFlags, Action<KernelMemory, uint> free, TState state, UnmapIovmArea<TState> unmapIovmArea)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(free);
        ArgumentNullException.ThrowIfNull(unmapIovmArea);
        if ((da & (PAGE_SIZE - 1)) != 0)
            return null; // "alignment err"
        IovmArea? area = IovmAreaAllocator.Find(obj, da);
        if (area is null)
            return null; // "no da area"
        if ((area.Flags & requiredFlags) != requiredFlags)
            return null; // "wrong flags"
        SgTable? sgt = area.Sgt;
        unmapIovmArea(state, area);
        free(obj.KernelMemory, area.Va);
        IovmAreaAllocator.Free(obj, area);
        return sgt;
    }
}
