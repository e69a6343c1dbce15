using System.Numerics;
using Migration.Kernel;
using static Migration.Drivers.Omap.IopgtableFormat;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Drivers.Omap;

/// <summary>
/// The table work of the OMAP driver's batched ops (map_pages / unmap_pages, Linux 5.x, beyond 3.3): the descriptors
/// pgcount iopgtable_store_entry calls of one page size would write, and the clears of iommu_unmap's
/// iopgtable_clear_entry loop (omap.md §3.5, §4.5, §8), stored as one run of words per table through
/// PhysicalMemory.WriteRun. Neither does any TLB operation: the caller flushes once for the whole call.
/// Both hold <see cref="OmapIommuInstance.PageTableLock"/> for the whole run (dropped only around an L2 allocation,
/// as iopte_alloc does).
/// </summary>
public static class OmapPageTableRun
{
    // The zeroes a cleared run stores (a whole table's worth).
    private static readonly uint[] EmptyTable = new uint[PTRS_PER_IOPTE];

    /// <summary>
    /// Stores <paramref name="count"/> pages of CAM size code <paramref name="pgsz"/> from da/pa with the attribute bits
    /// <paramref name="attr"/> (get_pte_attr): per page the same descriptor and the same checks in the same order as
    /// iopgtable_store_entry's writer (16M/1M: -EINVAL unless da | pa is aligned; 64K: the L2 table first, then -EINVAL,
    /// then -ENOMEM; 4K: no check, pa's low bits dropped), without its flush_iotlb_page. Consecutive pages in one L2
    /// table are one run, and the table of the previous run is reused without reading the L1 entry again. A 4K/64K run
    /// under a section descriptor writes through it as 3.3 does (undefined, §8.4) but is reported once per run, not per
    /// page. Returns 0 or the failing page's error; <paramref name="stored"/> pages were written before it.
    /// </summary>
    public static int Store(OmapIommuInstance obj, uint da, uint pa, uint pgsz, uint count, uint attr, out uint stored)
    {
        ArgumentNullException.ThrowIfNull(obj);
        stored = 0;
        if (count == 0)
            return 0;
        lock (obj.PageTableLock)
        {
            return pgsz switch
            {
                MMU_CAM_PGSZ_16M => StoreSupers(obj, da, pa, count, attr, ref stored),
                MMU_CAM_PGSZ_1M => StoreSections(obj, da, pa, count, attr, ref stored),
                MMU_CAM_PGSZ_64K => StoreLarges(obj, da, pa, count, attr, ref stored),
                _ => StoreSmalls(obj, da, pa, count, attr, ref stored),
            };
        }
    }

    /// <summary>
    /// The table work of 3.3's iommu_unmap loop over [da, da + size) (omap.md §4.5, §8.2, §8.3, §8.23), without the
    /// flush_iotlb_page of each iopgtable_clear_entry: step by step the page covering the cursor is cleared (the whole
    /// large page or supersection, rewinding to its first replica), an empty PTE inside a table counts 4K, an empty L1
    /// entry ends the loop; a step that leaves its L2 table empty frees it and zeroes the L1 entry, so the next step in
    /// that 1M finds nothing and the loop ends there, as in 3.3. The zeroes of consecutive steps in one table go out as
    /// one run. Returns the bytes the steps cleared (more than size when the last page is larger).
    /// </summary>
    public static ulong Clear(OmapIommuInstance obj, uint da, ulong size)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (obj.PageTableLock)
        {
            ulong done = 0;
            while (done < size)
            {
                uint cursor = unchecked(da + (uint)done);
                uint pgdAddress = OmapPageTable.IopgdOffset(obj, cursor);
                uint iopgd = obj.Memory.ReadWord(pgdAddress);
                if (iopgd == 0)
                    break; // clear_entry returns 0: the core stops at the hole
                if ((iopgd & IOPGD_TABLE) == 0)
                {
                    done += OmapPageTable.ClearEntryCore(obj, cursor); // a section or supersection: one step
                    continue;
                }
                done += ClearInTable(obj, pgdAddress, iopgd, cursor, size - done); // a freed table ends in a hole
            }
            return done;
        }
    }

    // Steps of the clear loop inside one L2 table, from cursor while in its 1M and below left bytes.
    private static ulong ClearInTable(OmapIommuInstance obj, uint pgdAddress, uint iopgd, uint cursor, ulong left)
    {
        uint tableBase = IopgdPagePaddr(iopgd);
        ReadOnlySpan<uint> table = obj.Memory.Frame(tableBase >> 12).Slice((int)((tableBase & 0xFFF) >> 2), PTRS_PER_IOPTE);
        int live = PTRS_PER_IOPTE - table.Count(0u); // non-zero PTEs: the table is freed when the last one goes
        uint slot = IopgdIndex(cursor);
        int runStart = 0, runEnd = 0; // zeroes not stored yet, [runStart, runEnd) in PTE indices
        ulong done = 0;
        while (done < left)
        {
            uint d = unchecked(cursor + (uint)done);
            if (IopgdIndex(d) != slot)
                break;
            int index = (int)IopteIndex(d);
            int n = 1;
            uint bytes = IOPTE_SIZE;
            bool emptied = false;
            bool large = (table[index] & IOPTE_LARGE) != 0; // the legacy test: bit 0 means a large page
            if (!large)
            {
                // A stretch of 4K steps (up to the next large PTE, the end of the table or of the range), taken at once:
                // each clears one PTE and reports 4K, an empty one too (§8.3).
                int steps = (int)Math.Min((ulong)(PTRS_PER_IOPTE - index), (left - done + IOPTE_SIZE - 1) / IOPTE_SIZE);
                ReadOnlySpan<uint> stretch = table.Slice(index, steps);
                int next = IndexOfLarge(stretch);
                if (next >= 0)
                    stretch = stretch[..next];
                int nonZero = stretch.Length - stretch.Count(0u);
                if (nonZero >= live)
                {
                    // The table empties at the step that clears its last non-zero PTE (the first step if none is left).
                    stretch = stretch[..Math.Max(1, stretch.LastIndexOfAnyExcept(0u) + 1)];
                    emptied = true;
                }
                live -= nonZero;
                n = stretch.Length;
                bytes = (uint)n * IOPTE_SIZE;
            }
            else
            {
                n = Replicas;
                index &= ~(Replicas - 1); // rewind to the first replica
                bytes = IOLARGE_SIZE;
            }
            if (index != runEnd || runEnd == runStart)
            {
                // Not adjacent to the pending zeroes (or rewound into them): store those first, so the count below
                // reads what 3.3 would read at this step.
                StoreZeroes(obj, tableBase, runStart, runEnd);
                runStart = index;
                runEnd = index;
            }
            if (large)
            {
                for (int i = 0; i < n; i++)
                {
                    if (table[index + i] != 0)
                        live--;
                }
                emptied = live == 0;
            }
            runEnd = index + n;
            done += bytes;
            if (emptied)
            {
                StoreZeroes(obj, tableBase, runStart, runEnd);
                obj.L2Cache.Free(tableBase); // all 256 entries zero: free the table, the result stays 4K/64K steps
                obj.L2Walk = default;
                obj.Memory.WriteWord(pgdAddress, 0);
                return done;
            }
        }
        StoreZeroes(obj, tableBase, runStart, runEnd);
        return done;
    }

    // The index of the first PTE with bit 0 set (a large page to the legacy clear path), or -1.
    private static int IndexOfLarge(ReadOnlySpan<uint> ptes)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<uint>.Count <= ptes.Length; i += Vector<uint>.Count)
            {
                if (!Vector.EqualsAll(new Vector<uint>(ptes[i..]) & Vector<uint>.One, Vector<uint>.Zero))
                    break;
            }
        }
        for (; i < ptes.Length; i++)
        {
            if ((ptes[i] & IOPTE_LARGE) != 0)
                return i;
        }
        return -1;
    }

    private static void StoreZeroes(OmapIommuInstance obj, uint tableBase, int start, int end)
    {
        if (end > start)
            obj.Memory.WriteRun(tableBase + ((uint)start << 2), EmptyTable.AsSpan(start, end - start)); // a block copy
    }

    // iopgd_alloc_super per page: 16 identical L1 entries each (§8.1).
    private static int StoreSupers(OmapIommuInstance obj, uint da, uint pa, uint count, uint attr, ref uint stored)
    {
        obj.L2Walk = default; // L2 pointers overwritten here are leaked (§8.4)
        for (; stored < count; stored++)
        {
            uint d = unchecked(da + stored * IOSUPER_SIZE);
            uint p = unchecked(pa + stored * IOSUPER_SIZE);
            if (((d | p) & ~IOSUPER_MASK) != 0)
                return -Errno.EINVAL;
            obj.Memory.WriteRun(OmapPageTable.IopgdOffset(obj, d), Replicas, (p & IOSUPER_MASK) | attr | IOPGD_SUPER, 0);
        }
        return 0;
    }

    // iopgd_alloc_section per page: consecutive L1 entries stepping 1M, one run up to the end of the L1 table.
    private static int StoreSections(OmapIommuInstance obj, uint da, uint pa, uint count, uint attr, ref uint stored)
    {
        if (((da | pa) & ~IOSECTION_MASK) != 0)
            return -Errno.EINVAL; // the first page; the others are aligned when it is
        obj.L2Walk = default;
        while (stored < count)
        {
            uint d = unchecked(da + stored * IOSECTION_SIZE);
            uint p = unchecked(pa + stored * IOSECTION_SIZE);
            uint pages = Math.Min(count - stored, (uint)PTRS_PER_IOPGD - IopgdIndex(d));
            obj.Memory.WriteRun(OmapPageTable.IopgdOffset(obj, d), (int)pages, (p & IOSECTION_MASK) | attr | IOPGD_SECTION, IOSECTION_SIZE);
            stored += pages;
        }
        return 0;
    }

    // iopte_alloc_page per page: one run of PTEs stepping 4K per L2 table.
    private static int StoreSmalls(OmapIommuInstance obj, uint da, uint pa, uint count, uint attr, ref uint stored)
    {
        while (stored < count)
        {
            uint d = unchecked(da + stored * IOPTE_SIZE);
            uint p = unchecked(pa + stored * IOPTE_SIZE);
            int err = L2Table(obj, d, out uint pteAddress);
            if (err != 0)
                return err;
            uint pages = Math.Min(count - stored, (uint)PTRS_PER_IOPTE - IopteIndex(d));
            uint value = (p & IOPTE_MASK) | attr | IOPTE_SMALL;
            if (pages == 1)
                obj.Memory.WriteWord(pteAddress, value);
            else
                obj.Memory.WriteRun(pteAddress, (int)pages, value, IOPTE_SIZE);
            stored += pages;
        }
        return 0;
    }

    // iopte_alloc_large per page: the table is obtained before the alignment check (§8.5); 16 replicas per page.
    private static int StoreLarges(OmapIommuInstance obj, uint da, uint pa, uint count, uint attr, ref uint stored)
    {
        Span<uint> run = stackalloc uint[PTRS_PER_IOPTE];
        while (stored < count)
        {
            uint d = unchecked(da + stored * IOLARGE_SIZE);
            uint p = unchecked(pa + stored * IOLARGE_SIZE);
            int err = L2Table(obj, d, out uint pteAddress);
            if (((d | p) & ~IOLARGE_MASK) != 0)
                return -Errno.EINVAL;
            if (err != 0)
                return err;
            uint pages = Math.Min(count - stored, ((uint)PTRS_PER_IOPTE - IopteIndex(d)) / Replicas);
            uint value = (p & IOLARGE_MASK) | attr | IOPTE_LARGE;
            for (int i = 0; i < pages; i++)
            {
                run.Slice(i * Replicas, Replicas).Fill(value);
                value = unchecked(value + IOLARGE_SIZE);
            }
            obj.Memory.WriteRun(pteAddress, run[..((int)pages * Replicas)]);
            stored += pages;
        }
        return 0;
    }

    // iopte_alloc for d, or the table of the previous run when d's L1 entry is the one that run used.
    private static int L2Table(OmapIommuInstance obj, uint d, out uint pteAddress)
    {
        uint pgdAddress = OmapPageTable.IopgdOffset(obj, d);
        OmapL2Walk walk = obj.L2Walk;
        if (walk.PgdAddress == pgdAddress && pgdAddress != 0)
        {
            pteAddress = OmapPageTable.IopteOffset(walk.Iopgd, d);
            return 0;
        }
        int err = OmapPageTable.IopteAlloc(obj, d, out pteAddress, out uint iopgd);
        if (err == 0 && IopgdIsTable(iopgd))
            obj.L2Walk = new OmapL2Walk(pgdAddress, iopgd); // not a table (§8.4): walk it again each run
        return err;
    }
}
