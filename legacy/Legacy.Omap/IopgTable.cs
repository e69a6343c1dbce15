using Migration.Drivers.Omap;

namespace Legacy.Omap;

/// <summary>The page-table functions plat-omap/iommu.c exports in 3.0 (omap.md §4.5).</summary>
public static class IopgTable
{
    /// <summary>iopgtable_store_entry(obj, e): 0, -EINVAL or -ENOMEM; flushes the TLB for e.da first.</summary>
    public static int StoreEntry(OmapIommu obj, in IotlbEntry e)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return OmapPageTable.StoreEntry(obj.Instance, e);
    }

    /// <summary>iopgtable_clear_entry(obj, da): bytes cleared (0 only for an empty L1 entry).</summary>
    public static uint ClearEntry(OmapIommu obj, uint da)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return OmapPageTable.ClearEntry(obj.Instance, da);
    }

    /// <summary>
    /// iopgtable_lookup_entry(obj, da, &amp;ppgd, &amp;ppte): physical addresses of the L1 entry and of the L2
    /// entry (0 = NULL when the L1 entry is empty or not a table).
    /// </summary>
    public static void LookupEntry(OmapIommu obj, uint da, out uint ppgd, out uint ppte)
    {
        ArgumentNullException.ThrowIfNull(obj);
        OmapPageTable.LookupEntry(obj.Instance, da, out ppgd, out ppte);
    }
}
