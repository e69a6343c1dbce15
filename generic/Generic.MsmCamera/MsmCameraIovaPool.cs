using System.Numerics;
using Generic.Iommu;

namespace Generic.MsmCamera;

/// <summary>
/// The port of one iommu_domains.c partition (a gen_pool with msm_allocate_iova_address /
/// msm_free_iova_address, msm.md §7.4, §7.5) onto the generic library's <see cref="IovaAllocator"/>, keeping the
/// legacy allocation rules so that the same request sequence yields the same IOVAs: 4 KiB granules, lowest
/// free run first (first fit), alignment <c>1 &lt;&lt; ilog2(align)</c> measured on the absolute address
/// (§9.14), 0 for failure.
/// </summary>
public sealed class MsmCameraIovaPool
{
    private const uint Granule = 0x1000;

    /// <summary>The partition [<paramref name="start"/>, <paramref name="start"/> + <paramref name="size"/>) of the board layout.</summary>
    public MsmCameraIovaPool(uint start, uint size)
    {
        Start = start;
        Size = size;
        Allocator = new IovaAllocator(start, (ulong)start + size, Granule, IovaFitPolicy.FirstFit);
    }

    /// <summary>mem_pool.paddr: the first IOVA of the partition.</summary>
    public uint Start { get; }

    /// <summary>mem_pool.size: bytes of the partition.</summary>
    public uint Size { get; }

    /// <summary>The generic allocator behind the partition.</summary>
    public IovaAllocator Allocator { get; }

    /// <summary>
    /// msm_allocate_iova_address(domain, partition, size, align) ported: alloc_iova of <paramref name="size"/> with
    /// alignment 2^ilog2(<paramref name="align"/>) — ilog2 rounds a non-power-of-two down (§9.14), and an alignment
    /// of 4 KiB or less (or 0) means the granule. 0 for size 0 or exhaustion, as gen_pool_alloc_aligned.
    /// </summary>
    public uint Alloc(uint size, uint align)
    {
        uint alignment = align == 0 ? Granule : 1u << BitOperations.Log2(align);
        return Allocator.Alloc(size, alignment);
    }

    /// <summary>
    /// msm_free_iova_address ported: free_iova of the range, then the allocator's cache is flushed so the range
    /// is at once free for any size — gen_pool_free semantics. Without the flush the IovaAllocator's per-size
    /// cache would hand the most recently freed range back first and keep freed ranges from other sizes, and the
    /// port would stop reproducing the legacy IOVAs. False when no such range was allocated (the kernel would WARN).
    /// </summary>
    public bool Free(uint iova, uint size)
    {
        bool freed = Allocator.Free(iova, size);
        Allocator.Flush();
        return freed;
    }

    /// <summary>True when <paramref name="iova"/> lies in an allocated range.</summary>
    public bool IsAllocated(uint iova) => Allocator.IsAllocated(iova);
}
