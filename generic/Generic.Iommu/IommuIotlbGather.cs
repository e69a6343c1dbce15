namespace Generic.Iommu;

/// <summary>
/// struct iommu_iotlb_gather (Linux 5.x, beyond 3.3): the IOVA range whose TLB entries an unmap left
/// stale, so the driver can invalidate it once in iotlb_sync instead of once per page.
/// </summary>
public struct IommuIotlbGather
{
    /// <summary>gather->start: lowest IOVA gathered.</summary>
    public uint Start;

    /// <summary>gather->end: one past the highest IOVA gathered (64-bit so the top page fits).</summary>
    public ulong End;

    /// <summary>gather->pgsize: the page size of the last pages added.</summary>
    public uint Pgsize;

    /// <summary>iommu_iotlb_gather_init: an empty range.</summary>
    public static IommuIotlbGather Init() => new() { Start = uint.MaxValue, End = 0, Pgsize = 0 };

    /// <summary>True when nothing was gathered.</summary>
    public readonly bool IsEmpty => End == 0;

    /// <summary>iommu_iotlb_gather_add_range: extend the range to cover [iova, iova + size).</summary>
    public void AddRange(uint iova, ulong size, uint pgsize)
    {
        if (iova < Start)
            Start = iova;
        ulong end = iova + size;
        if (end > End)
            End = end;
        Pgsize = pgsize;
    }
}
