using Migration.Hardware.Memory;
using Migration.Kernel;
using static Migration.Drivers.Msm.MsmPageTableFormat;

namespace Migration.Drivers.Msm;

/// <summary>
/// One MSM domain's page table and the page-table work of msm_iommu_map / msm_iommu_unmap that Linux
/// kept from 3.0 to 3.6 (msm.md §5.5-§5.8): descriptors written in simulated physical memory, no
/// alignment checks (misaligned 16M maps run past the 16 KiB table, 64K maps past slot 255), any
/// non-zero first-level slot used as a table pointer, second-level pages freed when the last entry goes.
/// Validation order, return values and TLB maintenance belong to each era's driver.
/// Called with msm_iommu_lock (<see cref="MsmIommuPlatform.Lock"/>) held: nothing here locks.
/// </summary>
public sealed class MsmPageTable
{
    private readonly PhysicalMemory _memory;
    private readonly PhysicalPageAllocator _pages;

    /// <summary>Wraps the zeroed first-level table at <paramref name="flTable"/> (0 = NULL table).</summary>
    public MsmPageTable(PhysicalPageAllocator pages, uint flTable)
    {
        ArgumentNullException.ThrowIfNull(pages);
        _pages = pages;
        _memory = pages.Memory;
        FlTable = flTable;
    }

    /// <summary>The physical memory holding the tables.</summary>
    public PhysicalMemory Memory => _memory;

    /// <summary>priv->pgtable: physical address of the first-level table (0 when NULL).</summary>
    public uint FlTable { get; private set; }

    /// <summary>Failure injection for second-level page allocation (__get_free_pages(GFP_ATOMIC, 0)).</summary>
    public AllocationFaultInjector SecondLevelFaults { get; } = new();

    /// <summary>Writes through a section/supersection descriptor misread as a table pointer (undefined, msm.md §5.5 step 4).</summary>
    public int UndefinedWrites { get; private set; }

    /// <summary>free_page() calls on an address that is no second-level page ("wild_free").</summary>
    public int WildFrees { get; private set; }

    /// <summary>Raised for each undefined write or wild free, with a description.</summary>
    public event Action<string>? UndefinedBehaviour;

    /// <summary>Word <paramref name="index"/> of the first-level table (indexes ≥ 4096 read past its end).</summary>
    public uint ReadFl(uint index) => _memory.ReadWord(FlTable + (index << 2));

    /// <summary>
    /// The attribute bits for <paramref name="prot"/> as mainline 2.6.36–3.6 computes them (msm.md §3.3):
    /// prot &amp; 3 picks a tex-class slot, bit 2 shareable; 0, or -EINVAL when the class is not 0..7.
    /// </summary>
    public static int Pgprot(int prot, MsmTexClasses tex, bool firstLevel, out uint pgprot)
    {
        ArgumentNullException.ThrowIfNull(tex);
        pgprot = 0;
        bool sh = (prot & MsmAttributes.MSM_IOMMU_ATTR_SH) != 0;
        int cls = tex[prot & MsmAttributes.MSM_IOMMU_CP_MASK];
        if (cls < 0 || cls > MsmAttributes.NUM_TEX_CLASS - 1)
            return -Errno.EINVAL;
        if (firstLevel)
        {
            pgprot = (sh ? FL_SHARED : 0) | ((cls & 1) != 0 ? FL_BUFFERABLE : 0)
                | ((cls & 2) != 0 ? FL_CACHEABLE : 0) | ((cls & 4) != 0 ? FL_TEX0 : 0);
        }
        else
        {
            pgprot = (sh ? SL_SHARED : 0) | ((cls & 1) != 0 ? SL_BUFFERABLE : 0)
                | ((cls & 2) != 0 ? SL_CACHEABLE : 0) | ((cls & 4) != 0 ? SL_TEX0 : 0);
        }
        return 0;
    }

    /// <summary>
    /// The map body (after the priv check): -EINVAL for a bad tex class, a length that is not a page
    /// size or a NULL table; -ENOMEM when a second-level page cannot be allocated; else writes the
    /// descriptors and returns 0. Existing entries are overwritten silently (msm.md §9.5).
    /// </summary>
    public int Map(uint va, uint pa, uint len, int prot, MsmTexClasses tex)
    {
        if (Pgprot(prot, tex, firstLevel: len is SZ_16M or SZ_1M, out uint pgprot) != 0)
            return -Errno.EINVAL;
        if (!IsPageSize(len) || FlTable == 0)
            return -Errno.EINVAL;

        uint flPte = FlTable + (FlOffset(va) << 2);
        if (len == SZ_16M)
        {
            uint value = (pa & 0xFF000000) | FL_SUPERSECTION | FL_AP_READ | FL_AP_WRITE | FL_TYPE_SECT | FL_SHARED | FL_NG | pgprot;
            for (uint i = 0; i < Replicas; i++)
                _memory.WriteWord(flPte + (i << 2), value); // may run past entry 4095 (l1-overflow)
            return 0;
        }
        if (len == SZ_1M)
        {
            _memory.WriteWord(flPte, (pa & 0xFFF00000) | FL_AP_READ | FL_AP_WRITE | FL_NG | FL_TYPE_SECT | FL_SHARED | pgprot);
            return 0;
        }

        uint fl = _memory.ReadWord(flPte);
        if (fl == 0)
        {
            uint sl = AllocSecondLevel();
            if (sl == 0)
                return -Errno.ENOMEM;
            fl = (sl & FL_BASE_MASK) | FL_TYPE_TABLE;
            _memory.WriteWord(flPte, fl);
        }
        else if ((fl & 3) != FL_TYPE_TABLE)
        {
            ReportUndefined($"map of 0x{len:x} at va 0x{va:x8}: first-level slot 0x{fl:x8} is not a table and is used as one");
        }

        uint slPte = (fl & FL_BASE_MASK) + (SlOffset(va) << 2);
        if (len == SZ_4K)
        {
            _memory.WriteWord(slPte, (pa & SL_BASE_MASK_SMALL) | SL_AP0 | SL_AP1 | SL_NG | SL_SHARED | SL_TYPE_SMALL | pgprot);
        }
        else
        {
            uint value = (pa & SL_BASE_MASK_LARGE) | SL_AP0 | SL_NG | SL_AP1 | SL_SHARED | SL_TYPE_LARGE | pgprot;
            for (uint i = 0; i < Replicas; i++)
                _memory.WriteWord(slPte + (i << 2), value); // from SL_OFFSET(va), may pass slot 255 (l2-slack)
        }
        return 0;
    }

    /// <summary>
    /// <paramref name="count"/> consecutive <see cref="Map"/> calls of <paramref name="len"/> bytes from (va, pa), stopping at
    /// the first error (returned, with the pages done in <paramref name="mapped"/>): the same reads, writes, table
    /// allocations and reports in the same order. For 4K/64K pages the attribute bits are computed once and the
    /// first-level slot is read once while consecutive pages stay under the same second-level table, as a map_pages
    /// implementation does; a write that lands on that slot (a wild table pointer) makes the next page read it again.
    /// </summary>
    public int MapRun(uint va, uint pa, uint len, uint count, int prot, MsmTexClasses tex, out uint mapped)
    {
        int ret = MapRunCore(va, pa, len, count, prot, tex, out uint done);
        mapped = done;
        return ret;
    }

    // MapRun's body; the page count is a local until the end (an out parameter would be stored on every page).
    private int MapRunCore(uint va, uint pa, uint len, uint count, int prot, MsmTexClasses tex, out uint mapped)
    {
        uint n = 0;
        mapped = 0;
        if (len is not (SZ_4K or SZ_64K))
        {
            for (; n < count; n++)
            {
                int ret = Map(unchecked(va + n * len), unchecked(pa + n * len), len, prot, tex);
                if (ret != 0)
                {
                    mapped = n;
                    return ret;
                }
            }
            mapped = n;
            return 0;
        }
        if (count == 0)
            return 0;
        if (Pgprot(prot, tex, firstLevel: false, out uint pgprot) != 0 || FlTable == 0)
            return -Errno.EINVAL; // what Map returns for the first page, before touching anything
        uint value = len == SZ_4K
            ? SL_AP0 | SL_AP1 | SL_NG | SL_SHARED | SL_TYPE_SMALL | pgprot
            : SL_AP0 | SL_NG | SL_AP1 | SL_SHARED | SL_TYPE_LARGE | pgprot;
        uint baseMask = len == SZ_4K ? SL_BASE_MASK_SMALL : SL_BASE_MASK_LARGE;
        uint words = len == SZ_4K ? 1u : Replicas;
        PhysicalMemory memory = _memory;
        uint flTable = FlTable;
        uint knownFlPte = 0;
        uint knownFl = 0; // a table-type value of the slot at knownFlPte; 0 = read the slot
        uint v = va;
        uint p = pa;
        for (; n < count; n++, v = unchecked(v + len), p = unchecked(p + len))
        {
            uint flPte = flTable + (FlOffset(v) << 2);
            uint fl;
            if (knownFl != 0 && flPte == knownFlPte)
            {
                fl = knownFl;
            }
            else
            {
                fl = memory.ReadWord(flPte);
                if (fl == 0)
                {
                    uint sl = AllocSecondLevel();
                    if (sl == 0)
                    {
                        mapped = n;
                        return -Errno.ENOMEM;
                    }
                    fl = (sl & FL_BASE_MASK) | FL_TYPE_TABLE;
                    memory.WriteWord(flPte, fl);
                }
                else if ((fl & 3) != FL_TYPE_TABLE)
                {
                    ReportUndefined($"map of 0x{len:x} at va 0x{v:x8}: first-level slot 0x{fl:x8} is not a table and is used as one");
                }
                knownFlPte = flPte;
                knownFl = (fl & 3) == FL_TYPE_TABLE ? fl : 0;
            }

            uint slPte = (fl & FL_BASE_MASK) + (SlOffset(v) << 2);
            uint pte = (p & baseMask) | value;
            if (words == 1)
            {
                memory.WriteWord(slPte, pte);
            }
            else
            {
                for (uint i = 0; i < words; i++)
                    memory.WriteWord(slPte + (i << 2), pte); // 64K: from SL_OFFSET(va), may pass slot 255 (l2-slack)
            }
            if (unchecked(flPte - slPte) < words << 2)
                knownFl = 0; // the entries written cover the first-level slot itself
        }
        mapped = n;
        return 0;
    }

    /// <summary>
    /// The unmap body (after the priv check): clears 16/1 first-level slots for 16M/1M, or 16/1
    /// second-level slots from SL_OFFSET(va) for 64K/4K (no rounding, no check of what was there), then
    /// frees a second-level page whose 256 slots all read 0 and zeroes its first-level slot (msm.md §5.7).
    /// </summary>
    public MsmUnmapOutcome Unmap(uint va, uint len)
    {
        if (!IsPageSize(len))
            return MsmUnmapOutcome.BadLength;
        if (FlTable == 0)
            return MsmUnmapOutcome.NoTable;
        uint flPte = FlTable + (FlOffset(va) << 2);
        if (_memory.ReadWord(flPte) == 0)
            return MsmUnmapOutcome.FirstLevelEmpty;

        if (len == SZ_16M)
        {
            for (uint i = 0; i < Replicas; i++)
                _memory.WriteWord(flPte + (i << 2), 0);
        }
        if (len == SZ_1M)
            _memory.WriteWord(flPte, 0); // a table pointer cleared this way leaks its page (§9.7)

        uint fl = _memory.ReadWord(flPte);
        uint slTable = fl & FL_BASE_MASK;
        if (len is SZ_4K or SZ_64K)
        {
            if ((fl & 3) != FL_TYPE_TABLE)
                ReportUndefined($"unmap of 0x{len:x} at va 0x{va:x8}: first-level slot 0x{fl:x8} is not a table and is used as one");
            uint slPte = slTable + (SlOffset(va) << 2);
            int count = len == SZ_64K ? Replicas : 1;
            for (uint i = 0; i < count; i++)
                _memory.WriteWord(slPte + (i << 2), 0);

            // The kernel loads all 256 slots; only whether one is non-zero matters, so scan a frame at a time.
            bool used = _memory.AnyNonZero(slTable, NUM_SL_PTE);
            if (!used)
            {
                FreeSecondLevel(slTable);
                _memory.WriteWord(flPte, 0);
            }
        }
        return MsmUnmapOutcome.Cleared;
    }

    /// <summary>Physical addresses of the second-level tables referenced by table-type first-level entries.</summary>
    public void ForEachSecondLevelTable(Action<uint> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        for (uint i = 0; i < NUM_FL_PTE; i++)
        {
            uint fl = ReadFl(i);
            if ((fl & 3) == FL_TYPE_TABLE)
                visit(fl & FL_BASE_MASK);
        }
    }

    /// <summary>
    /// msm_iommu_domain_destroy's table work (msm.md §5.2): free the page of every first-level entry whose
    /// low bits are 01, then the first-level table; the table becomes NULL.
    /// </summary>
    public void Destroy(int flOrder)
    {
        if (FlTable == 0)
            return;
        for (uint i = 0; i < NUM_FL_PTE; i++)
        {
            uint fl = ReadFl(i);
            if ((fl & 3) == FL_TYPE_TABLE)
                FreeSecondLevel(fl & FL_BASE_MASK);
        }
        _pages.FreePages(FlTable, flOrder);
        FlTable = 0;
    }

    /// <summary>__get_free_pages(GFP_ATOMIC, 0) + memset(0) of a second-level page; 0 on failure.</summary>
    public uint AllocSecondLevel() => SecondLevelFaults.ShouldFail() ? 0 : _pages.AllocPages(0, zero: true);

    /// <summary>free_page() of a second-level table; a non-table address is counted as a wild free, not freed.</summary>
    public void FreeSecondLevel(uint slTable)
    {
        if ((slTable & (SlPageSize - 1)) == 0 && _pages.IsAllocated(slTable))
        {
            _pages.FreePages(slTable, 0);
            return;
        }
        WildFrees++;
        UndefinedBehaviour?.Invoke($"free_page(0x{slTable:x8}): not a second-level page (wild free)");
    }

    /// <summary>Counts and reports an undefined access (a non-table first-level slot used as a table).</summary>
    public void ReportUndefined(string what)
    {
        UndefinedWrites++;
        UndefinedBehaviour?.Invoke(what);
    }
}
