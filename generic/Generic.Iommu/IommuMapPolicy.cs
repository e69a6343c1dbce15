namespace Generic.Iommu;

/// <summary>
/// The two choices the 3.3 iommu_map makes for every domain (drivers/iommu/iommu.c, generic.md §5.1, §9.4-§9.5):
/// which page to map next (iommu_pgsize) and how a failed call is undone (the iommu_unmap of what was mapped). One
/// shared default; a known-bad port of the workbench replaces one of them to prove the equivalence engine catches it.
/// </summary>
public class IommuMapPolicy
{
    /// <summary>The core's own choices.</summary>
    public static IommuMapPolicy Default { get; } = new();

    /// <summary>iommu_pgsize(): the page for the next chunk (<see cref="PageSizeSplitter.PageSize(uint, uint, uint, uint)"/>).</summary>
    public virtual uint PageSize(uint pgsizeBitmap, uint iova, uint paddr, uint size) =>
        PageSizeSplitter.PageSize(pgsizeBitmap, iova, paddr, size);

    /// <summary>iommu_map's error path: unmaps the <paramref name="mapped"/> bytes already mapped from <paramref name="iova"/>, result ignored (§9.5).</summary>
    public virtual void RollBack(IommuDomain domain, uint iova, uint mapped) => _ = IommuApi.Unmap(domain, iova, mapped);
}
