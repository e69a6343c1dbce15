using System.Numerics;
using Migration.Kernel;

namespace Generic.Iommu;

/// <summary>
/// The page choice of the 3.3 iommu_map (generic.md §5.1 step 5, §9.4): the largest bitmap size not
/// above the highest power of two in the remaining size nor the common alignment of iova and paddr.
/// Pure arithmetic on 32-bit unsigned longs, as on ARM; the core never knows a page-table format.
/// </summary>
public static class PageSizeSplitter
{
    /// <summary>min_pagesz = 1 &lt;&lt; __ffs(pgsize_bitmap).</summary>
    public static uint MinPageSize(uint pgsizeBitmap)
    {
        if (pgsizeBitmap == 0)
            throw new KernelBugException("iommu_map/unmap: __ffs(0) of an empty pgsize_bitmap is undefined (generic.md §5.1 step 2)");
        return 1u << BitOperations.TrailingZeroCount(pgsizeBitmap);
    }

    /// <summary>iommu_pgsize(): the page size for the next chunk at (iova, paddr) with <paramref name="size"/> bytes left.</summary>
    public static uint PageSize(uint pgsizeBitmap, uint iova, uint paddr, uint size)
    {
        int idx = 31 - BitOperations.LeadingZeroCount(size); // __fls(size)
        uint merge = iova | paddr;
        if (merge != 0)
            idx = Math.Min(idx, BitOperations.TrailingZeroCount(merge)); // __ffs(merge)
        // (1UL << (idx + 1)) - 1 in a 32-bit unsigned long: a shift by 32 gives 0 on ARM, so the mask is all ones.
        uint mask = (idx + 1 >= 32 ? 0u : 1u << (idx + 1)) - 1;
        mask &= pgsizeBitmap;
        Bug.On(mask == 0, "iommu_pgsize: BUG_ON(!pgsize)");
        return 1u << (31 - BitOperations.LeadingZeroCount(mask)); // 1 << __fls(mask)
    }

    /// <summary>
    /// iommu_pgsize() of Linux 5.x with its page count: the same page size as <see cref="PageSize(uint, uint, uint, uint)"/>, and how
    /// many pages of it to map before a larger supported page could start (both addresses equally offset
    /// inside it and enough size left), or all that fit in <paramref name="size"/>.
    /// </summary>
    public static uint PageSize(uint pgsizeBitmap, uint iova, uint paddr, uint size, out uint count)
    {
        uint pgsize = PageSize(pgsizeBitmap, iova, paddr, size);
        int pgsizeIdx = BitOperations.TrailingZeroCount(pgsize);
        uint larger = pgsizeIdx >= 31 ? 0 : pgsizeBitmap & ~((pgsize << 1) - 1); // ~GENMASK(pgsize_idx, 0)
        if (larger != 0)
        {
            uint pgsizeNext = 1u << BitOperations.TrailingZeroCount(larger);
            uint addrMerge = iova | paddr;
            if (((iova ^ paddr) & (pgsizeNext - 1)) == 0)
            {
                ulong offset = pgsizeNext - (addrMerge & (pgsizeNext - 1));
                if (offset + pgsizeNext <= size)
                    size = (uint)offset;
            }
        }
        count = size >> pgsizeIdx;
        return pgsize;
    }
}
