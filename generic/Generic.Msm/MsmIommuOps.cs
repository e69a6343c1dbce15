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

    /// <summary>msm_iommu_domain_init(domain) (3.3: no flags).</summary>
    public int DomainInit(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
        {
            int ret = MsmDomainOps.DomainInit(_platform, out MsmPriv? priv);
            domain.Priv = priv;
            return ret;
        }
    }

    /// <summary>msm_iommu_domain_destroy.</summary>
    public void DomainDestroy(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
        {
            MsmDomainOps.DomainDestroy(domain.Priv as MsmPriv);
            domain.Priv = null;
        }
    }

    /// <summary>msm_iommu_attach_dev.</summary>
    public int AttachDev(IommuDomain domain, Device dev)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
            return MsmDomainOps.AttachDev(_platform, domain.Priv as MsmPriv, dev);
    }

    /// <summary>msm_iommu_detach_dev.</summary>
    public void DetachDev(IommuDomain domain, Device dev)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
            MsmDomainOps.DetachDev(_platform, domain.Priv as MsmPriv, dev);
    }

    /// <summary>
    /// msm_iommu_map(domain, va, pa, len, prot) (msm.md §5.6): -EINVAL for a bad tex class, priv, length or
    /// table, -ENOMEM for a second-level table, else the flush result. prot is still read as MSM attributes.
    /// </summary>
    public int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
        {
            if (MsmPageTable.Pgprot(prot, _platform.TexClasses, firstLevel: false, out _) != 0)
                return -Errno.EINVAL;
            if (domain.Priv is not MsmPriv priv)
                return -Errno.EINVAL;
            int ret = priv.PageTable.Map(iova, paddr, size, prot, _platform.TexClasses);
            return ret != 0 ? ret : MsmDomainOps.FlushIotlb(_platform, priv);
        }
    }

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

    /// <summary>msm_iommu_iova_to_phys (V2P hardware; 0 when no context is attached).</summary>
    public uint IovaToPhys(IommuDomain domain, uint iova)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
            return MsmDomainOps.IovaToPhys(domain.Priv as MsmPriv, iova);
    }

    /// <summary>msm_iommu_domain_has_cap: always 0.</summary>
    public int DomainHasCap(IommuDomain domain, uint cap) => 0;
}
