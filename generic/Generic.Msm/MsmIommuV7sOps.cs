using Generic.Iommu;
using Generic.IoPgtable;
using Migration.Drivers.Msm;
using Migration.Kernel;

namespace Generic.Msm;

/// <summary>
/// msm_iommu_ops of drivers/iommu/msm_iommu.c on io-pgtable-arm-v7s (Linux 6.13+, v7s.md §2-§5): the page tables are a
/// <see cref="ArmV7sPageTable"/> created at attach, map_pages / unmap_pages hand over to it under priv->pgtlock, the
/// flush callbacks are TLBIVA loops (<see cref="MsmV7sFlushOps"/>), iotlb_sync_map invalidates what iommu_map wrote,
/// iotlb_sync is NULL, iova_to_phys uses the V2P hardware. prot is the generic IOMMU_* set (READ, WRITE, CACHE, NOEXEC,
/// MMIO, PRIV), not the 3.3 cache-class index. Contexts keep the numbers the platform gave them (ASID = number).
/// </summary>
public sealed class MsmIommuV7sOps : IIommuOps
{
    /// <summary>MSM_IOMMU_PGSIZES: 4K | 64K | 1M | 16M.</summary>
    public const uint MSM_IOMMU_PGSIZES = 0x01111000;

    private readonly MsmIommuPlatform _platform;
    private readonly MsmV7sFlushOps _flush;
    private readonly IIommuFlushOps _tlb;
    private readonly Dictionary<MsmIommuCtxDrvdata, MsmV7sPriv> _attached = new();

    /// <summary>
    /// The ops over the probed <paramref name="platform"/>. <paramref name="wrapFlushOps"/>, when given, wraps the flush
    /// callbacks handed to io-pgtable (a port that changes its TLB maintenance; sync_map keeps msm_iommu_sync_map's).
    /// </summary>
    public MsmIommuV7sOps(MsmIommuPlatform platform, Func<IIommuFlushOps, IIommuFlushOps>? wrapFlushOps = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        _platform = platform;
        _flush = new MsmV7sFlushOps(platform);
        _tlb = wrapFlushOps is null ? _flush : wrapFlushOps(_flush);
    }

    /// <summary>The platform the ops drive.</summary>
    public MsmIommuPlatform Platform => _platform;

    /// <inheritdoc />
    public uint PgsizeBitmap => MSM_IOMMU_PGSIZES;

    /// <inheritdoc />
    public bool HasMapPages => true;

    /// <inheritdoc />
    public bool HasUnmapPages => true;

    /// <inheritdoc />
    public bool HasIotlbSyncMap => true;

    /// <summary>msm_iommu_domain_alloc_paging: a zeroed msm_priv with an empty list and no page table (-ENOMEM when kzalloc fails).</summary>
    public int DomainInit(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!_platform.KernelMemory.TryKzalloc())
            return -Errno.ENOMEM;
        domain.Priv = new MsmV7sPriv();
        return 0;
    }

    /// <summary>msm_iommu_domain_free: kfree(priv) only; the tables went at detach (v7s.md §5.4).</summary>
    public void DomainDestroy(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        domain.Priv = null;
    }

    /// <summary>
    /// msm_iommu_attach_dev (v7s.md §2.1, §2.3): msm_iommu_domain_config first (a new io-pgtable on every attach, V7S-D14;
    /// its failure is ignored), then under msm_iommu_lock: -EEXIST when the context is attached already ("domain already
    /// attached"), else program the context with the v7s register values and add it to list_attached. -EINVAL for a
    /// device that is not an MSM context (the kernel skips such a device silently).
    /// </summary>
    public int AttachDev(IommuDomain domain, Device dev)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain.Priv is not MsmV7sPriv priv || dev?.DriverData is not MsmIommuCtxDrvdata ctx || dev.Parent?.DriverData is not MsmIommuDrvdata iommu)
            return -Errno.EINVAL;
        priv.Dev = dev;
        DomainConfig(priv);
        lock (_platform.Lock)
        {
            if (_attached.ContainsKey(ctx) || ctx.AttachedTo is not null)
                return -Errno.EEXIST;
            int ret = iommu.EnableClocks();
            if (ret != 0)
                return ret;
            MsmV7sContextProgramming.ProgramContext(iommu.Hardware, ctx.Num, priv.Cfg!.ArmV7s);
            iommu.DisableClocks();
            priv.ListAttached.Insert(0, ctx);
            _attached.Add(ctx, priv);
            return 0;
        }
    }

    /// <summary>
    /// msm_iommu_detach_dev (5.x) / msm_iommu_identity_attach (6.13+) (v7s.md §5.4): free_io_pgtable_ops first (one
    /// CTX_TLBIALL per attached context, then every table), then reset the context and unlink it. Every mapping of the
    /// domain is gone afterwards, also for contexts still attached (V7S-D14).
    /// </summary>
    public void DetachDev(IommuDomain domain, Device dev)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain.Priv is not MsmV7sPriv priv || dev?.DriverData is not MsmIommuCtxDrvdata ctx || dev.Parent?.DriverData is not MsmIommuDrvdata iommu)
            return;
        lock (priv.PgtLock)
        {
            priv.Iop?.Free();
            priv.Iop = null;
        }
        lock (_platform.Lock)
        {
            if (iommu.EnableClocks() != 0)
                return;
            MsmContextProgramming.ResetContext(iommu.Hardware, ctx.Num);
            iommu.DisableClocks();
            priv.ListAttached.Remove(ctx);
            _attached.Remove(ctx);
        }
    }

    /// <summary>msm_iommu_map (6.2+): priv->iop->map_pages under pgtlock; map_pages on a domain never attached dereferences a NULL iop (V7S-D14).</summary>
    public int MapPages(IommuDomain domain, uint iova, uint paddr, uint pgsize, uint pgcount, int prot, out uint mapped)
    {
        MsmV7sPriv priv = PrivOf(domain);
        lock (priv.PgtLock)
            return IopOf(priv, "msm_iommu_map").MapPages(iova, paddr, pgsize, pgcount, prot, out mapped);
    }

    /// <summary>msm_iommu_sync_map (5.12+): __flush_iotlb_range(iova, size, SZ_4K) over what the core's iommu_map wrote; always 0.</summary>
    public int IotlbSyncMap(IommuDomain domain, uint iova, uint size)
    {
        _flush.FlushRange(iova, size, 0x1000, PrivOf(domain));
        return 0;
    }

    /// <summary>msm_iommu_unmap (6.2+): priv->iop->unmap_pages under pgtlock; the bytes unmapped, 0 for nothing.</summary>
    public uint UnmapPages(IommuDomain domain, uint iova, uint pgsize, uint pgcount, ref IommuIotlbGather gather)
    {
        MsmV7sPriv priv = PrivOf(domain);
        lock (priv.PgtLock)
            return IopOf(priv, "msm_iommu_unmap").UnmapPages(iova, pgsize, pgcount, ref gather);
    }

    /// <summary>One page through <see cref="MapPages"/> (the ops have no single-page map since 6.2; kept for callers of the 3.3 shape).</summary>
    public int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot) => MapPages(domain, iova, paddr, size, 1, prot, out _);

    /// <summary>One page through <see cref="UnmapPages"/> (kept for callers of the 3.3 shape); size must be a page size.</summary>
    public uint Unmap(IommuDomain domain, uint iova, uint size)
    {
        IommuIotlbGather gather = IommuIotlbGather.Init();
        return UnmapPages(domain, iova, size, 1, ref gather);
    }

    /// <summary>
    /// msm_iommu_iova_to_phys (v7s.md §5.2): the V2P lookup of msm.md §5.10 on the first attached context. With nothing
    /// attached the kernel dereferences a bogus list entry (V7S-D15); the model returns 0 like 3.3.
    /// </summary>
    public uint IovaToPhys(IommuDomain domain, uint iova)
    {
        MsmV7sPriv priv = PrivOf(domain);
        lock (_platform.Lock)
            return priv.ListAttached.Count == 0 ? 0 : MsmDomainOps.V2pLookup(priv.ListAttached[0], iova);
    }

    /// <summary>No domain_has_cap in the modern ops: 0.</summary>
    public int DomainHasCap(IommuDomain domain, uint cap) => 0;

    // msm_iommu_domain_config (v7s.md §2.1): quirks 0, pgsize_bitmap MSM_IOMMU_PGSIZES, ias = oas = 32, walk not
    // coherent, the TLBIVA flush ops, cookie priv; priv->iop replaced (the previous table is orphaned, V7S-D14).
    private void DomainConfig(MsmV7sPriv priv)
    {
        var cfg = new IoPgtableCfg(_tlb) { Quirks = 0, PgsizeBitmap = MSM_IOMMU_PGSIZES, Ias = 32, Oas = 32, CoherentWalk = false };
        lock (priv.PgtLock)
        {
            if (priv.Iop is { } previous)
                priv.Orphaned.Add(previous);
            priv.Cfg = cfg;
            priv.Iop = ArmV7sPageTable.Alloc(cfg, priv, _platform.KernelMemory.Pages); // NULL: -EINVAL, ignored by attach
        }
    }

    private static MsmV7sPriv PrivOf(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.Priv as MsmV7sPriv ?? throw new KernelBugException("msm_iommu: to_msm_priv(domain) of a freed or foreign domain");
    }

    private static ArmV7sPageTable IopOf(MsmV7sPriv priv, string site) =>
        priv.Iop ?? throw new KernelBugException($"{site}: NULL pointer dereference of priv->iop (no page table before attach or after detach, v7s.md §7 V7S-D14)");
}
