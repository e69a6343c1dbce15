using Generic.Iommu;
using Migration.Drivers.Msm;
using Migration.Kernel;

namespace Generic.Msm;

/// <summary>
/// The MSM driver with the batched ops Linux added in 5.x (map_pages, unmap_pages, iotlb_sync), beyond
/// what 3.3 had: the same page-table code as <see cref="MsmIommuOps"/>, but one TLBIALL per attached
/// context for a whole run of pages (map) or a whole gathered range (unmap) instead of one per page.
/// Everything else delegates to the 3.3 ops. Every op body runs under msm_iommu_lock
/// (<see cref="MsmIommuPlatform.Lock"/>).
/// </summary>
/// <remarks>
/// Not what Linux shipped: 5.x MSM runs on io-pgtable-arm-v7s (<see cref="MsmIommuV7sOps"/>). Kept because it isolates
/// the batching from the table format for the unmap-flush and Era-A benchmarks; an aligned 1 MiB unmap of 4K pages
/// still clears the first-level pointer and leaks the level-2 page, as the 3.3 table code does (msm.md §5.7 step 3).
/// </remarks>
public sealed class MsmIommuPagesOps : IIommuOps
{
    private readonly MsmIommuPlatform _platform;
    private readonly MsmIommuOps _ops;

    /// <summary>The batched ops over the probed <paramref name="platform"/>.</summary>
    public MsmIommuPagesOps(MsmIommuPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        _platform = platform;
        _ops = new MsmIommuOps(platform);
    }

    /// <inheritdoc />
    public uint PgsizeBitmap => _ops.PgsizeBitmap;

    /// <inheritdoc />
    public bool HasMapPages => true;

    /// <inheritdoc />
    public bool HasUnmapPages => true;

    /// <inheritdoc />
    public bool HasIotlbSyncMap => true;

    /// <summary>
    /// iotlb_sync_map: the TLBIALL per attached context that mainline did after each page (msm.md §9.6), done once for
    /// everything an iommu_map or iommu_map_sg wrote.
    /// </summary>
    public int IotlbSyncMap(IommuDomain domain, uint iova, uint size)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
            return domain.Priv is MsmPriv priv ? MsmDomainOps.FlushIotlb(_platform, priv) : -Errno.EINVAL;
    }

    /// <summary>
    /// map_pages: pgcount pages of pgsize; the flush is left to <see cref="IotlbSyncMap"/> on success (5.12+), done
    /// here on an error; on error the bytes written so far are reported.
    /// </summary>
    public int MapPages(IommuDomain domain, uint iova, uint paddr, uint pgsize, uint pgcount, int prot, out uint mapped)
    {
        ArgumentNullException.ThrowIfNull(domain);
        mapped = 0;
        lock (_platform.Lock)
        {
            if (MsmPageTable.Pgprot(prot, _platform.TexClasses, firstLevel: false, out _) != 0 || domain.Priv is not MsmPriv priv)
                return -Errno.EINVAL;
            // pgcount msm_iommu_map page bodies in a row (MsmPageTable.MapRun: the same writes, prot decoded once).
            int ret = priv.PageTable.MapRun(iova, paddr, pgsize, pgcount, prot, _platform.TexClasses, out uint pages);
            mapped = pages * pgsize;
            if (ret != 0)
                MsmDomainOps.FlushIotlb(_platform, priv); // what was written must not stay stale
            return ret;
        }
    }

    /// <summary>
    /// unmap_pages: clears up to pgcount pages of pgsize and gathers them; stops at a page whose first-level
    /// slot is empty (returning only what was cleared, unlike 3.3's "len for everything").
    /// </summary>
    public uint UnmapPages(IommuDomain domain, uint iova, uint pgsize, uint pgcount, ref IommuIotlbGather gather)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
        {
            if (domain.Priv is not MsmPriv priv)
                return 0;
            uint unmapped = 0;
            for (uint i = 0; i < pgcount; i++)
            {
                if (priv.PageTable.Unmap(iova + i * pgsize, pgsize) != MsmUnmapOutcome.Cleared)
                    break;
                unmapped += pgsize;
            }
            if (unmapped != 0)
                gather.AddRange(iova, unmapped, pgsize);
            return unmapped;
        }
    }

    /// <summary>iotlb_sync: one TLBIALL per attached context when anything was gathered.</summary>
    public void IotlbSync(IommuDomain domain, ref IommuIotlbGather gather)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_platform.Lock)
        {
            if (!gather.IsEmpty && domain.Priv is MsmPriv priv)
                MsmDomainOps.FlushIotlb(_platform, priv);
        }
    }

    /// <inheritdoc />
    public int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot) => _ops.Map(domain, iova, paddr, size, prot);

    /// <inheritdoc />
    public uint Unmap(IommuDomain domain, uint iova, uint size) => _ops.Unmap(domain, iova, size);

    /// <inheritdoc />
    public int DomainInit(IommuDomain domain) => _ops.DomainInit(domain);

    /// <inheritdoc />
    public void DomainDestroy(IommuDomain domain) => _ops.DomainDestroy(domain);

    /// <inheritdoc />
    public int AttachDev(IommuDomain domain, Device dev) => _ops.AttachDev(domain, dev);

    /// <inheritdoc />
    public void DetachDev(IommuDomain domain, Device dev) => _ops.DetachDev(domain, dev);

    /// <inheritdoc />
    public uint IovaToPhys(IommuDomain domain, uint iova) => _ops.IovaToPhys(domain, iova);

    /// <inheritdoc />
    public int DomainHasCap(IommuDomain domain, uint cap) => _ops.DomainHasCap(domain, cap);
}
