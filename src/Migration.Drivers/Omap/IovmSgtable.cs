using Migration.Kernel;

namespace Migration.Drivers.Omap;

/// <summary>
/// The sg_table helpers of iovmm.c that did not change from 3.0 to 3.3 (omap.md §5.3): sgtable_nents,
/// sgtable_alloc, sgtable_fill_vmalloc and vmap_sg. Each era keeps its own sgtable_len (3.3 adds the offset).
/// </summary>
public static class IovmSgtable
{
    private const uint PAGE_SIZE = KernelMemory.PAGE_SIZE;

    /// <summary>
    /// sgtable_nents(bytes, da, pa) (2.6.38+): superpage decomposition count; 0 when bytes is not a page
    /// multiple. A da|pa that is not 4K aligned never terminates in the kernel (§8.13): reported as a BUG.
    /// </summary>
    public static int Nents(uint bytes, uint da, uint pa)
    {
        if ((bytes & (PAGE_SIZE - 1)) != 0)
            return 0;
        int nr = 0;
        while (bytes != 0)
        {
            uint size = EntrySize(da, pa, bytes);
            nr++;
            da = unchecked(da + size);
            pa = unchecked(pa + size);
            bytes -= size;
        }
        return nr;
    }

    /// <summary>The next decomposition step: min(max_alignment(da | pa), iopgsz_max(bytes)); BUG when it is 0 (the kernel hangs).</summary>
    public static uint EntrySize(uint da, uint pa, uint bytes)
    {
        uint size = Math.Min(IopgSize.MaxAlignment(da | pa), IopgSize.IopgszMax(bytes));
        if (size == 0)
            throw new KernelBugException($"sgtable_nents: da|pa 0x{da | pa:x8} is not 4K aligned, so the entry size is 0 and the loop never ends (omap.md §8.13)");
        return size;
    }

    /// <summary>
    /// sgtable_alloc(bytes, flags, da, pa): -EINVAL for 0 or a non-page multiple, or a LINEAR decomposition
    /// of 0 entries; -ENOMEM when the header allocation fails; else a table of the right entry count.
    /// </summary>
    public static ErrPtr<SgTable> Alloc(KernelMemory kmem, uint bytes, uint flags, uint da, uint pa)
    {
        ArgumentNullException.ThrowIfNull(kmem);
        if (bytes == 0 || (bytes & (PAGE_SIZE - 1)) != 0)
            return ErrPtr<SgTable>.Error(-Errno.EINVAL);
        int nrEntries;
        if ((flags & IovmFlags.IOVMF_LINEAR) != 0)
        {
            nrEntries = Nents(bytes, da, pa);
            if (nrEntries == 0)
                return ErrPtr<SgTable>.Error(-Errno.EINVAL);
        }
        else
        {
            nrEntries = (int)(bytes / PAGE_SIZE);
        }
        if (!kmem.TryKzalloc())
            return ErrPtr<SgTable>.Error(-Errno.ENOMEM);
        return SgTable.Alloc(nrEntries);
    }

    /// <summary>sgtable_fill_vmalloc(sgt, va): entry i = the page behind va + i·4K, length 4K, offset 0.</summary>
    public static void FillVmalloc(KernelMemory kmem, SgTable sgt, uint va)
    {
        ArgumentNullException.ThrowIfNull(kmem);
        ArgumentNullException.ThrowIfNull(sgt);
        for (int i = 0; i < sgt.Nents; i++)
        {
            uint page = kmem.VmallocToPhys(va);
            Bug.On(page == 0, "sgtable_fill_vmalloc: BUG_ON(!pg)");
            sgt.Sgl[i].SetPage(page, PAGE_SIZE, 0);
            va += PAGE_SIZE;
        }
    }

    /// <summary>
    /// vmap_sg(sgt) for IOVMF_MMIO: a VM_IOREMAP window of <paramref name="total"/> bytes (the era's
    /// sgtable_len; 0 → -EINVAL), each entry (sg->length exactly 4K, else BUG) one device page at sg_phys;
    /// -ENOMEM without a window, -EAGAIN when a page cannot be mapped.
    /// </summary>
    public static int VmapSg(KernelMemory kmem, SgTable sgt, uint total, out uint va)
    {
        ArgumentNullException.ThrowIfNull(kmem);
        ArgumentNullException.ThrowIfNull(sgt);
        va = 0;
        if (total == 0)
            return -Errno.EINVAL;
        uint start = kmem.GetVmArea(total);
        if (start == 0)
            return -Errno.ENOMEM;
        uint cursor = start;
        for (int i = 0; i < sgt.Nents; i++)
        {
            uint bytes = sgt.Sgl[i].Length;
            Bug.On(bytes != PAGE_SIZE, "vmap_sg: BUG_ON(bytes != PAGE_SIZE)");
            if (!kmem.IoremapPage(cursor, sgt.Sgl[i].Phys))
            {
                kmem.Vunmap(start);
                return -Errno.EAGAIN;
            }
            cursor += bytes;
        }
        va = start;
        return 0;
    }
}
