using Generic.Iommu;
using Migration.Drivers.Msm;
using Migration.Kernel;

namespace Generic.Msm;

/// <summary>
/// msm_iommu_ops of drivers/iommu/msm_iommu.c as of 3.3-3.6 (msm.md §5.6, §5.8, §5.14): byte-sized map
/// and unmap on the shared page-table code, pgsize_bitmap = SZ_4K | SZ_64K | SZ_1M | SZ_16M; everything
/// else is the code 3.0 already had (<see cref="MsmDomainOps"/>). Every op body runs under msm_iommu_lock
/// (<see cref="MsmIommuPlatform.Lock"/>, msm.md §4).
/// </summary>
public sealed class MsmIommuOps : IIommuOps
{
    private readonly MsmIommuPlatform _platform;

    /// <summary>The ops over the probed <paramref name="platform"/>.</summary>
    public MsmIommuOps(MsmIommuPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        _platform = platform;
    }

    /// <summary>MSM_IOMMU_PGSIZES: 0x01111000.</summary>
    public uint PgsizeBitmap => MsmPageTableFormat.MSM_IOMMU_PGSIZES;

    /// <summary>msm_iommu_domain_init(domain) (3.3: no flags; msm.md §5.1).</summary>
    public int DomainInit(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        int ret = MsmLockedDomainOps.DomainInit(_platform, out MsmPriv? priv);
        domain.Priv = priv;
        return ret;
    }

    /// <summary>msm_iommu_domain_destroy (msm.md §5.2).</summary>
    public void DomainDestroy(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        MsmLockedDomainOps.DomainDestroy(_platform, domain.Priv);
        domain.Priv = null;
    }

    /// <summary>msm_iommu_attach_dev (msm.md §5.3).</summary>
    public int AttachDev(IommuDomain domain, Device dev) => MsmLockedDomainOps.AttachDev(_platform, PrivOf(domain), dev);

    /// <summary>msm_iommu_detach_dev (msm.md §5.4).</summary>
    public void DetachDev(IommuDomain domain, Device dev) => MsmLockedDomainOps.DetachDev(_platform, PrivOf(domain), dev);

    /// <summary>
    /// msm_iommu_map(domain, va, pa, len, prot) (msm.md §5.6): the 3.0 body with len given directly.
    /// prot is still read as MSM attributes.
    /// </summary>
    public int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot) =>
        MsmLockedDomainOps.Map(_platform, PrivOf(domain), iova, paddr, size, prot);

    /// <summary>
    /// msm_iommu_unmap(domain, va, len) (msm.md §5.8, §9.7): every early exit leaves the status 0, so the
    /// driver reports len bytes unmapped unless the flush fails (then 0).
    /// </summary>
    public uint Unmap(IommuDomain domain, uint iova, uint size)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
        {
            if (domain.Priv is not MsmPriv priv)
                return size;
            if (priv.PageTable.Unmap(iova, size) != MsmUnmapOutcome.Cleared)
                return size;
            return MsmDomainOps.FlushIotlb(_platform, priv) != 0 ? 0 : size;
        }
    }

    /// <summary>msm_iommu_iova_to_phys (msm.md §5.10: V2P hardware; 0 when no context is attached).</summary>
    public uint IovaToPhys(IommuDomain domain, uint iova) => MsmLockedDomainOps.IovaToPhys(_platform, PrivOf(domain), iova);

    /// <summary>msm_iommu_domain_has_cap: always 0.</summary>
    public int DomainHasCap(IommuDomain domain, uint cap) => 0;

    // domain->priv; a NULL domain is the caller's bug (the core never passes one).
    private static object? PrivOf(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return domain.Priv;
    }
}
