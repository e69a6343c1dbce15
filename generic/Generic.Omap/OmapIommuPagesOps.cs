using Generic.Iommu;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Generic.Omap;

/// <summary>
/// The 3.3 OMAP driver with the batched ops Linux added in 5.x (map_pages, unmap_pages, iotlb_sync, iotlb_sync_map),
/// beyond what 3.3 had: map_pages writes a run of descriptors per table and unmap_pages clears one
/// (<see cref="OmapPageTableRun"/>), and the TLB is flushed once per iommu_map / iommu_map_sg (iotlb_sync_map) or per
/// gathered unmap (iotlb_sync) instead of flush_iotlb_page per page (omap.md §4.5, §8.6). Everything else is inherited
/// from <see cref="OmapIommuOps"/>, which stays the 3.3 per-page driver for the scenarios and baselines that compare
/// against it.
/// </summary>
/// <remarks>
/// The one flush is flush_iotlb_all (omap.md §4.4: LOCK = 0, GFLUSH = 1), not a flush_iotlb_range-style CAM scan. From
/// 3.2 nothing can lock a TLB entry (load_iotlb_entry is static and its only caller, the PREFETCH_IOTLB hook, is
/// compiled out, §4.4, §7.2; attach already does flush_iotlb_all), so the global flush drops only entries the walker
/// refills on the next miss, at most N (8 on the ISP MMU). A scan of the range costs 4N register accesses (LOCK read
/// and write, READ_CAM, READ_RAM per entry) to reach the same tables-agree state; the global flush costs two writes.
/// ARM drivers make the same trade for whole ranges (MSM's TLBIALL per context here).
/// </remarks>
public sealed class OmapIommuPagesOps : OmapIommuOps, IIommuOps
{
    internal OmapIommuPagesOps(OmapIommuDriver driver)
        : base(driver)
    {
    }

    /// <inheritdoc />
    public bool HasMapPages => true;

    /// <inheritdoc />
    public bool HasUnmapPages => true;

    /// <inheritdoc />
    public bool HasIotlbSyncMap => true;

    /// <summary>
    /// map_pages(domain, da, pa, pgsize, pgcount, prot, &amp;mapped): the descriptors of pgcount omap_iommu_map calls
    /// (flags = code | prot raw, iotlb_init_entry, get_pte_attr once for the run), written as one run per table with
    /// no TLB work (<see cref="IotlbSyncMap"/> flushes once). When prot's bits 1:0 change the size code (omap.md §7.3:
    /// IOMMU_READ|IOMMU_WRITE turns 4K into 16M) the run is 3.3's page-by-page omap_iommu_map, flush included, so the
    /// outcome is 3.3's. Returns 0, -EINVAL or -ENOMEM, with the bytes written before a failure in
    /// <paramref name="mapped"/>.
    /// </summary>
    public int MapPages(IommuDomain domain, uint iova, uint paddr, uint pgsize, uint pgcount, int prot, out uint mapped)
    {
        ArgumentNullException.ThrowIfNull(domain);
        mapped = 0;
        OmapIommuDevice oiommu = Attached(Priv(domain).IommuDev, "omap_iommu_map_pages: oiommu->dev");
        int omapPgsz = IopgSize.BytesToIopgsz(pgsize);
        if (omapPgsz < 0)
            return -Errno.EINVAL; // "invalid size to map"
        uint flags = (uint)omapPgsz | unchecked((uint)prot); // no prot translation (§7.3)
        if ((flags & 3) != (uint)omapPgsz)
        {
            for (uint i = 0; i < pgcount; i++, mapped += pgsize)
            {
                int ret = Map(domain, unchecked(iova + i * pgsize), unchecked(paddr + i * pgsize), pgsize, prot);
                if (ret != 0)
                    return ret;
            }
            return 0;
        }
        _ = IotlbEntry.Init(out IotlbEntry e, iova, paddr, flags);
        uint attr = oiommu.Instance.Arch.GetPteAttr(e);
        int err = OmapPageTableRun.Store(oiommu.Instance, iova, paddr, e.Pgsz, pgcount, attr, out uint pages);
        mapped = pages * pgsize;
        return err;
    }

    /// <summary>iotlb_sync_map(domain, da, size): one flush_iotlb_all for everything an iommu_map or iommu_map_sg wrote (nothing for size 0).</summary>
    public int IotlbSyncMap(IommuDomain domain, uint iova, uint size)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (size != 0)
            OmapTlb.FlushAll(Attached(Priv(domain).IommuDev, "omap_iommu_iotlb_sync_map: oiommu->dev").Instance);
        return 0;
    }

    /// <summary>
    /// unmap_pages(domain, da, pgsize, pgcount, gather): what 3.3's iommu_unmap loop of omap_iommu_unmap clears over
    /// [da, da + pgsize × pgcount), whatever page sizes are mapped there (the request's page size is ignored as 3.3's
    /// unmap ignores its size, §8.23): a 1M request over a table of 4K pages clears the 256 PTEs and frees the table.
    /// Gathers the range instead of flushing; returns the bytes cleared (0 at an empty L1 entry).
    /// </summary>
    public uint UnmapPages(IommuDomain domain, uint iova, uint pgsize, uint pgcount, ref IommuIotlbGather gather)
    {
        ArgumentNullException.ThrowIfNull(domain);
        OmapIommuDevice oiommu = Attached(Priv(domain).IommuDev, "omap_iommu_unmap_pages: oiommu->dev");
        ulong bytes = OmapPageTableRun.Clear(oiommu.Instance, iova, (ulong)pgsize * pgcount);
        if (bytes != 0)
            gather.AddRange(iova, bytes, pgsize);
        return unchecked((uint)bytes); // size_t on a 32-bit kernel
    }

    /// <summary>iotlb_sync(domain, gather): one flush_iotlb_all when anything was gathered.</summary>
    public void IotlbSync(IommuDomain domain, ref IommuIotlbGather gather)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!gather.IsEmpty)
            OmapTlb.FlushAll(Attached(Priv(domain).IommuDev, "omap_iommu_iotlb_sync: oiommu->dev").Instance);
    }
}
