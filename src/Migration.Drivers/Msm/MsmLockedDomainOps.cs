using Migration.Kernel;

namespace Migration.Drivers.Msm;

/// <summary>
/// The msm_iommu_ops entry points whose bodies 3.0 and 3.3 share (msm_iommu_domain_init/destroy,
/// msm_iommu_attach_dev/detach_dev, msm_iommu_map, msm_iommu_iova_to_phys; msm.md §5.1-§5.6, §5.10): each takes
/// msm_iommu_lock (<see cref="MsmIommuPlatform.Lock"/>, msm.md §4) around <see cref="MsmDomainOps"/>. The eras
/// differ in the C signature only (3.0 passes a page order, 3.3 a byte length, §5.5 vs §5.6), so each era's ops
/// convert their arguments and call these; unmap differs in what it returns (§5.7 vs §5.8) and stays in each era.
/// </summary>
public static class MsmLockedDomainOps
{
    /// <summary>msm_iommu_domain_init (msm.md §5.1): the new domain's msm_priv in <paramref name="priv"/>; 0 or -ENOMEM.</summary>
    public static int DomainInit(MsmIommuPlatform platform, out MsmPriv? priv)
    {
        ArgumentNullException.ThrowIfNull(platform);
        lock (platform.Lock)
            return MsmDomainOps.DomainInit(platform, out priv);
    }

    /// <summary>msm_iommu_domain_destroy (msm.md §5.2): frees the tables of <paramref name="priv"/> (domain->priv, maybe null).</summary>
    public static void DomainDestroy(MsmIommuPlatform platform, object? priv)
    {
        ArgumentNullException.ThrowIfNull(platform);
        lock (platform.Lock)
            MsmDomainOps.DomainDestroy(priv as MsmPriv);
    }

    /// <summary>msm_iommu_attach_dev (msm.md §5.3): 0, -EINVAL (no priv, device or drvdata) or -EBUSY (context in use).</summary>
    public static int AttachDev(MsmIommuPlatform platform, object? priv, Device dev)
    {
        ArgumentNullException.ThrowIfNull(platform);
        lock (platform.Lock)
            return MsmDomainOps.AttachDev(platform, priv as MsmPriv, dev);
    }

    /// <summary>msm_iommu_detach_dev (msm.md §5.4): flush, reset the context, unlink it; silent on errors.</summary>
    public static void DetachDev(MsmIommuPlatform platform, object? priv, Device dev)
    {
        ArgumentNullException.ThrowIfNull(platform);
        lock (platform.Lock)
            MsmDomainOps.DetachDev(platform, priv as MsmPriv, dev);
    }

    /// <summary>
    /// msm_iommu_map with the length already computed (msm.md §5.5 step 1-5, §5.6): -EINVAL for a bad tex class,
    /// a missing priv, a length that is not 4K/64K/1M/16M or no table; -ENOMEM for a second-level table; else the
    /// flush result. prot is read as MSM attributes in both eras.
    /// </summary>
    public static int Map(MsmIommuPlatform platform, object? priv, uint iova, uint paddr, uint len, int prot)
    {
        ArgumentNullException.ThrowIfNull(platform);
        lock (platform.Lock)
        {
            if (MsmPageTable.Pgprot(prot, platform.TexClasses, firstLevel: false, out _) != 0)
                return -Errno.EINVAL;
            if (priv is not MsmPriv msmPriv)
                return -Errno.EINVAL;
            int ret = msmPriv.PageTable.Map(iova, paddr, len, prot, platform.TexClasses);
            return ret != 0 ? ret : MsmDomainOps.FlushIotlb(platform, msmPriv);
        }
    }

    /// <summary>msm_iommu_iova_to_phys (msm.md §5.10): through the first attached context's V2P registers; 0 when unattached or on a fault.</summary>
    public static uint IovaToPhys(MsmIommuPlatform platform, object? priv, uint iova)
    {
        ArgumentNullException.ThrowIfNull(platform);
        lock (platform.Lock)
            return MsmDomainOps.IovaToPhys(priv as MsmPriv, iova);
    }
}
