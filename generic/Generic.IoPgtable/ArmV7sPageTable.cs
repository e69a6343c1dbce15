using Generic.Iommu;
using Migration.Hardware.Memory;
using Migration.Kernel;
using static Generic.IoPgtable.ArmV7sFormat;

namespace Generic.IoPgtable;

/// <summary>
/// struct arm_v7s_io_pgtable and its ops (drivers/iommu/io-pgtable-arm-v7s.c as of Linux 6.13+, v7s.md version N):
/// a 16 KiB level-1 table allocated with the io-pgtable, 1 KiB level-2 tables from a per-table slab cache, map_pages /
/// unmap_pages of pgcount pages at one level, the software iova_to_phys and free_pgtable. A partial unmap of a
/// contiguous entry or of a section is refused (WARN_ONCE, 0); a used slot is -EEXIST; a prot without READ and WRITE
/// is -EINVAL. WARNs are counted in <see cref="WarnCount"/>. Not thread-safe: the driver's page-table lock serialises
/// calls, as msm_iommu.c's priv->pgtlock does.
/// </summary>
public sealed class ArmV7sPageTable : IIoPgtableOps
{
    /// <summary>Name of the level-2 table cache (kmem_cache_create in arm_v7s_alloc_pgtable).</summary>
    public const string L2CacheName = "io-pgtable_armv7s_l2";

    // Order of the 16 KiB level-1 allocation (get_order(ARM_V7S_TABLE_SIZE(1))).
    private const int L1Order = 2;

    private readonly PhysicalPageAllocator _pages;
    private readonly PhysicalMemory _memory;
    private readonly object? _cookie;
    private readonly IIommuFlushOps _tlb;
    private readonly uint _quirks;
    private bool _partialUnmapWarned;
    private bool _freed;

    private ArmV7sPageTable(IoPgtableCfg cfg, object? cookie, PhysicalPageAllocator pages, uint pgd, SlabCache l2Cache)
    {
        Cfg = cfg;
        _cookie = cookie;
        _tlb = cfg.Tlb;
        _quirks = cfg.Quirks;
        _pages = pages;
        _memory = pages.Memory;
        Pgd = pgd;
        L2Cache = l2Cache;
    }

    /// <summary>The configuration the table was allocated with (pgsize_bitmap trimmed, arm_v7s_cfg filled in).</summary>
    public IoPgtableCfg Cfg { get; }

    /// <summary>data->pgd: physical address of the 16 KiB level-1 table.</summary>
    public uint Pgd { get; }

    /// <summary>data->l2_tables: the slab cache of 1 KiB level-2 tables (v7s.md §5.3).</summary>
    public SlabCache L2Cache { get; }

    /// <summary>WARN / WARN_ON / WARN_ONCE hits so far (each is a kernel splat; the call's return value says what failed).</summary>
    public int WarnCount { get; private set; }

    /// <summary>The condition of the latest WARN, or null.</summary>
    public string? LastWarning { get; private set; }

    /// <summary>
    /// alloc_io_pgtable_ops(ARM_V7S, cfg, cookie) → arm_v7s_alloc_pgtable (v7s.md §2.1, §2.3, §5.3): null for quirks
    /// other than ARM_NS, ias or oas above 32, or no memory for the level-1 table. Trims cfg.pgsize_bitmap to
    /// 4K|64K|1M|16M and fills cfg.arm_v7s_cfg (TTBR = pgd | S, plus NOS and WBWA walks when coherent; TCR 0; PRRR; NMRR).
    /// </summary>
    public static ArmV7sPageTable? Alloc(IoPgtableCfg cfg, object? cookie, PhysicalPageAllocator pages)
    {
        ArgumentNullException.ThrowIfNull(cfg);
        ArgumentNullException.ThrowIfNull(pages);
        if (cfg.Ias > ARM_V7S_ADDR_BITS || cfg.Oas > ARM_V7S_ADDR_BITS || cfg.Ias <= 0 || cfg.Oas <= 0)
            return null;
        if ((cfg.Quirks & ~IoPgtableQuirks.ARM_NS) != 0)
            return null; // NO_PERMS and the MediaTek quirks are not modelled
        var l2Cache = new SlabCache(L2CacheName, pages, L2TableSize);
        uint pgd = pages.AllocPages(L1Order, zero: true);
        if (pgd == 0)
            return null;
        cfg.PgsizeBitmap &= SupportedPageSizes;
        uint ttbr = pgd | ARM_V7S_TTBR_S;
        if (cfg.CoherentWalk)
            ttbr |= ARM_V7S_TTBR_NOS | ARM_V7S_TTBR_IRGN_WBWA | ARM_V7S_TTBR_ORGN_WBWA;
        cfg.ArmV7s = new ArmV7sCfg(ttbr, Tcr: 0, ARM_V7S_PRRR, ARM_V7S_NMRR);
        return new ArmV7sPageTable(cfg, cookie, pages, pgd, l2Cache);
    }

    /// <summary>
    /// arm_v7s_map_pages (v7s.md §3.1, §3.2): -ERANGE (WARN) for an iova or paddr beyond ias/oas, then -EINVAL for a
    /// prot without READ and WRITE; otherwise pgcount one-page walks, stopping at the first error. Consecutive pages in
    /// one level-2 table are written as one run. A pgsize outside the format, or addresses not aligned to it, are
    /// -EINVAL here (the kernel trusts the core and would write garbage, v7s.md §3.1 last item).
    /// </summary>
    public int MapPages(uint iova, uint paddr, uint pgsize, uint pgcount, int prot, out uint mapped)
    {
        mapped = 0;
        ThrowIfFreed();
        if (!InRange(iova, pgsize, pgcount, Cfg.Ias) || !InRange(paddr, pgsize, pgcount, Cfg.Oas))
            return Warn(-Errno.ERANGE, "arm_v7s_map_pages: iova or paddr beyond ias/oas");
        if ((prot & (IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE)) == 0)
            return -Errno.EINVAL; // "If no access, then nothing to do": -EINVAL since 6.13 (v7s.md §1.3)
        if (!IsPageSize(pgsize) || ((iova | paddr) & (pgsize - 1)) != 0)
            return -Errno.EINVAL;
        while (pgcount != 0)
        {
            uint done;
            int ret = pgsize >= BlockSize(1)
                ? MapLevel1Block(iova, paddr, pgsize, prot, out done)
                : MapLevel2Run(iova, paddr, pgsize, pgcount, prot, out done);
            mapped += done * pgsize;
            if (ret != 0)
                return ret;
            iova = unchecked(iova + done * pgsize);
            paddr = unchecked(paddr + done * pgsize);
            pgcount -= done;
        }
        return 0;
    }

    /// <summary>
    /// arm_v7s_unmap_pages (v7s.md §4.1, §4.2): 0 (WARN) for an iova beyond ias; otherwise pgcount __arm_v7s_unmap
    /// calls, stopping at the first that returns 0. Each cleared leaf slot goes to cfg.tlb's tlb_add_page with
    /// <paramref name="gather"/>, so a driver with an iotlb_sync may gather (MSM has none and invalidates at once,
    /// v7s.md §2.2); a level-2 table covered by a 1M/16M unmap gets a walk flush and is freed.
    /// </summary>
    public uint UnmapPages(uint iova, uint pgsize, uint pgcount, ref IommuIotlbGather gather)
    {
        ThrowIfFreed();
        if ((ulong)iova >= 1UL << Cfg.Ias)
            return (uint)Warn(0, "arm_v7s_unmap_pages: iova beyond ias");
        if (!IsPageSize(pgsize) || (iova & (pgsize - 1)) != 0)
            return (uint)Warn(0, "__arm_v7s_unmap: size is not a page size of the format, or iova not aligned to it");
        uint unmapped = 0;
        while (pgcount != 0)
        {
            uint done;
            bool stopped;
            if (pgsize >= BlockSize(1))
            {
                done = UnmapLevel1Block(iova, pgsize, ref gather) ? 1u : 0u;
                stopped = done == 0;
            }
            else
            {
                done = UnmapLevel2Run(iova, pgsize, pgcount, ref gather, out stopped);
            }
            unmapped += done * pgsize;
            iova = unchecked(iova + done * pgsize);
            pgcount -= done;
            if (stopped)
                break;
        }
        return unmapped;
    }

    /// <summary>
    /// arm_v7s_iova_to_phys (v7s.md §5.1): the software walk; 0 for an invalid entry; contiguous entries use the
    /// 16-times mask (0xFF000000 / 0xFFFF0000).
    /// </summary>
    public uint IovaToPhys(uint iova)
    {
        ThrowIfFreed();
        int lvl = 1;
        uint pte = _memory.ReadWord(Level1Slot(iova));
        if (PteIsTable(pte, 1))
        {
            lvl = 2;
            pte = _memory.ReadWord(Level2Slot(TableAddress(pte), iova));
        }
        if (!PteIsValid(pte))
            return 0;
        // iopte_to_paddr masks a contiguous entry with the 16-times mask too: a large page's bits 15:12 are XN and TEX.
        uint mask = LevelMask(lvl);
        if (PteIsCont(pte, lvl))
            mask *= ARM_V7S_CONT_PAGES;
        return (pte & mask) | (iova & ~mask);
    }

    /// <summary>
    /// free_io_pgtable_ops → arm_v7s_free_pgtable (v7s.md §5.4): tlb_flush_all first, then every level-2 table a
    /// level-1 entry points at, the level-1 table and the slab cache. The ops must not be used afterwards.
    /// </summary>
    public void Free()
    {
        ThrowIfFreed();
        _tlb.TlbFlushAll(_cookie);
        for (uint i = 0; i < (uint)PtesPerLevel(1); i++)
        {
            uint pte = _memory.ReadWord(Pgd + (i << 2));
            if (PteIsTable(pte, 1))
                L2Cache.Free(TableAddress(pte));
        }
        _pages.FreePages(Pgd, L1Order);
        L2Cache.Destroy();
        _freed = true;
    }

    // __arm_v7s_map reaching level 2 for pgcount pages of 4K or 64K: the level-1 walk (allocating and installing a
    // table when the slot is empty, -EEXIST when it holds a block), then arm_v7s_init_pte for each page that fits in
    // this table. The pages are checked in order and the ones before a used slot are written as one run.
    private int MapLevel2Run(uint iova, uint paddr, uint pgsize, uint pgcount, int prot, out uint done)
    {
        done = 0;
        uint table = Level2TableFor(iova, out int ret);
        if (table == 0)
            return ret;
        int numShift = SlotsPerPageShift(pgsize); // 1 or 16 slots per page, as a shift (no division on the hot path)
        int num = 1 << numShift;
        int index = LevelIndex(iova, 2);
        uint pages = Math.Min(pgcount, (uint)(PtesPerLevel(2) - index) >> numShift);
        uint slot0 = table + ((uint)index << 2);
        uint slots = pages << numShift;
        uint used = 0;
        while (used < slots && _memory.ReadWord(slot0 + (used << 2)) == 0)
            used++;
        done = used >> numShift; // pages whose slots are all free, before the first used slot
        uint pte = LeafPte(paddr, prot, 2, num, _quirks);
        if (num != 1)
            WriteContiguousRun(slot0, done, pte, pgsize);
        else if (done == 1)
            _memory.WriteWord(slot0, pte); // a one-word run: the same store and notification
        else
            _memory.WriteRun(slot0, (int)done, pte, pgsize);
        if (done < pages)
            return Warn(-Errno.EEXIST, "arm_v7s_init_pte: slot in use (\"We require an unmap first\")");
        return 0;
    }

    // The level-1 half of __arm_v7s_map for a 4K/64K request: the level-2 table's address, or 0 with the errno.
    private uint Level2TableFor(uint iova, out int ret)
    {
        ret = 0;
        uint slot = Level1Slot(iova);
        uint pte = _memory.ReadWord(slot);
        if (pte == 0)
        {
            uint table = L2Cache.ZAlloc(); // always GFP_ATOMIC (v7s.md §3.1)
            if (table == 0)
            {
                ret = -Errno.ENOMEM;
                return 0;
            }
            InstallTable(slot, table);
            return table;
        }
        if (PteIsTable(pte, 1))
            return TableAddress(pte);
        ret = Warn(-Errno.EEXIST, "__arm_v7s_map: a block at level 1 (\"We require an unmap first\")");
        return 0;
    }

    // arm_v7s_install_table: table | type 01 (| NS_TABLE with ARM_NS). One writer (the driver's lock), so the
    // compare-and-swap against 0 of L+ always wins here.
    private void InstallTable(uint slot, uint table)
    {
        uint pte = table | ARM_V7S_PTE_TYPE_TABLE;
        if ((_quirks & IoPgtableQuirks.ARM_NS) != 0)
            pte |= ARM_V7S_ATTR_NS_TABLE;
        _memory.WriteWord(slot, pte);
    }

    // arm_v7s_init_pte at level 1 for one 1M or 16M page (v7s.md §3.2 step 4): a slot holding a table is unmapped
    // first like a 1M unmap (zeroed, walk flush, table freed); any other used slot is -EEXIST, leaving the tables
    // already freed freed and nothing new written.
    private int MapLevel1Block(uint iova, uint paddr, uint pgsize, int prot, out uint done)
    {
        done = 0;
        int num = (int)(pgsize >> LevelShift(1));
        uint slot0 = Level1Slot(iova);
        for (int i = 0; i < num; i++)
        {
            uint slot = slot0 + ((uint)i << 2);
            uint pte = _memory.ReadWord(slot);
            if (PteIsTable(pte, 1))
                FreeTableUnder(slot, pte, iova + (uint)i * BlockSize(1));
            else if (pte != 0)
                return Warn(-Errno.EEXIST, "arm_v7s_init_pte: slot in use (\"We require an unmap first\")");
        }
        _memory.WriteRun(slot0, num, LeafPte(paddr, prot, 1, num, _quirks), 0);
        done = 1;
        return 0;
    }

    // __arm_v7s_unmap at level 1 with size 1M or 16M (v7s.md §4.2): every slot must be valid (else WARN, 0, nothing
    // changed); a 1M unmap of a supersection is refused (WARN_ONCE, 0, 6.13+); otherwise the slots are zeroed and each
    // original slot is flushed in order: a table gets the walk flush and is freed, a leaf goes to tlb_add_page.
    private bool UnmapLevel1Block(uint iova, uint pgsize, ref IommuIotlbGather gather)
    {
        int num = (int)(pgsize >> LevelShift(1));
        uint slot0 = Level1Slot(iova);
        Span<uint> ptes = stackalloc uint[ARM_V7S_CONT_PAGES];
        for (int i = 0; i < num; i++)
        {
            ptes[i] = _memory.ReadWord(slot0 + ((uint)i << 2));
            if (!PteIsValid(ptes[i]))
                return Warn(0, "__arm_v7s_unmap: invalid entry") != 0;
        }
        if (num == 1 && PteIsCont(ptes[0], 1))
        {
            WarnPartialUnmap(); // 1M out of a supersection
            return false;
        }
        _memory.WriteRun(slot0, num, 0, 0);
        uint blockSize = BlockSize(1);
        for (int i = 0; i < num; i++)
        {
            if (PteIsTable(ptes[i], 1))
                FlushWalkAndFree(iova, ptes[i]);
            else
                _tlb.TlbAddPage(ref gather, iova, blockSize, _cookie);
            iova += blockSize;
        }
        return true;
    }

    // __arm_v7s_unmap for 4K or 64K pages in one level-2 table: level 1 must hold a table (an invalid slot is WARN, 0;
    // a section or supersection would need a split, refused with WARN_ONCE since 6.13); then each page needs all its
    // slots valid, and a 4K page must not be part of a large page (WARN_ONCE, 0). The good pages are zeroed as one run
    // and their slots go to tlb_add_page one by one (4K granule), as the kernel's per-page loop does.
    private uint UnmapLevel2Run(uint iova, uint pgsize, uint pgcount, ref IommuIotlbGather gather, out bool stopped)
    {
        stopped = true;
        uint l1 = _memory.ReadWord(Level1Slot(iova));
        if (!PteIsValid(l1))
            return (uint)Warn(0, "__arm_v7s_unmap: invalid entry");
        if (!PteIsTable(l1, 1))
        {
            WarnPartialUnmap(); // a 4K/64K out of a section or supersection: no split since 6.13
            return 0;
        }
        int numShift = SlotsPerPageShift(pgsize);
        int num = 1 << numShift;
        int index = LevelIndex(iova, 2);
        uint pages = Math.Min(pgcount, (uint)(PtesPerLevel(2) - index) >> numShift);
        uint slot0 = Level2Slot(TableAddress(l1), iova);
        uint done = 0;
        bool refused = false;
        for (; done < pages && !refused; done++)
        {
            uint first = slot0 + ((done << numShift) << 2);
            for (int j = 0; j < num && !refused; j++)
                refused = !PteIsValid(_memory.ReadWord(first + ((uint)j << 2)));
            if (refused)
            {
                Warn(0, "__arm_v7s_unmap: invalid entry");
                break;
            }
            if (num == 1 && PteIsCont(_memory.ReadWord(first), 2))
            {
                refused = true;
                WarnPartialUnmap();
                break;
            }
        }
        uint slots = done << numShift;
        if (slots != 0)
        {
            _memory.WriteRun(slot0, (int)slots, 0, 0);
            uint granule = BlockSize(2);
            for (uint k = 0; k < slots; k++)
                _tlb.TlbAddPage(ref gather, iova + k * granule, granule, _cookie);
        }
        stopped = refused;
        return done;
    }

    // The table case of __arm_v7s_unmap step 4 for one level-1 slot outside an unmap (arm_v7s_init_pte's block over a
    // table, v7s.md §3.2 step 4): zero the slot, walk flush, free. No gather is involved.
    private void FreeTableUnder(uint slot, uint pte, uint iova)
    {
        _memory.WriteWord(slot, 0);
        FlushWalkAndFree(iova, pte);
    }

    // "Also flush any partial walks" (v7s.md §4.2 step 4): tlb_flush_walk(iova, 1M, 4K) then __arm_v7s_free_table.
    private void FlushWalkAndFree(uint iova, uint tablePte)
    {
        _tlb.TlbFlushWalk(iova, BlockSize(1), BlockSize(2), _cookie);
        L2Cache.Free(TableAddress(tablePte));
    }

    // Large pages of one map_pages call: 16 identical words each, the base stepping by 64K from page to page.
    private void WriteContiguousRun(uint slot0, uint pages, uint pte, uint pgsize)
    {
        if (pages == 0)
            return;
        Span<uint> words = stackalloc uint[PtesPerLevel(2)];
        int n = 0;
        for (uint p = 0; p < pages; p++, pte += pgsize)
        {
            words.Slice(n, ARM_V7S_CONT_PAGES).Fill(pte);
            n += ARM_V7S_CONT_PAGES;
        }
        _memory.WriteRun(slot0, words[..n]);
    }

    // WARN_ONCE(true, "Unmap of a partial large IOPTE is not allowed") (6.13+); the caller returns 0.
    private void WarnPartialUnmap()
    {
        if (!_partialUnmapWarned)
        {
            _partialUnmapWarned = true;
            Warn(0, "__arm_v7s_unmap: Unmap of a partial large IOPTE is not allowed");
        }
    }

    private int Warn(int ret, string condition)
    {
        WarnCount++;
        LastWarning = condition;
        return ret;
    }

    // log2 of the level-2 slots one 4K (1) or 64K (16) page takes.
    private static int SlotsPerPageShift(uint pgsize) => pgsize == 0x10000 ? 4 : 0;

    private uint Level1Slot(uint iova) => Pgd + ((uint)LevelIndex(iova, 1) << 2);

    private static uint Level2Slot(uint table, uint iova) => table + ((uint)LevelIndex(iova, 2) << 2);

    private bool IsPageSize(uint size) => size != 0 && (size & (size - 1)) == 0 && (size & Cfg.PgsizeBitmap) != 0;

    private static bool InRange(uint address, uint pgsize, uint pgcount, int bits) =>
        (ulong)address + (ulong)pgsize * pgcount <= 1UL << bits;

    private void ThrowIfFreed()
    {
        if (_freed)
            throw new InvalidOperationException("io-pgtable used after free_io_pgtable_ops (a use-after-free in the kernel)");
    }
}
