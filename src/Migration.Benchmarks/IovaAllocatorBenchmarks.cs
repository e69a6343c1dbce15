using System.Numerics;
using BenchmarkDotNet.Attributes;
using Generic.Iommu;
using Legacy.Msm;

namespace Migration.Benchmarks;

/// <summary>
/// One alloc/free pair of <see cref="Size"/> bytes, size-aligned, in a 1 GiB device address space: the CAF 3.0 genalloc
/// bitmap (gen_pool_alloc_aligned / gen_pool_free, msm.md §7.4; baseline) vs the generic IovaAllocator (sorted
/// range array plus the per-size rcache), each on an empty space and on a fragmented one.
/// </summary>
/// <remarks>
/// The fragmented spaces hold <see cref="Fragments"/> 8 KiB ranges with an 8 KiB hole after each (every other one of
/// a run freed; the IOVA rcache flushed so the holes are really free): a 4 KiB request fits the first hole, a 1 MiB
/// request is placed after all of them.
/// </remarks>
[MemoryDiagnoser]
public class IovaAllocatorBenchmarks : IBenchmarkState
{
    /// <summary>Allocated ranges left in a fragmented space.</summary>
    public const int Fragments = 1024;

    private const uint SpaceStart = 0x40000000;
    private const uint SpaceSize = 0x40000000;
    private const uint FragmentSize = 0x2000;

    private GenPool _genEmpty = null!;
    private GenPool _genFragmented = null!;
    private IovaAllocator _iovaEmpty = null!;
    private IovaAllocator _iovaFragmented = null!;
    private int _alignOrder;

    /// <summary>Request size in bytes (also its alignment).</summary>
    [Params(BenchSizes.K4, BenchSizes.M1)]
    public uint Size { get; set; }

    /// <summary>Creates the four spaces and fragments two of them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _alignOrder = BitOperations.Log2(Size);
        _genEmpty = NewPool();
        _genFragmented = NewPool();
        _iovaEmpty = new IovaAllocator(SpaceStart, (ulong)SpaceStart + SpaceSize);
        _iovaFragmented = new IovaAllocator(SpaceStart, (ulong)SpaceStart + SpaceSize);
        var gen = new uint[2 * Fragments];
        var iova = new uint[2 * Fragments];
        for (int i = 0; i < gen.Length; i++)
        {
            gen[i] = _genFragmented.AllocAligned(FragmentSize, 12);
            iova[i] = _iovaFragmented.Alloc(FragmentSize, 0);
        }
        for (int i = 1; i < gen.Length; i += 2)
        {
            _genFragmented.Free(gen[i], FragmentSize);
            _iovaFragmented.Free(iova[i], FragmentSize);
        }
        _iovaFragmented.Flush();
    }

    /// <summary>gen_pool_alloc_aligned + gen_pool_free on an empty pool (CAF msm_allocate_iova_address / msm_free_iova_address).</summary>
    [Benchmark(Baseline = true)]
    public uint GenPoolEmpty() => GenPoolPair(_genEmpty);

    /// <summary>gen_pool_alloc_aligned + gen_pool_free on the fragmented pool.</summary>
    [Benchmark]
    public uint GenPoolFragmented() => GenPoolPair(_genFragmented);

    /// <summary>IovaAllocator.Alloc + Free on an empty space (alloc_iova_fast / free_iova_fast).</summary>
    [Benchmark]
    public uint IovaEmpty() => IovaPair(_iovaEmpty);

    /// <summary>IovaAllocator.Alloc + Free on the fragmented space.</summary>
    [Benchmark]
    public uint IovaFragmented() => IovaPair(_iovaFragmented);

    string IBenchmarkState.Fingerprint() =>
        $"gen {_genEmpty.Avail}/{_genFragmented.Avail} iova {_iovaEmpty.AllocatedRanges}/{_iovaFragmented.AllocatedRanges}";

    bool? IBenchmarkState.NothingMapped => null;

    private static GenPool NewPool()
    {
        var pool = new GenPool(12); // gen_pool_create(PAGE_SHIFT, -1)
        if (pool.Add(SpaceStart, SpaceSize) != 0)
            throw new InvalidOperationException("gen_pool_add failed");
        return pool;
    }

    private uint GenPoolPair(GenPool pool)
    {
        uint addr = pool.AllocAligned(Size, _alignOrder);
        if (addr == 0)
            throw new InvalidOperationException("gen_pool_alloc_aligned failed");
        pool.Free(addr, Size);
        return addr;
    }

    private uint IovaPair(IovaAllocator iova)
    {
        uint addr = iova.Alloc(Size, Size);
        if (addr == 0 || !iova.Free(addr, Size))
            throw new InvalidOperationException("IOVA alloc/free failed");
        return addr;
    }
}
