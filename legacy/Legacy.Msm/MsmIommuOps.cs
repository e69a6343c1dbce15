using Legacy.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware.Memory;
using Migration.Hardware.Msm;
using Migration.Kernel;
using static Migration.Drivers.Msm.MsmRegisterAccess;
using static Migration.Drivers.Msm.MsmPageTableFormat;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Legacy.Msm;

/// <summary>
/// msm_iommu_ops of the 3.0 MSM driver on the order-based core (msm.md §5, mainline 3.0 behaviour:
/// prot read as MSM attributes, silent overwrite, full flush + TLBIALL per attached context), plus the
/// CAF msm-3.0 range ops and get_pt_base_addr that MSM clients use (§5.9, §5.11). Every op body runs
/// under msm_iommu_lock (<see cref="MsmIommuPlatform.Lock"/>, msm.md §4).
/// </summary>
public sealed class MsmIommuOps : IIommuOps
{
    private readonly MsmIommuPlatform _platform;

    internal MsmIommuOps(MsmIommuPlatform platform) => _platform = platform;

    /// <summary>TLBIALL/TLBIASID writes issued by flushes (what the benchmarks compare against a gathered flush).</summary>
    public int TlbInvalidations => _platform.TlbInvalidations;

    /// <summary>msm_iommu_domain_init (msm.md §5.1): msm_priv and a zeroed 16 KiB first-level table; -ENOMEM on failure.</summary>
    public int DomainInit(IommuDomain domain, int flags)
    {
        ArgumentNullException.ThrowIfNull(domain);
        int ret = MsmLockedDomainOps.DomainInit(_platform, out MsmPriv? priv);
        domain.Priv = priv;
        return ret;
    }

    /// <summary>msm_iommu_domain_destroy (msm.md §5.2): frees the tables; attached contexts are left pointing at them.</summary>
    public void DomainDestroy(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        MsmLockedDomainOps.DomainDestroy(_platform, domain.Priv);
        domain.Priv = null;
    }

    /// <summary>
    /// msm_iommu_attach_dev (msm.md §5.3): -EINVAL for a missing priv/device/drvdata, -EBUSY when the context
    /// is attached anywhere, else program the context, add it at the head of list_attached, flush.
    /// </summary>
    public int AttachDev(IommuDomain domain, Device dev) => MsmLockedDomainOps.AttachDev(_platform, PrivOf(domain), dev);

    /// <summary>
    /// msm_iommu_detach_dev (msm.md §5.4): flush, reset the context (SCTLR.M = 0, TTBR0 = 0), unlink it.
    /// Silent on errors; a context that is not attached is still reset.
    /// </summary>
    public void DetachDev(IommuDomain domain, Device dev) => MsmLockedDomainOps.DetachDev(_platform, PrivOf(domain), dev);

    /// <summary>
    /// msm_iommu_map, order-based (msm.md §5.5): one page of 4096 &lt;&lt; order; -EINVAL for a bad tex
    /// class, missing priv, length or table; -ENOMEM when a second-level table cannot be allocated; else the flush result.
    /// </summary>
    public int Map(IommuDomain domain, uint iova, uint paddr, int gfpOrder, int prot) =>
        MsmLockedDomainOps.Map(_platform, PrivOf(domain), iova, paddr, OrderToLength(gfpOrder), prot);

    /// <summary>
    /// msm_iommu_unmap, order-based (msm.md §5.7, §9.8): -ENODEV for a missing priv or an empty first-level
    /// slot, -EINVAL for a bad length or table; 0 after clearing (even when the second-level slot was empty).
    /// </summary>
    public int Unmap(IommuDomain domain, uint iova, int gfpOrder)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
        {
            if (domain.Priv is not MsmPriv priv)
                return -Errno.ENODEV;
            return priv.PageTable.Unmap(iova, OrderToLength(gfpOrder)) switch
            {
                MsmUnmapOutcome.BadLength or MsmUnmapOutcome.NoTable => -Errno.EINVAL,
                MsmUnmapOutcome.FirstLevelEmpty => -Errno.ENODEV,
                _ => MsmDomainOps.FlushIotlb(_platform, priv),
            };
        }
    }

    /// <summary>
    /// CAF msm-3.0 msm_iommu_map_range (msm.md §5.9): 4K small pages only, segment by segment, second-level
    /// tables allocated as needed, no check of existing entries, no rollback; -EINVAL for a segment at
    /// physical 0 or an invalid class, -ENOMEM for a table; one TLBIASID per attached context at the end.
    /// </summary>
    public int MapRange(IommuDomain domain, uint iova, ReadOnlySpan<Scatterlist> sg, uint len, int prot)
    {
        ArgumentNullException.ThrowIfNull(domain);
        Bug.On((len & (SZ_4K - 1)) != 0, "msm_iommu_map_range: BUG_ON(len & (SZ_4K - 1))");
        lock (_platform.Lock)
            return MapRangeLocked(domain, iova, sg, len, prot);
    }

    private int MapRangeLocked(IommuDomain domain, uint iova, ReadOnlySpan<Scatterlist> sg, uint len, int prot)
    {
        if (domain.Priv is not MsmPriv priv)
            throw new KernelBugException("msm_iommu_map_range: NULL priv dereference oops");
        MsmPageTable pt = priv.PageTable;
        PhysicalMemory mem = pt.Memory;
        uint pgprot = MsmCafPgprot.Compute(prot, _platform.TexClasses, firstLevel: false);
        if (pgprot == 0)
            return -Errno.EINVAL;

        uint flPte = pt.FlTable + (FlOffset(iova) << 2);
        uint slOffset = SlOffset(iova);
        int seg = 0;
        uint chunkPa = SegmentPhys(sg, seg);
        if (chunkPa == 0)
            return -Errno.EINVAL; // physical page 0 cannot be mapped (§9.19)
        uint chunkOffset = 0;
        uint offset = 0;
        int ret = 0;
        while (offset < len)
        {
            uint fl = mem.ReadWord(flPte);
            if (fl == 0)
            {
                uint sl = pt.AllocSecondLevel();
                if (sl == 0)
                {
                    ret = -Errno.ENOMEM;
                    break;
                }
                fl = (sl & FL_BASE_MASK) | FL_TYPE_TABLE;
                mem.WriteWord(flPte, fl);
            }
            uint slTable = fl & FL_BASE_MASK;
            while (offset < len && slOffset < NUM_SL_PTE)
            {
                uint pa = chunkPa + chunkOffset;
                mem.WriteWord(slTable + (slOffset << 2), (pa & SL_BASE_MASK_SMALL) | pgprot | SL_NG | SL_SHARED | SL_TYPE_SMALL);
                slOffset++;
                offset += SZ_4K;
                chunkOffset += SZ_4K;
                if (chunkOffset >= sg[seg].Length && offset < len)
                {
                    chunkOffset = 0;
                    seg++;
                    if (seg >= sg.Length)
                        throw new KernelBugException($"msm_iommu_map_range: sg_next() ran off the list after {seg} segments with 0x{len - offset:x} bytes left (NULL dereference)");
                    chunkPa = SegmentPhys(sg, seg);
                    if (chunkPa == 0)
                        return -Errno.EINVAL; // no rollback: everything mapped so far stays (§5.9)
                }
            }
            if (ret != 0)
                break;
            flPte += 4;
            slOffset = 0;
        }
        if (ret != 0)
            return ret;
        FlushIotlbAsid(priv);
        return 0;
    }

    /// <summary>
    /// CAF msm-3.0 msm_iommu_unmap_range (msm.md §5.9): treats every first-level slot in the range as a table,
    /// zeroes the second-level slots covering it, frees tables that become empty; TLBIASID; always 0.
    /// </summary>
    public int UnmapRange(IommuDomain domain, uint iova, uint len)
    {
        ArgumentNullException.ThrowIfNull(domain);
        Bug.On((len & (SZ_4K - 1)) != 0, "msm_iommu_unmap_range: BUG_ON(len & (SZ_4K - 1))");
        lock (_platform.Lock)
            return UnmapRangeLocked(domain, iova, len);
    }

    private int UnmapRangeLocked(IommuDomain domain, uint iova, uint len)
    {
        if (domain.Priv is not MsmPriv priv)
            throw new KernelBugException("msm_iommu_unmap_range: NULL priv dereference oops");
        MsmPageTable pt = priv.PageTable;
        PhysicalMemory mem = pt.Memory;
        uint flPte = pt.FlTable + (FlOffset(iova) << 2);
        uint slStart = SlOffset(iova);
        uint offset = 0;
        while (offset < len)
        {
            uint fl = mem.ReadWord(flPte);
            if ((fl & 3) != FL_TYPE_TABLE)
                pt.ReportUndefined($"unmap_range at va 0x{iova + offset:x8}: first-level slot 0x{fl:x8} is not a table and is used as one");
            uint slTable = fl & FL_BASE_MASK;
            uint slEnd = Math.Min((len - offset) / SZ_4K + slStart, NUM_SL_PTE);
            for (uint i = slStart; i < slEnd; i++)
                mem.WriteWord(slTable + (i << 2), 0);
            offset += (slEnd - slStart) * SZ_4K;

            bool used = slEnd - slStart != NUM_SL_PTE && mem.AnyNonZero(slTable, NUM_SL_PTE);
            if (!used)
            {
                pt.FreeSecondLevel(slTable);
                mem.WriteWord(flPte, 0);
            }
            slStart = 0;
            flPte += 4;
        }
        FlushIotlbAsid(priv);
        return 0;
    }

    /// <summary>
    /// msm_iommu_iova_to_phys (msm.md §5.10): through the first attached context's V2P hardware: CTX_TLBIALL,
    /// V2PPR = va &amp; 0xFFFFF000, read PAR; 0 when unattached or on a fault.
    /// </summary>
    public uint IovaToPhys(IommuDomain domain, uint iova) => MsmLockedDomainOps.IovaToPhys(_platform, PrivOf(domain), iova);

    /// <summary>msm_iommu_domain_has_cap: always 0.</summary>
    public int DomainHasCap(IommuDomain domain, uint cap) => 0;

    /// <summary>CAF msm_iommu_get_pt_base_addr: the physical address of the first-level table.</summary>
    public uint GetPtBaseAddr(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
            return domain.Priv is MsmPriv priv ? priv.PageTable.FlTable : 0;
    }

    // CAF __flush_iotlb used by the range ops, called with msm_iommu_lock held: TLBIASID with each context's ASID.
    private void FlushIotlbAsid(MsmPriv priv)
    {
        foreach (MsmIommuCtxDrvdata ctx in priv.ListAttached)
        {
            var iommu = (MsmIommuDrvdata)ctx.Pdev.Parent!.DriverData!;
            iommu.EnableClocks();
            uint asid = ReadCtx(iommu.Hardware, ctx.Num, CONTEXTIDR) & CONTEXTIDR_ASID_MASK;
            WriteCtx(iommu.Hardware, ctx.Num, TLBIASID, asid);
            _platform.TlbInvalidations++;
            iommu.DisableClocks();
        }
    }

    // domain->priv; a NULL domain is the caller's bug (the core never passes one).
    private static object? PrivOf(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.Priv;
    }

    // get_phys_addr(sg): the DMA address when set, else sg_phys.
    private static uint SegmentPhys(ReadOnlySpan<Scatterlist> sg, int i)
    {
        if (i >= sg.Length)
            throw new KernelBugException("msm_iommu_map_range: NULL scatterlist dereference");
        return sg[i].DmaAddress != 0 ? sg[i].DmaAddress : sg[i].Phys;
    }

    // len = 0x1000UL << order, in 32-bit unsigned arithmetic (shift counts use the low byte, ≥ 32 gives 0 on ARM).
    private static uint OrderToLength(int order) => (uint)order is var o && (o & 0xFF) >= 32 ? 0 : 0x1000u << (int)(o & 0xFF);
}
