using Generic.Iommu;

namespace Generic.IoPgtable;

/// <summary>
/// struct iommu_flush_ops (include/linux/io-pgtable.h, 5.11+): the TLB maintenance callbacks an io-pgtable format
/// calls while it changes the tables; each call's cookie is the value the driver gave alloc_io_pgtable_ops.
/// </summary>
public interface IIommuFlushOps
{
    /// <summary>tlb_flush_all(cookie): invalidate every TLB entry of the context(s) using the table (free_pgtable).</summary>
    void TlbFlushAll(object? cookie);

    /// <summary>
    /// tlb_flush_walk(iova, size, granule, cookie): invalidate [iova, iova + size) in steps of granule, walk caches
    /// included, before a table the range went through is freed (v7s.md §4.2 step 4).
    /// </summary>
    void TlbFlushWalk(uint iova, uint size, uint granule, object? cookie);

    /// <summary>
    /// tlb_add_page(gather, iova, granule, cookie): one leaf entry of granule bytes at iova was cleared; a driver may
    /// gather it for iotlb_sync or invalidate it at once (MSM does the latter, v7s.md §2.2).
    /// </summary>
    void TlbAddPage(ref IommuIotlbGather gather, uint iova, uint granule, object? cookie);
}
