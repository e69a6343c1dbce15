using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Generic.Omap;

/// <summary>The sg_table helpers of drivers/iommu/omap-iovmm.c as of 3.3 (omap.md §5.3, §7.5).</summary>
internal static class OmapIovmmSgtable
{
    private const uint PAGE_SIZE = KernelMemory.PAGE_SIZE;

    /// <summary>Entry size in 3.2+: sg->length + sg->offset.</summary>
    public static uint EntryBytes(in Scatterlist sg) => unchecked(sg.Length + sg.Offset);

    /// <summary>Page base in 3.2+: sg_phys(sg) - sg->offset.</summary>
    public static uint EntryPa(in Scatterlist sg) => unchecked(sg.Phys - sg.Offset);

    /// <summary>
    /// sgtable_len(sgt) (3.3): 0 for NULL, when an entry size (length + offset) is not 4K/64K/1M/16M,
    /// or when an entry other than the first has a non-zero offset; else the sum of the entry sizes.
    /// </summary>
    public static uint Len(SgTable? sgt)
    {
        if (sgt is null)
            return 0;
        uint total = 0;
        for (int i = 0; i < sgt.Nents; i++)
        {
            uint bytes = EntryBytes(sgt.Sgl[i]);
            if (!IopgSize.IopgszOk(bytes))
                return 0; // "sg[i] not iommu pagesize"
            if (i != 0 && sgt.Sgl[i].Offset != 0)
                return 0; // "offset not allowed in internal entries"
            total = unchecked(total + bytes);
        }
        return total;
    }

    /// <summary>sgtable_offset(sgt): the first entry's offset, 0 for NULL or an empty table.</summary>
    public static uint Offset(SgTable? sgt) => sgt is not null && sgt.Nents != 0 ? sgt.Sgl[0].Offset : 0;

    /// <summary>
    /// sgtable_alloc(bytes, flags, da, pa): -EINVAL for 0 or a non-page multiple (or a LINEAR decomposition of
    /// 0 entries); -ENOMEM when the header allocation fails; else bytes/4K entries (superpage count if LINEAR).
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

    // sgtable_nents(bytes, da, pa): superpage decomposition count (only reached with a caller IOVMF_LINEAR).
    private static int Nents(uint bytes, uint da, uint pa)
    {
        if ((bytes & (PAGE_SIZE - 1)) != 0)
            return 0;
        int nr = 0;
        while (bytes != 0)
        {
            uint size = Math.Min(IopgSize.MaxAlignment(da | pa), IopgSize.IopgszMax(bytes));
            if (size == 0)
                throw new KernelBugException($"sgtable_nents: da|pa 0x{da | pa:x8} is not 4K aligned, so the loop never ends (omap.md §8.13)");
            nr++;
            da = unchecked(da + size);
            pa = unchecked(pa + size);
            bytes -= size;
        }
        return nr;
    }
}
