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

    /// <summary>sgtable_fill_kmalloc(sgt, pa, da, len): the same decomposition as <see cref="IovmSgtable.Nents"/>; BUG if bytes remain.</summary>
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
}
