using Migration.Hardware.Msm;
using Migration.Kernel;
using static Migration.Drivers.Msm.MsmRegisterAccess;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Drivers.Msm;

/// <summary>
/// The MSM iommu_ops bodies that Linux kept from 3.0 to 3.6 apart from their C signature:
/// domain_init/destroy, attach/detach with __program_context, the mainline __flush_iotlb, and
/// iova_to_phys through the V2P registers (msm.md §3.4, §5.1-§5.4, §5.10). Each era's ops call them.
/// Called with msm_iommu_lock (<see cref="MsmIommuPlatform.Lock"/>) held: nothing here locks.
/// </summary>
public static class MsmDomainOps
{
    /// <summary>Order of the 16 KiB first-level table allocation (get_order(SZ_16K)).</summary>
    public const int FlOrder = 2;

    /// <summary>msm_iommu_domain_init (msm.md §5.1): msm_priv and a zeroed first-level table; 0 or -ENOMEM.</summary>
    public static int DomainInit(MsmIommuPlatform platform, out MsmPriv? priv)
    {
        ArgumentNullException.ThrowIfNull(platform);
        priv = null;
        if (!platform.KernelMemory.TryKzalloc())
            return -Errno.ENOMEM;
        uint fl = platform.KernelMemory.Pages.AllocPages(FlOrder, zero: true);
        if (fl == 0)
            return -Errno.ENOMEM;
        // MSM_IOMMU_DOMAIN_PT_CACHEABLE (CAF) takes effect only with CONFIG_IOMMU_PGTABLES_L2, left off here.
        priv = new MsmPriv(new MsmPageTable(platform.KernelMemory.Pages, fl), redirect: false);
        return 0;
    }

    /// <summary>msm_iommu_domain_destroy (msm.md §5.2): frees the tables; attached contexts keep pointing at them.</summary>
    public static void DomainDestroy(MsmPriv? priv) => priv?.PageTable.Destroy(FlOrder);

    /// <summary>
    /// msm_iommu_attach_dev (msm.md §5.3): -EINVAL for a missing priv/device/drvdata, -EBUSY when the context
    /// is attached anywhere, else program the context, add it at the head of list_attached, flush.
    /// </summary>
    public static int AttachDev(MsmIommuPlatform platform, MsmPriv? priv, Device? dev)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (priv is null || dev is null)
            return -Errno.EINVAL;
        if (dev.Parent?.DriverData is not MsmIommuDrvdata iommu || dev.DriverData is not MsmIommuCtxDrvdata ctx || dev.PlatformData is not MsmContextConfig)
            return -Errno.EINVAL;
        if (ctx.AttachedTo is not null || priv.ListAttached.Contains(ctx))
            return -Errno.EBUSY;
        int ret = iommu.EnableClocks();
        if (ret != 0)
            return ret;
        MsmContextProgramming.ProgramContext(iommu.Hardware, ctx.Num, priv.PageTable.FlTable, platform.CpuPrrr, platform.CpuNmrr);
        iommu.DisableClocks();
        priv.ListAttached.Insert(0, ctx);
        ctx.AttachedTo = priv;
        return FlushIotlb(platform, priv);
    }

    /// <summary>
    /// msm_iommu_detach_dev (msm.md §5.4): flush, reset the context (SCTLR.M = 0, TTBR0 = 0), unlink it.
    /// Silent on errors; a context that is not attached is still reset.
    /// </summary>
    public static void DetachDev(MsmIommuPlatform platform, MsmPriv? priv, Device? dev)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (priv is null || dev is null)
            return;
        if (dev.Parent?.DriverData is not MsmIommuDrvdata iommu || dev.DriverData is not MsmIommuCtxDrvdata ctx || dev.PlatformData is not MsmContextConfig)
            return;
        if (FlushIotlb(platform, priv) != 0 || iommu.EnableClocks() != 0)
            return;
        MsmContextProgramming.ResetContext(iommu.Hardware, ctx.Num);
        iommu.DisableClocks();
        ctx.AttachedTo?.ListAttached.Remove(ctx); // list_del_init on the node, whichever list holds it
        ctx.AttachedTo = null;
    }

    /// <summary>
    /// msm_iommu_iova_to_phys (msm.md §5.10): through the first attached context's V2P hardware: CTX_TLBIALL,
    /// V2PPR = va &amp; 0xFFFFF000, read PAR; 0 when unattached or on a fault.
    /// </summary>
    public static uint IovaToPhys(MsmPriv? priv, uint iova)
    {
        if (priv is null || priv.ListAttached.Count == 0)
            return 0;
        return V2pLookup(priv.ListAttached[0], iova);
    }

    /// <summary>
    /// The hardware half of msm_iommu_iova_to_phys (msm.md §5.10, unchanged in the v7s-era driver, v7s.md §5.2) on context
    /// <paramref name="ctx"/>: clocks, CTX_TLBIALL, V2PPR = va &amp; 0xFFFFF000, PAR (SS: 16M arithmetic); 0 on a fault.
    /// </summary>
    public static uint V2pLookup(MsmIommuCtxDrvdata ctx, uint iova)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        MsmIommuDrvdata iommu = InstanceOf(ctx);
        MsmIommu hw = iommu.Hardware;
        if (iommu.EnableClocks() != 0)
            return 0;
        WriteCtx(hw, ctx.Num, CTX_TLBIALL, 0);
        WriteCtx(hw, ctx.Num, V2PPR, iova & 0xFFFFF000);
        uint par = ReadCtx(hw, ctx.Num, PAR);
        uint ret = (par & PAR_SS) != 0 ? (par & 0xFF000000) | (iova & 0x00FFFFFF) : (par & 0xFFFFF000) | (iova & 0xFFF);
        if ((par & PAR_FAULT) != 0)
            ret = 0;
        iommu.DisableClocks();
        return ret;
    }

    /// <summary>
    /// __flush_iotlb (mainline, msm.md §3.4): with contexts attached, clean the tables (implicit: the walker
    /// reads the same memory) and TLBIALL every attached context; 0 unless a clock fails.
    /// </summary>
    public static int FlushIotlb(MsmIommuPlatform platform, MsmPriv priv)
    {
        ArgumentNullException.ThrowIfNull(priv);
        return FlushIotlb(platform, priv.ListAttached);
    }

    /// <summary>
    /// The CTX_TLBIALL loop of __flush_iotlb over <paramref name="contexts"/> (the 3.3 list_attached, or the v7s-era
    /// driver's tlb_flush_all, v7s.md §2.2): per context, clocks on, TLBIALL, clocks off; stops at a clock failure.
    /// </summary>
    public static int FlushIotlb(MsmIommuPlatform platform, List<MsmIommuCtxDrvdata> contexts)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(contexts);
        foreach (MsmIommuCtxDrvdata ctx in contexts)
        {
            MsmIommuDrvdata iommu = InstanceOf(ctx);
            int ret = iommu.EnableClocks();
            if (ret != 0)
                return ret;
            WriteCtx(iommu.Hardware, ctx.Num, CTX_TLBIALL, 0);
            platform.TlbInvalidations++;
            iommu.DisableClocks();
        }
        return 0;
    }

    /// <summary>The instance a context device belongs to (its parent's drvdata); BUG when it has none (__flush_iotlb's BUG_ON).</summary>
    public static MsmIommuDrvdata InstanceOf(MsmIommuCtxDrvdata ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ctx.Pdev.Parent?.DriverData as MsmIommuDrvdata ?? throw new KernelBugException("__flush_iotlb: BUG_ON(!iommu_drvdata)");
    }
}
