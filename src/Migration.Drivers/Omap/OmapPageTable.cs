using Migration.Kernel;
using static Migration.Drivers.Omap.IopgtableFormat;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Drivers.Omap;

/// <summary>
/// The OMAP page-table code of arch/arm/plat-omap/iommu.c (omap.md §3.5, §4.5, §8): the four writers,
/// iopgtable_store_entry / clear_entry / lookup_entry / clear_entry_all, and the 3.2+ iova_to_phys
/// translation. Descriptors are read and written in the simulated physical memory the MMU walks.
/// <see cref="OmapIommuInstance.PageTableLock"/> is taken where the kernel takes page_table_lock (omap.md
/// §4.5, §4.8): store around the writer only (dropped around the L2 allocation), clear and clear-all with
/// their TLB flush; lookup and iova_to_phys take no lock. The D-cache clean after each write is implicit
/// because the walker reads the same memory.
/// </summary>
public static class OmapPageTable
{
    /// <summary>Physical address of the L1 entry for <paramref name="da"/> (iopgd_offset).</summary>
    public static uint IopgdOffset(OmapIommuInstance obj, uint da) => obj.Iopgd + (IopgdIndex(da) << 2);

    /// <summary>Physical address of the L2 entry for <paramref name="da"/> under L1 value <paramref name="iopgd"/> (iopte_offset).</summary>
    public static uint IopteOffset(uint iopgd, uint da) => IopgdPagePaddr(iopgd) + (IopteIndex(da) << 2);

    /// <summary>
    /// iopgtable_store_entry(obj, e): flush the TLB entries covering e.da, then write the descriptor for
    /// e.pgsz with get_pte_attr's attributes. Returns 0, -EINVAL (misaligned section/super/large) or -ENOMEM.
    /// </summary>
    public static int StoreEntry(OmapIommuInstance obj, in IotlbEntry e)
    {
        ArgumentNullException.ThrowIfNull(obj); // the kernel would oops in flush_iotlb_page first
        OmapTlb.FlushPage(obj, e.Da); // §8.6: before writing, outside page_table_lock
        uint prot = obj.Arch.GetPteAttr(e);
        lock (obj.PageTableLock) // the writer only; IopteAlloc drops it around the L2 allocation
        {
            return e.Pgsz switch
            {
                MMU_CAM_PGSZ_16M => AllocSuper(obj, e.Da, e.Pa, prot),
                MMU_CAM_PGSZ_1M => AllocSection(obj, e.Da, e.Pa, prot),
                MMU_CAM_PGSZ_64K => AllocLarge(obj, e.Da, e.Pa, prot),
                _ => AllocPage(obj, e.Da, e.Pa, prot),
            };
        }
    }

    /// <summary>
    /// iopgtable_clear_entry(obj, da): clears the page covering da (rewinding to the first replica of a
    /// large page or supersection), frees an emptied L2 table, then flushes the TLB for the original da.
    /// Returns the bytes cleared: 0 only when the L1 entry is empty (omap.md §8.2, §8.3).
    /// </summary>
    public static uint ClearEntry(OmapIommuInstance obj, uint da)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (obj.PageTableLock) // §4.5: lock → clear → TLB flush → unlock
        {
            uint bytes = ClearEntryCore(obj, da);
            OmapTlb.FlushPage(obj, da); // §8.6: after clearing, with the un-rewound da
            return bytes;
        }
    }

    /// <summary>
    /// iopgtable_lookup_entry(obj, da, &amp;pgd, &amp;pte): the L1 entry's address always; the L2 entry's address
    /// only when the L1 entry is a table pointer (0 stands for a NULL pte pointer).
    /// </summary>
    public static void LookupEntry(OmapIommuInstance obj, uint da, out uint pgdAddress, out uint pteAddress)
    {
        ArgumentNullException.ThrowIfNull(obj);
        pgdAddress = IopgdOffset(obj, da);
        pteAddress = 0;
        uint iopgd = obj.Memory.ReadWord(pgdAddress);
        if (iopgd != 0 && IopgdIsTable(iopgd))
            pteAddress = IopteOffset(iopgd, da);
    }

    /// <summary>
    /// iopgtable_clear_entry_all: frees every L2 table, zeroes the L1 table and flushes the whole TLB
    /// (driver removal in 3.0, detach in 3.2+).
    /// </summary>
    public static void ClearEntryAll(OmapIommuInstance obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (obj.PageTableLock)
        {
            obj.L2Walk = default;
            for (uint i = 0; i < PTRS_PER_IOPGD; i++)
            {
                uint pgdAddress = obj.Iopgd + (i << 2);
                uint iopgd = obj.Memory.ReadWord(pgdAddress);
                if (iopgd == 0)
                    continue;
                if (IopgdIsTable(iopgd))
                    obj.L2Cache.Free(IopgdPagePaddr(iopgd));
                obj.Memory.WriteWord(pgdAddress, 0);
            }
            OmapTlb.FlushAll(obj);
        }
    }

    /// <summary>
    /// omap_iommu_iova_to_phys (3.2+, omap.md §7.3): translate through the table as the driver does;
    /// 0 for an empty or bogus entry.
    /// </summary>
    public static uint IovaToPhys(OmapIommuInstance obj, uint da)
    {
        LookupEntry(obj, da, out uint pgdAddress, out uint pteAddress);
        if (pteAddress != 0)
        {
            uint pte = obj.Memory.ReadWord(pteAddress);
            if (IopteIsSmall(pte))
                return IopgtableFormat.Translate(pte, da, IOPTE_MASK);
            if (IopteIsLarge(pte))
                return IopgtableFormat.Translate(pte, da, IOLARGE_MASK);
            return 0; // "bogus pte" (includes an empty PTE)
        }
        uint pgd = obj.Memory.ReadWord(pgdAddress);
        if (IopgdIsSection(pgd))
            return IopgtableFormat.Translate(pgd, da, IOSECTION_MASK);
        if (IopgdIsSuper(pgd))
            return IopgtableFormat.Translate(pgd, da, IOSUPER_MASK);
        return 0; // "bogus pgd" (includes an empty L1 entry)
    }

    // iopgd_alloc_section.
    private static int AllocSection(OmapIommuInstance obj, uint da, uint pa, uint prot)
    {
        if (((da | pa) & ~IOSECTION_MASK) != 0)
            return -Errno.EINVAL;
        obj.L2Walk = default; // an L2 pointer overwritten here is leaked (§8.4); the batched store must not reuse it
        obj.Memory.WriteWord(IopgdOffset(obj, da), (pa & IOSECTION_MASK) | prot | IOPGD_SECTION);
        return 0;
    }

    // iopgd_alloc_super: 16 identical L1 entries (§8.1).
    private static int AllocSuper(OmapIommuInstance obj, uint da, uint pa, uint prot)
    {
        if (((da | pa) & ~IOSUPER_MASK) != 0)
            return -Errno.EINVAL;
        obj.L2Walk = default;
        uint first = IopgdOffset(obj, da);
        uint value = (pa & IOSUPER_MASK) | prot | IOPGD_SUPER;
        for (uint i = 0; i < Replicas; i++)
            obj.Memory.WriteWord(first + (i << 2), value);
        return 0;
    }

    // iopte_alloc_page: no alignment check, pa low bits dropped (§3.5).
    private static int AllocPage(OmapIommuInstance obj, uint da, uint pa, uint prot)
    {
        int err = IopteAlloc(obj, da, out uint pteAddress, out _);
        if (err != 0)
            return err;
        obj.Memory.WriteWord(pteAddress, (pa & IOPTE_MASK) | prot | IOPTE_SMALL);
        return 0;
    }

    // iopte_alloc_large: the table is obtained BEFORE the alignment check (§8.5), and -EINVAL wins over -ENOMEM.
    private static int AllocLarge(OmapIommuInstance obj, uint da, uint pa, uint prot)
    {
        int err = IopteAlloc(obj, da, out uint pteAddress, out _);
        if (((da | pa) & ~IOLARGE_MASK) != 0)
            return -Errno.EINVAL;
        if (err != 0)
            return err;
        uint value = (pa & IOLARGE_MASK) | prot | IOPTE_LARGE;
        for (uint i = 0; i < Replicas; i++)
            obj.Memory.WriteWord(pteAddress + (i << 2), value);
        return 0;
    }

    // iopte_alloc, called with page_table_lock held: any non-zero L1 entry is used as a table pointer,
    // whatever its type (§3.5, §8.4).
    internal static int IopteAlloc(OmapIommuInstance obj, uint da, out uint pteAddress, out uint iopgdValue)
    {
        uint pgdAddress = IopgdOffset(obj, da);
        uint iopgd = obj.Memory.ReadWord(pgdAddress);
        if (iopgd == 0)
        {
            // The lock is dropped around the allocation (kmem_cache_zalloc may sleep), then the L1 entry is
            // read again: another thread may have installed a table meanwhile (§3.5).
            Monitor.Exit(obj.PageTableLock);
            uint table;
            try
            {
                table = obj.L2Cache.ZAlloc();
            }
            finally
            {
                Monitor.Enter(obj.PageTableLock);
            }
            iopgd = obj.Memory.ReadWord(pgdAddress);
            if (iopgd == 0)
            {
                if (table == 0)
                {
                    pteAddress = 0;
                    iopgdValue = 0;
                    return -Errno.ENOMEM;
                }
                iopgd = table | IOPGD_TABLE;
                obj.Memory.WriteWord(pgdAddress, iopgd);
            }
            else if (table != 0)
            {
                obj.L2Cache.Free(table); // we raced: free the redundant table and use the installed one
            }
        }
        if (!IopgdIsTable(iopgd))
            obj.ReportUndefined(da, iopgd);
        pteAddress = IopteOffset(iopgd, da);
        iopgdValue = iopgd;
        return 0;
    }

    /// <summary>
    /// iopgtable_clear_entry_core(obj, da): the table part of <see cref="ClearEntry"/>, without the TLB flush; the
    /// caller holds <see cref="OmapIommuInstance.PageTableLock"/>. Public so that a known-bad port can skip the flush.
    /// </summary>
    public static uint ClearEntryCore(OmapIommuInstance obj, uint da)
    {
        ArgumentNullException.ThrowIfNull(obj);
        uint pgdAddress = IopgdOffset(obj, da);
        uint iopgd = obj.Memory.ReadWord(pgdAddress);
        if (iopgd == 0)
            return 0;

        int nent = 1;
        uint bytes;
        if ((iopgd & IOPGD_TABLE) != 0)
        {
            uint pteAddress = IopteOffset(iopgd, da);
            bytes = IOPTE_SIZE;
            if ((obj.Memory.ReadWord(pteAddress) & IOPTE_LARGE) != 0)
            {
                nent = Replicas;
                pteAddress = IopteOffset(iopgd, da & IOLARGE_MASK); // rewind to the first replica
            }
            bytes *= (uint)nent;
            for (uint i = 0; i < nent; i++)
                obj.Memory.WriteWord(pteAddress + (i << 2), 0);

            // Free the table when all 256 entries are zero; the result stays 4K/64K (§8.3).
            uint tableBase = IopgdPagePaddr(iopgd);
            if (obj.Memory.AnyNonZero(tableBase, PTRS_PER_IOPTE))
                return bytes;
            obj.L2Cache.Free(tableBase);
            nent = 1;
        }
        else
        {
            bytes = IOPGD_SIZE;
            if ((iopgd & IOPGD_SUPER) == IOPGD_SUPER) // the legacy test: (entry & 0x40002) == 0x40002
            {
                nent = Replicas;
                pgdAddress = IopgdOffset(obj, da & IOSUPER_MASK);
            }
            bytes *= (uint)nent;
        }
        obj.L2Walk = default; // an L1 entry goes: the batched store's remembered walk may point at it
        for (uint i = 0; i < nent; i++)
            obj.Memory.WriteWord(pgdAddress + (i << 2), 0);
        return bytes;
    }
}
