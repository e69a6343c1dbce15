using Generic.Iommu;

namespace Generic.IoPgtable;

/// <summary>
/// struct io_pgtable_ops (include/linux/io-pgtable.h, 6.2+ shape): map_pages, unmap_pages and iova_to_phys of one
/// page table. Callers serialise calls (the driver's page-table lock).
/// </summary>
public interface IIoPgtableOps
{
    /// <summary>
    /// map_pages(ops, iova, paddr, pgsize, pgcount, prot, gfp, &amp;mapped): maps pgcount pages of pgsize; 0 or a
    /// negative errno, with the bytes mapped before the error in <paramref name="mapped"/>.
    /// </summary>
    int MapPages(uint iova, uint paddr, uint pgsize, uint pgcount, int prot, out uint mapped);

    /// <summary>
    /// unmap_pages(ops, iova, pgsize, pgcount, gather): unmaps up to pgcount pages of pgsize, stops at the first page
    /// that cannot be unmapped; returns the bytes unmapped (0: nothing).
    /// </summary>
    uint UnmapPages(uint iova, uint pgsize, uint pgcount, ref IommuIotlbGather gather);

    /// <summary>iova_to_phys(ops, iova): the software walk's physical address, 0 when unmapped.</summary>
    uint IovaToPhys(uint iova);
}
