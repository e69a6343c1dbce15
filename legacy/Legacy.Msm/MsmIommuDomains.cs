using System.Numerics;
using Legacy.Iommu;
using Migration.Kernel;

namespace Legacy.Msm;

/// <summary>
/// arch/arm/mach-msm/iommu_domains.c of the G3 generation (CAF msm-3.0, mid 2012; msm.md §7.1–§7.5) as one
/// booted object: the board's domains and IOVA pools, the <c>iommu_dummy</c> page, and the vendor calls
/// msm_use_iommu, msm_get_iommu_domain, msm_allocate/free_iova_address, msm_iommu_map/unmap_extra and
/// msm_iommu_map/unmap_contig_buffer. The kernel's file-scope globals (<c>msm_iommu_domains</c>,
/// <c>ndomains</c>, <c>iommu_dummy</c>) live in this object so that each test boots its own kernel.
/// </summary>
public sealed class MsmIommuDomains
{
    /// <summary>sizeof(iommu_dummy): <c>static char iommu_dummy[2*SZ_64K-4]</c> (msm.md §7.5).</summary>
    public const uint IOMMU_DUMMY_SIZE = 2 * 0x10000 - 4;

    // sizeof(struct scatterlist) on ARM 3.0 without CONFIG_DEBUG_SG: page_link, offset, length, dma_address.
    private const uint SizeofScatterlist = 16;

    private const uint SZ_4K = 0x1000;
    private const int PAGE_SHIFT = 12;

    private readonly MsmIommuDomain[] _domains;
    private readonly List<string> _log = new();

    /// <summary>
    /// msm_iommu_domain_init / iommu_domain_probe (G3, msm.md §7.3, §7.5): reserves iommu_dummy, then for each
    /// board domain iommu_domain_alloc(0) and one gen_pool (4 KiB granules) per partition of non-zero size,
    /// then attaches each board context to its domain (msm_iommu_get_ctx + iommu_attach_device); a missing
    /// context, a NULL domain or a failed attach is logged and skipped.
    /// </summary>
    public MsmIommuDomains(IommuCore core, MsmIommuDriver msm, MsmIovaLayout layout)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(msm);
        ArgumentNullException.ThrowIfNull(layout);
        Core = core;
        Msm = msm;
        Layout = layout;

        // iommu_dummy is a static array in the kernel image; the model carves it from the kernel's memory
        // once at boot (kmalloc'ed memory is physically contiguous and linear-mapped, like .bss).
        IommuDummy = KernelMemory.Kmalloc(IOMMU_DUMMY_SIZE);
        if (IommuDummy == 0)
            throw new InvalidOperationException("iommu_domains: no memory for iommu_dummy (a static array in the kernel; boot cannot continue)");

        _domains = new MsmIommuDomain[layout.Domains.Count];
        for (int i = 0; i < _domains.Length; i++)
        {
            IReadOnlyList<MsmIovaPartition> parts = layout.Domains[i];
            var pools = new MsmMemPool[parts.Count];
            for (int j = 0; j < pools.Length; j++)
                pools[j] = new MsmMemPool(parts[j].Start, parts[j].Size);
            _domains[i] = new MsmIommuDomain(pools);
        }

        for (int i = 0; i < _domains.Length; i++)
        {
            MsmIommuDomain entry = _domains[i];
            // msm_iommu_domains[i].domain = iommu_domain_alloc(0); NULL → skip the domain, pools included
            // (the reference is silent on the pools of a failed domain; G3 `continue`s before creating them).
            entry.Domain = core.IommuDomainAlloc(0);
            if (entry.Domain is null)
            {
                _log.Add($"iommu_domains: could not allocate domain {i}");
                continue;
            }
            for (int j = 0; j < entry.Npools; j++)
            {
                MsmMemPool pool = entry.IovaPools[j];
                if (pool.Size == 0)
                    continue; // pool->gpool = NULL: a partition without pool (msm.md §7.3)
                // gen_pool_create(PAGE_SHIFT, -1): a kzalloc that can fail.
                if (!KernelMemory.TryKzalloc())
                {
                    _log.Add($"iommu_domains: could not allocate pool: domain {i} iova space {j}");
                    continue;
                }
                var gpool = new GenPool(PAGE_SHIFT);
                if (gpool.Add(pool.Paddr, pool.Size, KernelMemory) != 0)
                {
                    // gen_pool_destroy(pool->gpool); pool->gpool = NULL.
                    _log.Add($"iommu_domains: could not add memory: domain {i} pool {j}");
                    continue;
                }
                pool.Gpool = gpool;
            }
        }

        foreach (MsmIommuDomainName name in layout.ContextDomains)
        {
            Device? ctx = msm.GetCtx(name.Name);
            if (ctx is null)
            {
                // msm_iommu_get_ctx logs "Could not find context" and returns NULL (msm.md §6).
                _log.Add($"iommu_domains: could not find context \"{name.Name}\"");
                continue;
            }
            IommuDomain? domain = MsmGetIommuDomain(name.Domain);
            if (domain is null)
                continue;
            int ret = core.IommuAttachDevice(domain, ctx);
            if (ret != 0)
                _log.Add($"iommu_domains: could not attach domain {name.Domain} to context {name.Name} ({Errno.Describe(ret)}); iommu programming will not occur");
        }
    }

    /// <summary>The CAF msm-3.0 generic core the domains live in.</summary>
    public IommuCore Core { get; }

    /// <summary>The MSM IOMMU driver (msm_iommu_get_ctx, kernel memory).</summary>
    public MsmIommuDriver Msm { get; }

    /// <summary>The board pdata the domains were built from.</summary>
    public MsmIovaLayout Layout { get; }

    /// <summary>The kernel memory services (kmalloc, vmalloc, ioremap) of the booted kernel.</summary>
    public KernelMemory KernelMemory => Msm.KernelMemory;

    /// <summary>msm_iommu_domains[]: the board domains by number.</summary>
    public IReadOnlyList<MsmIommuDomain> Domains => _domains;

    /// <summary>ndomains: number of board domains.</summary>
    public int Ndomains => _domains.Length;

    /// <summary>iommu_dummy: kernel virtual address of the 2*64K-4 byte dummy buffer the 2X padding maps.</summary>
    public uint IommuDummy { get; }

    /// <summary>virt_to_phys(iommu_dummy): physical address of the dummy buffer.</summary>
    public uint IommuDummyPhys => KernelMemory.VirtToPhys(IommuDummy);

    /// <summary>pr_err/WARN messages printed by these functions, oldest first.</summary>
    public IReadOnlyList<string> Log => _log;

    /// <summary>msm_use_iommu() (G3, msm.md §7.5): <c>ndomains &amp;&amp; iommu_found()</c>, as 1 or 0.</summary>
    public int MsmUseIommu() => _domains.Length != 0 && Core.IommuFound() ? 1 : 0;

    /// <summary>msm_get_iommu_domain(domain_num) (G3, msm.md §7.5): the board domain's iommu_domain; NULL out of range.</summary>
    public IommuDomain? MsmGetIommuDomain(int domainNum) =>
        domainNum >= 0 && domainNum < _domains.Length ? _domains[domainNum].Domain : null;

    /// <summary>
    /// msm_allocate_iova_address(iommu_domain, partition_no, size, align) (G3, msm.md §7.4, §7.5):
    /// gen_pool_alloc_aligned(pool, size, ilog2(align)); 0 for a bad domain, a bad partition, a partition
    /// without pool, size 0 or exhaustion. <paramref name="align"/> 0 (ilog2(0) is undefined in the kernel)
    /// is taken as alignment order 0, i.e. the 4 KiB granule (model choice).
    /// </summary>
    public uint MsmAllocateIovaAddress(uint iommuDomain, uint partitionNo, uint size, uint align)
    {
        if (iommuDomain >= (uint)_domains.Length)
            return 0;
        MsmIommuDomain entry = _domains[iommuDomain];
        if (partitionNo >= (uint)entry.Npools)
            return 0;
        GenPool? gpool = entry.IovaPools[(int)partitionNo].Gpool;
        if (gpool is null)
            return 0;
        // ilog2 rounds a non-power-of-two down (msm.md §9.14); orders ≤ 12 mean the 4K granule (§7.4).
        return gpool.AllocAligned(size, Ilog2(align));
    }

    /// <summary>
    /// msm_free_iova_address(iova, iommu_domain, partition_no, size) (G3, msm.md §7.5): WARN and no-op for an
    /// unknown domain or partition, else gen_pool_free — which BUGs (KernelBugException) for an IOVA in no
    /// chunk (IOVA 0, §9.13) or granules not allocated. A partition without pool is a NULL gen_pool
    /// dereference (the kernel's <c>if (!pool)</c> tests the array slot, never NULL): an oops.
    /// </summary>
    public void MsmFreeIovaAddress(uint iova, uint iommuDomain, uint partitionNo, uint size)
    {
        if (iommuDomain >= (uint)_domains.Length)
        {
            _log.Add($"msm_free_iova_address: WARN: invalid domain {iommuDomain}");
            return;
        }
        MsmIommuDomain entry = _domains[iommuDomain];
        if (partitionNo >= (uint)entry.Npools)
        {
            _log.Add($"msm_free_iova_address: WARN: invalid partition {partitionNo} for domain {iommuDomain}");
            return;
        }
        GenPool gpool = entry.IovaPools[(int)partitionNo].Gpool
            ?? throw new KernelBugException($"gen_pool_free(NULL, 0x{iova:x8}, 0x{size:x}): NULL pointer dereference oops (domain {iommuDomain} partition {partitionNo} has no pool)");
        gpool.Free(iova, size);
    }

    /// <summary>
    /// msm_iommu_map_extra(domain, start_iova, size, page_size, cached) (later G3 build, msm.md §7.5): maps
    /// [start_iova, start_iova + size) onto iommu_dummy aligned up to page_size, <paramref name="cached"/>
    /// being the prot. 4K: one iommu_map_range of <paramref name="size"/> bytes over PFN_ALIGN(size)/4K
    /// scatterlist entries all naming the dummy page (vmalloc failure -ENOMEM; the map_range result returned
    /// as is, no rollback). Other sizes: order-based iommu_map per page over ALIGN(size, page_size); a
    /// failure returns -EAGAIN after an undo loop that unmaps start_iova (not each page) once per mapped page.
    /// </summary>
    public int MsmIommuMapExtra(IommuDomain domain, uint startIova, uint size, uint pageSize, int cached)
    {
        ArgumentNullException.ThrowIfNull(domain);
        uint phyAddr = Align(IommuDummyPhys, pageSize);
        uint tempIova = startIova;
        int ret;
        if (pageSize == SZ_4K)
        {
            uint nrpages = PfnAlign(size) >> PAGE_SHIFT;
            // sglist = vmalloc(sizeof(*sglist) * nrpages); vmalloc(0) is NULL too.
            uint sgMemory = KernelMemory.Vmalloc(unchecked(SizeofScatterlist * nrpages));
            if (sgMemory == 0)
                return -Errno.ENOMEM; // goto out with i = 0: the undo loop does nothing
            var sglist = new Scatterlist[nrpages];
            for (int k = 0; k < sglist.Length; k++)
                sglist[k].SetPage(phyAddr, SZ_4K, 0); // sg_set_page(&sglist[i], dummy_page, PAGE_SIZE, 0)
            ret = Core.IommuMapRange(domain, tempIova, sglist, size, cached);
            if (ret != 0)
                _log.Add($"msm_iommu_map_extra: could not map extra 0x{startIova:x8} in domain ({Errno.Describe(ret)})");
            KernelMemory.Vfree(sgMemory);
            return ret;
        }

        int order = KernelMemory.GetOrder(pageSize);
        uint alignedSize = Align(size, pageSize);
        uint nrPages = ShiftRight(alignedSize, PAGE_SHIFT + order);
        int i;
        for (i = 0; i < nrPages; i++)
        {
            ret = Core.IommuMap(domain, tempIova, phyAddr, order, cached);
            if (ret != 0)
            {
                _log.Add($"msm_iommu_map_extra: could not map 0x{startIova:x8} in domain, error: {ret}");
                // out: for (; i > 0; --i) { temp_iova -= page_size; iommu_unmap(domain, start_iova, order); }
                // — start_iova every time, not temp_iova (msm.md §7.5).
                for (; i > 0; --i)
                {
                    tempIova = unchecked(tempIova - pageSize);
                    Core.IommuUnmap(domain, startIova, order);
                }
                return -Errno.EAGAIN;
            }
            tempIova = unchecked(tempIova + pageSize);
        }
        return 0;
    }

    /// <summary>
    /// msm_iommu_unmap_extra(domain, start_iova, size, page_size) (G3, msm.md §7.5): order-based iommu_unmap
    /// of each page_size step over ALIGN(size, page_size); results ignored.
    /// </summary>
    public void MsmIommuUnmapExtra(IommuDomain domain, uint startIova, uint size, uint pageSize)
    {
        ArgumentNullException.ThrowIfNull(domain);
        int order = KernelMemory.GetOrder(pageSize);
        uint alignedSize = Align(size, pageSize);
        uint nrpages = ShiftRight(alignedSize, PAGE_SHIFT + order);
        uint tempIova = startIova;
        for (uint i = 0; i < nrpages; ++i)
        {
            Core.IommuUnmap(domain, tempIova, order);
            tempIova = unchecked(tempIova + pageSize);
        }
    }

    /// <summary>
    /// msm_iommu_map_contig_buffer(phys, domain_no, partition_no, size, align, cached, &amp;iova) (G3, msm.md §7.5):
    /// -EINVAL when size &amp; (align − 1); identity (iova = phys, 0) without IOMMU; -ENOMEM when no IOVA can
    /// be allocated; else one iommu_map_range of a single {dma_address = phys, length = size} segment with
    /// prot READ|WRITE, plus IOMMU_CACHE when <paramref name="cached"/> is non-zero (§9.18: callers pass 3).
    /// A map failure frees the IOVA and returns the error. The kernel leaves *iova_val untouched on failure;
    /// a C# out parameter must be set, so <paramref name="iova"/> is 0 then (model choice).
    /// </summary>
    public int MsmIommuMapContigBuffer(uint phys, uint domainNo, uint partitionNo, uint size, uint align, uint cached, out uint iova)
    {
        iova = 0;
        if ((size & unchecked(align - 1)) != 0)
            return -Errno.EINVAL;
        if (MsmUseIommu() == 0)
        {
            iova = phys;
            return 0;
        }
        uint va = MsmAllocateIovaAddress(domainNo, partitionNo, size, align);
        if (va == 0)
            return -Errno.ENOMEM;
        int ret = MapIovaPhys(MsmGetIommuDomain((int)domainNo), va, phys, size, (int)cached);
        if (ret != 0)
            MsmFreeIovaAddress(va, domainNo, partitionNo, size);
        else
            iova = va;
        return ret;
    }

    /// <summary>
    /// msm_iommu_unmap_contig_buffer(iova, domain_no, partition_no, size) (G3, msm.md §7.5): no-op without
    /// IOMMU; else iommu_unmap_range then msm_free_iova_address.
    /// </summary>
    public void MsmIommuUnmapContigBuffer(uint iova, uint domainNo, uint partitionNo, uint size)
    {
        if (MsmUseIommu() == 0)
            return;
        IommuDomain domain = NonNull(MsmGetIommuDomain((int)domainNo), "iommu_unmap_range");
        Core.IommuUnmapRange(domain, iova, size);
        MsmFreeIovaAddress(iova, domainNo, partitionNo, size);
    }

    // msm_iommu_map_iova_phys (static in iommu_domains.c): vmalloc one scatterlist entry, map_range, vfree.
    private int MapIovaPhys(IommuDomain? domain, uint iova, uint phys, uint size, int cached)
    {
        int prot = IommuProt.IOMMU_WRITE | IommuProt.IOMMU_READ;
        prot |= cached != 0 ? IommuProt.IOMMU_CACHE : 0;
        uint sgMemory = KernelMemory.Vmalloc(SizeofScatterlist);
        if (sgMemory == 0)
            return -Errno.ENOMEM;
        // sg_init_table(sglist, 1); length = size; offset = 0; dma_address = phys (no page: the driver uses dma_address).
        var sglist = new Scatterlist[1];
        sglist[0].Length = size;
        sglist[0].Offset = 0;
        sglist[0].DmaAddress = phys;
        int ret = Core.IommuMapRange(NonNull(domain, "iommu_map_range"), iova, sglist, size, prot);
        if (ret != 0)
            _log.Add($"msm_iommu_map_iova_phys: could not map 0x{iova:x8} ({Errno.Describe(ret)})");
        KernelMemory.Vfree(sgMemory);
        return ret;
    }

    // A NULL struct iommu_domain reaching the MSM ops is dereferenced (domain->priv): an oops.
    internal static IommuDomain NonNull(IommuDomain? domain, string function) =>
        domain ?? throw new KernelBugException($"{function}: NULL pointer dereference oops (domain is NULL)");

    // ilog2(align): floor of log2 (msm.md §7.4); 0 → order 0 (see MsmAllocateIovaAddress).
    private static int Ilog2(uint align) => align == 0 ? 0 : BitOperations.Log2(align);

    // ALIGN(x, a) = ((x) + (a) - 1) & ~((a) - 1) in 32-bit unsigned long arithmetic.
    private static uint Align(uint x, uint a) => unchecked((x + a - 1) & ~(a - 1));

    // PFN_ALIGN(x) = ((unsigned long)(x) + (PAGE_SIZE - 1)) & PAGE_MASK.
    private static uint PfnAlign(uint x) => unchecked((x + SZ_4K - 1) & ~(SZ_4K - 1));

    // A right shift of a 32-bit unsigned long; counts of 32 or more give 0 (ARM register shift).
    private static uint ShiftRight(uint value, int count) => count >= 32 ? 0 : value >> count;
}
