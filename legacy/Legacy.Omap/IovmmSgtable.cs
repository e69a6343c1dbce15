using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Legacy.Omap;

/// <summary>The sg_table helpers of plat-omap/iovmm.c as of 3.0 (omap.md §5.3).</summary>
internal static class IovmmSgtable
{
    private const uint PAGE_SIZE = KernelMemory.PAGE_SIZE;

    /// <summary>sgtable_len(sgt): total bytes, or 0 for NULL or when an entry is not exactly a page size (3.0: sg_dma_len = sg->length).</summary>
    public static uint Len(SgTable? sgt)
    {
        if (sgt is null)
            return 0;
        uint total = 0;
        for (int i = 0; i < sgt.Nents; i++)
        {
            uint bytes = sgt.Sgl[i].DmaLength;
            if (!IopgSize.IopgszOk(bytes))
                return 0; // "sg[i] not iommu pagesize"
            total = unchecked(total + bytes);
        }
        return total;
    }

    /// <summary>
    /// sgtable_nents(bytes, da, pa) (2.6.38+): superpage decomposition count; 0 when bytes is not a page
    /// multiple. A da|pa that is not 4K aligned never terminates in the kernel (§8.13): BUG here.
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

    /// <summary>
    /// sgtable_alloc(bytes, flags, da, pa): -EINVAL for 0 or a non-page multiple, or a LINEAR decomposition
    /// of 0 entries; -ENOMEM when the header allocation fails; else a table of the right entry count.
    /// </summary>
    public static ErrPtr<SgTable> Alloc(KernelMemory kmem, uint bytes, uint flags, uint da, uint pa)
    {
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
        for (int i = 0; i < sgt.Nents; i++)
        {
            uint page = kmem.VmallocToPhys(va);
            Bug.On(page == 0, "sgtable_fill_vmalloc: BUG_ON(!pg)");
            sgt.Sgl[i].SetPage(page, PAGE_SIZE, 0);
            va += PAGE_SIZE;
        }
    }

    /// <summary>sgtable_fill_kmalloc(sgt, pa, da, len): the same decomposition as <see cref="Nents"/>; BUG if bytes remain.</summary>
    public static void FillKmalloc(SgTable sgt, uint pa, uint da, uint len)
    {
        for (int i = 0; i < sgt.Nents; i++)
        {
            uint bytes = Math.Min(IopgSize.MaxAlignment(da | pa), IopgSize.IopgszMax(len));
            Bug.On(!IopgSize.IopgszOk(bytes), "sgtable_fill_kmalloc: BUG_ON(!iopgsz_ok(bytes))");
            sgt.Sgl[i].SetPage(pa & ~(PAGE_SIZE - 1), bytes, pa & (PAGE_SIZE - 1)); // sg_set_buf(phys_to_virt(pa))
            pa = unchecked(pa + bytes);
            da = unchecked(da + bytes);
            len -= bytes;
        }
        Bug.On(len != 0, "sgtable_fill_kmalloc: BUG_ON(len)");
    }

    private static uint EntrySize(uint da, uint pa, uint bytes)
    {
        uint size = Math.Min(IopgSize.MaxAlignment(da | pa), IopgSize.IopgszMax(bytes));
        if (size == 0)
            throw new KernelBugException($"sgtable_nents: da|pa 0x{da | pa:x8} is not 4K aligned, so the entry size is 0 and the loop never ends (omap.md §8.13)");
        return size;
    }
}
