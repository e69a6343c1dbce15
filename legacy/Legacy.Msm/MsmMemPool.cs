namespace Legacy.Msm;

/// <summary>
/// struct mem_pool of a G3 domain (mach/memory.h, msm.md §7.3–§7.4): the partition bounds from the board
/// and the gen_pool iommu_domains.c creates for it (NULL for a size-0 partition or a failed creation).
/// The <c>free</c> byte counter of the kernel struct is not modelled (nothing in G3 reads it).
/// </summary>
public sealed class MsmMemPool
{
    internal MsmMemPool(uint paddr, uint size)
    {
        Paddr = paddr;
        Size = size;
    }

    /// <summary>pool->paddr: first IOVA of the partition.</summary>
    public uint Paddr { get; }

    /// <summary>pool->size: bytes of the partition (0: no pool).</summary>
    public uint Size { get; }

    /// <summary>pool->gpool: the 4 KiB-granule gen_pool over [paddr, paddr + size), or null (NULL).</summary>
    public GenPool? Gpool { get; internal set; }
}
