using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Legacy.Omap;

/// <summary>
/// The iovmm API of Linux 3.0 (arch/arm/plat-omap/iovmm.c, plat/iovmm.h; omap.md §5): device-virtual
/// areas mapped from scatterlists (vmap), vmalloc memory, ioremapped or kmalloc'ed contiguous memory.
/// u32 results carry errors as IS_ERR_VALUE (see <see cref="ErrValue"/>).
/// </summary>
public static class Iovmm
{
    private const uint PAGE_SIZE = KernelMemory.PAGE_SIZE;

    /// <summary>Flags vmap stores and vunmap requires: IOVMF_DISCONT | IOVMF_MMIO.</summary>
    public const uint VmapFlags = IovmFlags.VmapAreaFlags;

    /// <summary>Flags vmalloc stores and vfree requires: IOVMF_DISCONT | IOVMF_ALLOC.</summary>
    public const uint VmallocFlags = IovmFlags.VmallocAreaFlags;

    /// <summary>Flags kmap stores and kunmap requires: IOVMF_LINEAR | IOVMF_MMIO.</summary>
    public const uint KmapFlags = IovmFlags.KmapAreaFlags;

    /// <summary>Flags kmalloc stores and kfree requires: IOVMF_LINEAR | IOVMF_ALLOC.</summary>
    public const uint KmallocFlags = IovmFlags.KmallocAreaFlags;

    /// <summary>find_iovm_area(obj, da): the area containing da, or null.</summary>
    public static IovmArea? FindIovmArea(OmapIommu obj, uint da)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return IovmAreaAllocator.Find(obj.Instance, da);
    }

    /// <summary>da_to_va(obj, da): the kernel address of the START of the area containing da (§8.17); 0 (NULL) if none or unmapped.</summary>
    public static uint DaToVa(OmapIommu obj, uint da) => FindIovmArea(obj, da)?.Va ?? 0;

    /// <summary>
    /// iommu_vmap(obj, da, sgt, flags): maps the caller's scatterlist (each entry exactly 4K/64K/1M/16M,
    /// one IOMMU page per entry) at an anonymous or IOVMF_DA_FIXED da. Returns the da, or -EINVAL (NULL
    /// sgt, bad entry sizes, no space), -ENOMEM (any page-table failure), -EAGAIN (kernel mapping).
    /// </summary>
    public static uint Vmap(OmapIommu? obj, uint da, SgTable? sgt, uint flags)
    {
        if (obj is null || !obj.IsBound || sgt is null)
            return ErrValue.FromErrno(-Errno.EINVAL);
        return IovmmRegion.Vmap(obj.Instance, da, sgt, IovmmSgtable.Len(sgt), resultOffset: 0, flags, obj, MapIovmAreaOnIommu);
    }

    /// <summary>iommu_vunmap(obj, da): removes the vmap area containing da; returns the caller's sgt, or null (§8.16).</summary>
    public static SgTable? Vunmap(OmapIommu obj, uint da)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return UnmapVmArea(obj, da, static (kmem, va) => { if (va != 0) kmem.Vunmap(va); }, VmapFlags);
    }

    /// <summary>
    /// iommu_vmalloc(obj, da, bytes, flags): vmalloc'ed memory mapped with 4K pages. Returns the da, or
    /// -EINVAL (zero bytes, no space), -ENOMEM (memory, sg table, any page-table failure).
    /// </summary>
    public static uint Vmalloc(OmapIommu? obj, uint da, uint bytes, uint flags)
    {
        if (obj is null || !obj.IsBound || bytes == 0)
            return ErrValue.FromErrno(-Errno.EINVAL);
        return IovmmRegion.Vmalloc(obj.Instance, da, bytes, flags, obj, MapIovmAreaOnIommu);
    }

    /// <summary>iommu_vfree(obj, da): removes the vmalloc area containing da and frees its memory.</summary>
    public static void Vfree(OmapIommu obj, uint da)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _ = UnmapVmArea(obj, da, static (kmem, va) => kmem.Vfree(va), VmallocFlags);
    }

    /// <summary>
    /// iommu_kmap(obj, da, pa, bytes, flags): ioremaps the contiguous [pa, pa+bytes) and maps it with
    /// superpages decomposed from (caller da, pa) (§8.13). Returns the da or an IS_ERR_VALUE errno.
    /// </summary>
    public static uint Kmap(OmapIommu? obj, uint da, uint pa, uint bytes, uint flags)
    {
        if (obj is null || !obj.IsBound || bytes == 0)
            return ErrValue.FromErrno(-Errno.EINVAL);
        bytes = KernelMemory.PageAlign(bytes);
        KernelMemory kmem = obj.Instance.KernelMemory;

        uint va = kmem.Ioremap(pa, bytes);
        if (va == 0)
            return ErrValue.FromErrno(-Errno.ENOMEM);
        flags |= KmapFlags;

        uint ret = KmapCore(obj, da, pa, va, bytes, flags);
        if (ErrValue.IsErrValue(ret))
            kmem.Iounmap(va);
        return ret;
    }

    /// <summary>iommu_kunmap(obj, da): removes the kmap area containing da and iounmaps it.</summary>
    public static void Kunmap(OmapIommu obj, uint da)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _ = UnmapVmArea(obj, da, static (kmem, va) => kmem.Iounmap(va), KmapFlags);
    }

    /// <summary>
    /// iommu_kmalloc(obj, da, bytes, flags): kmalloc(GFP_DMA) memory mapped with superpages.
    /// Returns the da or an IS_ERR_VALUE errno.
    /// </summary>
    public static uint Kmalloc(OmapIommu? obj, uint da, uint bytes, uint flags)
    {
        if (obj is null || !obj.IsBound || bytes == 0)
            return ErrValue.FromErrno(-Errno.EINVAL);
        bytes = KernelMemory.PageAlign(bytes);
        KernelMemory kmem = obj.Instance.KernelMemory;

        uint va = kmem.Kmalloc(bytes);
        if (va == 0)
            return ErrValue.FromErrno(-Errno.ENOMEM);
        uint pa = kmem.VirtToPhys(va);
        flags |= KmallocFlags;

        uint ret = KmapCore(obj, da, pa, va, bytes, flags);
        if (ErrValue.IsErrValue(ret))
            kmem.Kfree(va);
        return ret;
    }

    /// <summary>iommu_kfree(obj, da): removes the kmalloc area containing da and kfrees its memory.</summary>
    public static void Kfree(OmapIommu obj, uint da)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _ = UnmapVmArea(obj, da, static (kmem, va) => kmem.Kfree(va), KmallocFlags);
    }

    // __iommu_kmap.
    private static uint KmapCore(OmapIommu obj, uint da, uint pa, uint va, uint bytes, uint flags)
    {
        ErrPtr<SgTable> sgt = IovmSgtable.Alloc(obj.Instance.KernelMemory, bytes, flags, da, pa);
        if (sgt.IsErr)
            return ErrValue.FromErrno(sgt.PtrErr);
        IovmmSgtable.FillKmalloc(sgt.Value!, pa, da, bytes);
        return IovmmRegion.MapIommuRegion(obj.Instance, da, sgt.Value!, va, bytes, flags, obj, MapIovmAreaOnIommu);
    }

    // map_iovm_area (3.0): one IOMMU page per sg entry; on failure clear the entries stored before (§5.5, §8.15).
    // A static method group: the delegate is cached, so a map allocates no closure.
    private static readonly IovmmRegion.MapIovmArea<OmapIommu> MapIovmAreaOnIommu = MapIovmArea;

    private static int MapIovmArea(OmapIommu obj, IovmArea @new, SgTable sgt, uint flags)
    {
        Bug.On(IovmmSgtable.Len(sgt) == 0, "map_iovm_area: BUG_ON(!sgtable_ok(sgt))");
        uint da = @new.DaStart;
        int i;
        int err = 0;
        for (i = 0; i < sgt.Nents; i++)
        {
            uint pa = sgt.Sgl[i].Phys;
            uint bytes = sgt.Sgl[i].DmaLength;
            flags &= ~IovmFlags.IOVMF_PGSZ_MASK;
            flags |= (uint)IopgSize.BytesToIopgsz(bytes); // sizes were checked by sgtable_ok
            IotlbEntry.Init(out IotlbEntry e, da, pa, flags);
            err = OmapPageTable.StoreEntry(obj.Instance, e);
            if (err != 0)
                break;
            da = unchecked(da + bytes);
        }
        if (err == 0)
            return 0;

        da = @new.DaStart;
        for (int j = 0; j < i; j++)
        {
            uint bytes = OmapPageTable.ClearEntry(obj.Instance, da);
            Bug.On(!IopgSize.IopgszOk(bytes), "map_iovm_area: BUG_ON(!iopgsz_ok(bytes))");
            da = unchecked(da + bytes);
        }
        return err;
    }

    // unmap_vm_area (§5.6), with 3.0's unmap_iovm_area. The free callbacks are static lambdas given the IOMMU's kernel
    // memory, so an unmap allocates no closure.
    private static SgTable? UnmapVmArea(OmapIommu obj, uint da, Action<KernelMemory, uint> free, uint requiredFlags) =>
        IovmmRegion.UnmapVmArea(obj.Instance, da, requiredFlags, free, obj, UnmapIovmAreaOnIommu);

    private static readonly IovmmRegion.UnmapIovmArea<OmapIommu> UnmapIovmAreaOnIommu = UnmapIovmArea;

    // unmap_iovm_area (3.0): walks by address, trusting clear_entry's size; 0 counts as 4K.
    private static void UnmapIovmArea(OmapIommu obj, IovmArea area)
    {
        uint total = area.Length;
        Bug.On(total == 0 || (total & (PAGE_SIZE - 1)) != 0, "unmap_iovm_area: BUG_ON(!total || !IS_ALIGNED(total, PAGE_SIZE))");
        uint start = area.DaStart;
        long steps = 0;
        while (total > 0)
        {
            uint bytes = OmapPageTable.ClearEntry(obj.Instance, start);
            if (bytes == 0)
                bytes = PAGE_SIZE;
            Bug.On((bytes & (PAGE_SIZE - 1)) != 0, "unmap_iovm_area: BUG_ON(!IS_ALIGNED(bytes, PAGE_SIZE))");
            // size_t arithmetic: a surrounding 1M/16M mapping cleared whole makes 'total' wrap, and the loop
            // then goes on clearing whatever follows the area (§5.6). Kept, with a bound in place of a hang.
            total = unchecked(total - bytes);
            start = unchecked(start + bytes);
            if (++steps > (1L << 21))
                throw new KernelBugException($"unmap_iovm_area: the area at 0x{area.DaStart:x8} never reaches total == 0 (the kernel loops forever)");
        }
    }
}
