using Generic.IoPgtable;
using Migration.Drivers.Msm;
using Migration.Kernel;

namespace Generic.Msm;

/// <summary>
/// struct msm_priv of the v7s-era msm_iommu.c (v7s.md §2.1, §7 V7S-D14): the contexts attached to the domain, the
/// io-pgtable created at attach (null before the first attach and after detach) with its cfg, the device it was
/// configured for, and pgtlock. No table exists at domain allocation.
/// </summary>
public sealed class MsmV7sPriv
{
    /// <summary>priv->list_attached: the attached contexts, head first (list_add inserts at the head).</summary>
    public List<MsmIommuCtxDrvdata> ListAttached { get; } = new();

    /// <summary>priv->iop: the v7s page table, or null when none is live.</summary>
    public ArmV7sPageTable? Iop { get; internal set; }

    /// <summary>priv->cfg: the io_pgtable_cfg of the latest msm_iommu_domain_config.</summary>
    public IoPgtableCfg? Cfg { get; internal set; }

    /// <summary>priv->dev: the device of the latest attach (the DMA device for table maintenance).</summary>
    public Device? Dev { get; internal set; }

    /// <summary>priv->pgtlock: serialises map_pages / unmap_pages on <see cref="Iop"/>.</summary>
    public Lock PgtLock { get; } = new();

    /// <summary>
    /// Page tables a later attach replaced in <see cref="Iop"/>: msm_iommu_domain_config overwrites priv->iop on every
    /// attach, so the earlier table stays live for the contexts already pointing at it and is never freed (V7S-D14).
    /// </summary>
    public List<ArmV7sPageTable> Orphaned { get; } = new();
}
