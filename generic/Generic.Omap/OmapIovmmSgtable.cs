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
}
