namespace Migration.Benchmarks;

/// <summary>How a benchmark's buffer lies in physical memory.</summary>
public enum BufferLayout
{
    /// <summary>One physically contiguous block, naturally aligned to its size (what kmalloc/iommu_kmap hand the IOMMU).</summary>
    Contiguous,

    /// <summary>Separate 4 KiB pages, one scatterlist entry each, with a free page between neighbours (a user or vmalloc buffer).</summary>
    Scattered4K,
}
