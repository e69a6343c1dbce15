using Migration.Kernel;

namespace Legacy.Msm;

/// <summary>
/// struct gen_pool with CAF's gen_pool_alloc_aligned (lib/genalloc.c; msm.md §7.4): granules of
/// 2^minAllocOrder bytes, chunks searched first-fit in the order they were added, lowest free run
/// first, alignment measured on the absolute address. 0 means "no allocation" (genalloc cannot return 0).
/// </summary>
public sealed class GenPool
{
    private readonly List<Chunk> _chunks = new();

    /// <summary>gen_pool_create(min_alloc_order, nid).</summary>
    public GenPool(int minAllocOrder)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minAllocOrder);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minAllocOrder, 31);
        MinAllocOrder = minAllocOrder;
    }

    /// <summary>pool->min_alloc_order (12 for the MSM IOVA pools: gen_pool_create(PAGE_SHIFT, -1)).</summary>
    public int MinAllocOrder { get; }

    /// <summary>Bytes not allocated, over all chunks (gen_pool_avail).</summary>
    public ulong Avail
    {
        get
        {
            ulong total = 0;
            foreach (Chunk c in _chunks)
                total += (ulong)c.FreeGranules() << MinAllocOrder;
            return total;
        }
    }

    /// <summary>gen_pool_add(pool, addr, size, nid): 0, or -ENOMEM when the chunk cannot be allocated.</summary>
    public int Add(uint addr, uint size, KernelMemory? kernelMemory = null)
    {
        if (kernelMemory is not null && !kernelMemory.TryKzalloc())
            return -Errno.ENOMEM;
        int granules = (int)(size >> MinAllocOrder);
        _chunks.Add(new Chunk(addr, (ulong)addr + size, new bool[granules]));
        return 0;
    }

    /// <summary>
    /// gen_pool_alloc_aligned(pool, size, alignment_order): the lowest free run of whole granules whose
    /// absolute start is a multiple of 2^alignOrder (when alignOrder exceeds the granule order); 0 when
    /// size is 0 or nothing fits.
    /// </summary>
    public uint AllocAligned(uint size, int alignOrder)
    {
        if (size == 0)
            return 0;
        int nbits = (int)(((ulong)size + (1UL << MinAllocOrder) - 1) >> MinAllocOrder);
        ulong align = alignOrder > MinAllocOrder ? 1UL << alignOrder : 1UL << MinAllocOrder;
        foreach (Chunk chunk in _chunks)
        {
            int n = chunk.Bits.Length;
            for (int bit = 0; bit + nbits <= n; bit++)
            {
                ulong start = chunk.Start + ((ulong)bit << MinAllocOrder);
                if (start % align != 0)
                    continue;
                if (chunk.RunFree(bit, nbits))
                {
                    chunk.Mark(bit, nbits, true);
                    return (uint)start;
                }
            }
        }
        return 0;
    }

    /// <summary>
    /// gen_pool_free(pool, addr, size): clears the granules of [addr, addr + size). BUG when addr lies
    /// in no chunk, when the range passes the chunk end, or when a granule was not allocated (3.0 genalloc).
    /// </summary>
    public void Free(uint addr, uint size)
    {
        int nbits = (int)(((ulong)size + (1UL << MinAllocOrder) - 1) >> MinAllocOrder);
        foreach (Chunk chunk in _chunks)
        {
            if (addr < chunk.Start || addr >= chunk.End)
                continue;
            Bug.On((ulong)addr + size > chunk.End, $"gen_pool_free(0x{addr:x8}, 0x{size:x}): BUG_ON(addr + size > chunk->end_addr)");
            int startBit = (int)((addr - chunk.Start) >> MinAllocOrder);
            Bug.On(!chunk.RunAllocated(startBit, nbits), $"gen_pool_free(0x{addr:x8}, 0x{size:x}): BUG_ON(remain): granules were not allocated");
            chunk.Mark(startBit, nbits, false);
            return;
        }
        Bug.Here($"gen_pool_free(0x{addr:x8}, 0x{size:x}): address in no chunk of the pool");
    }

    /// <summary>True when [addr, addr + size) is fully allocated (for tests and the equivalence checks).</summary>
    public bool IsAllocated(uint addr, uint size)
    {
        int nbits = (int)(((ulong)size + (1UL << MinAllocOrder) - 1) >> MinAllocOrder);
        foreach (Chunk chunk in _chunks)
        {
            if (addr >= chunk.Start && addr < chunk.End)
                return (ulong)addr + size <= chunk.End && chunk.RunAllocated((int)((addr - chunk.Start) >> MinAllocOrder), nbits);
        }
        return false;
    }

    private sealed record Chunk(ulong Start, ulong End, bool[] Bits)
    {
        public bool RunFree(int bit, int n)
        {
            for (int i = bit; i < bit + n; i++)
            {
                if (Bits[i])
                    return false;
            }
            return true;
        }

        public bool RunAllocated(int bit, int n)
        {
            if (bit + n > Bits.Length)
                return false;
            for (int i = bit; i < bit + n; i++)
            {
                if (!Bits[i])
                    return false;
            }
            return true;
        }

        public void Mark(int bit, int n, bool used) => Array.Fill(Bits, used, bit, n);

        public int FreeGranules() => Bits.Count(b => !b);
    }
}
