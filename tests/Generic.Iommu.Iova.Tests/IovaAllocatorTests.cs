using Generic.Iommu;

namespace Generic.Iommu.Iova.Tests;

public class IovaAllocatorTests
{
    // Gaps after the reservations: [0x1000,0x4000) 3 granules, [0x6000,0x8000) 2, [0x9000,0xB000) 2, [0xC000,0x40000).
    private static IovaAllocator Fragmented(IovaFitPolicy policy)
    {
        var a = new IovaAllocator(0x1000, 0x40000, 0x1000, policy);
        Assert.True(a.Reserve(0x4000, 0x2000));
        Assert.True(a.Reserve(0x8000, 0x1000));
        Assert.True(a.Reserve(0xB000, 0x1000));
        return a;
    }

    [Fact]
    public void FirstFit_TakesTheLowestGapThatFits()
    {
        var a = Fragmented(IovaFitPolicy.FirstFit);
        Assert.Equal(0x1000u, a.Alloc(0x2000, 0));
        Assert.Equal(0x6000u, a.Alloc(0x2000, 0));
        Assert.Equal(0x3000u, a.Alloc(0x1000, 0));
        Assert.Equal(0xC000u, a.Alloc(0x3000, 0));
        Assert.Equal(0x9000u, a.Alloc(0x2000, 0));
    }

    [Fact]
    public void BestFit_TakesTheSmallestGapTiesToTheLowestAddress()
    {
        var a = Fragmented(IovaFitPolicy.BestFit);
        Assert.Equal(0x6000u, a.Alloc(0x2000, 0)); // two 2-granule gaps: the lower one
        Assert.Equal(0x9000u, a.Alloc(0x2000, 0));
        Assert.Equal(0x1000u, a.Alloc(0x2000, 0)); // now the 3-granule gap is the smallest
        Assert.Equal(0x3000u, a.Alloc(0x1000, 0)); // the 1-granule remainder
        Assert.Equal(0xC000u, a.Alloc(0x1000, 0));
    }

    [Fact]
    public void BestFit_MeasuresTheWholeGapButNeedsTheAlignedRequestToFit()
    {
        var a = new IovaAllocator(0x1000, 0x100000, 0x1000, IovaFitPolicy.BestFit);
        Assert.True(a.Reserve(0x5000, 0x1000));
        Assert.True(a.Reserve(0x9000, 0x1000)); // gaps: [0x1000,0x5000), [0x6000,0x9000), [0xA000,..)
        Assert.Equal(0x6000u, a.Alloc(0x2000, 0x2000)); // 3-granule gap beats the 4-granule one
        Assert.Equal(0x2000u, a.Alloc(0x2000, 0x2000));
        // Gap [0x1000,0x2000) is the smallest but cannot hold an aligned granule pair; [0x4000,0x5000) neither.
        Assert.Equal(0xA000u, a.Alloc(0x2000, 0x2000));
    }

    [Fact]
    public void Alignment_IsHonouredAndInvalidRequestsReturnZero()
    {
        var a = new IovaAllocator(0x1000, 0x1000_0000);
        Assert.Equal(0x100000u, a.Alloc(0x1000, 0x100000));
        Assert.Equal(0x1000u, a.Alloc(0x1000, 0));    // alignment 0: the granule
        Assert.Equal(0x2000u, a.Alloc(0x1, 0x10));     // size rounded up, small alignment raised to the granule
        Assert.Equal(0x4000u, a.Alloc(0x2000, 0x4000));
        Assert.Equal(0u, a.Alloc(0x1000, 0x3000));     // not a power of two
        Assert.Equal(0u, a.Alloc(0x1000, 0x30));
        Assert.Equal(0u, a.Alloc(0, 0));
        Assert.Equal(4, a.AllocatedRanges);
        Assert.True(a.IsAllocated(0x2000));
        Assert.False(a.IsAllocated(0x3000));
    }

    [Fact]
    public void IovaZero_IsNeverHandedOut()
    {
        var a = new IovaAllocator(0, 0x10000);
        Assert.Equal(0x1000u, a.Start);
        Assert.Equal(0xF000u, a.FreeBytes);
        Assert.Equal(0x1000u, a.Alloc(0x1000, 0));
        Assert.False(a.IsAllocated(0));
        Assert.False(a.Reserve(0, 0x1000));
        Assert.Equal(0x8000u, a.Alloc(0x8000, 0x8000));
    }

    [Fact]
    public void TheTopOfThe32BitSpace_IsUsable()
    {
        var a = new IovaAllocator(0xFFFF_0000, 0x1_0000_0000);
        Assert.Equal(0xFFFF_0000u, a.Alloc(0x10000, 0x10000));
        Assert.Equal(0u, a.FreeBytes);
        Assert.True(a.IsAllocated(0xFFFF_FFFF));
        Assert.Equal(0u, a.Alloc(0x1000, 0));
        var whole = new IovaAllocator(0, 0x1_0000_0000);
        Assert.Equal(0xFFFF_F000u, whole.FreeBytes);
        Assert.Equal(0x8000_0000u, whole.Alloc(0x8000_0000, 0x8000_0000));
        Assert.Equal(0u, whole.Alloc(0xFFFF_FFFF, 0)); // rounds up past the space
    }

    [Fact]
    public void ConstructorMisuse_Throws()
    {
        Assert.Throws<ArgumentException>(() => new IovaAllocator(0x1000, 0x10000, 0x3000));
        Assert.Throws<ArgumentException>(() => new IovaAllocator(0x1800, 0x10000));
        Assert.Throws<ArgumentException>(() => new IovaAllocator(0x1000, 0x1_0000_1000));
        Assert.Throws<ArgumentException>(() => new IovaAllocator(0, 0x1000)); // only the reserved granule
        Assert.Throws<ArgumentException>(() => new IovaAllocator(0x2000, 0x1000));
    }

    [Fact]
    public void Exhaustion_IsExact()
    {
        var a = new IovaAllocator(0x1000, 0x5000);
        Assert.Equal(0x1000u, a.Alloc(0x3000, 0));
        var before = a.Snapshot();
        Assert.Equal(0u, a.Alloc(0x2000, 0));
        Assert.Equal(0u, a.Alloc(0x1000, 0x8000));
        Assert.Equal(0u, a.Alloc(0x10000, 0));
        Assert.Equal(before, a.Snapshot());
        Assert.Equal(0x1000u, a.FreeBytes);
        Assert.Equal(1, a.AllocatedRanges);
        Assert.Equal(0x4000u, a.Alloc(0x1000, 0)); // the last granule is still there
        Assert.Equal(0u, a.FreeBytes);
    }

    [Fact]
    public void FreeOfAnUnknownRange_ReturnsFalseAndChangesNothing()
    {
        var a = new IovaAllocator(0x1000, 0x100000);
        uint x = a.Alloc(0x3000, 0);
        Assert.True(a.Reserve(0x20000, 0x1000));
        var before = a.Snapshot();
        uint free = a.FreeBytes;
        Assert.False(a.Free(0x50000, 0x1000)); // never allocated
        Assert.False(a.Free(x + 0x1000, 0x1000)); // inside, not the start
        Assert.False(a.Free(x, 0x2000)); // wrong size
        Assert.False(a.Free(x, 0));
        Assert.False(a.Free(0x20000, 0x1000)); // reserved
        Assert.Equal(before, a.Snapshot());
        Assert.Equal(free, a.FreeBytes);
        Assert.True(a.Free(x, 0x2001)); // rounds to the allocated size
        Assert.False(a.Free(x, 0x3000)); // double free
        Assert.Equal(1, a.AllocatedRanges);
    }

    [Fact]
    public void Reserve_RefusesOverlapsAndRangesOutsideTheSpace()
    {
        var a = new IovaAllocator(0x1000, 0x100000);
        Assert.True(a.Reserve(0x10000, 0x2000));
        Assert.False(a.Reserve(0x11000, 0x1000));
        Assert.False(a.Reserve(0xF000, 0x1001)); // rounds up into 0x10000
        Assert.False(a.Reserve(0xFF000, 0x2000)); // past the end
        Assert.False(a.Reserve(0x1000, 0));
        Assert.True(a.Reserve(0xF800, 0x100)); // widened to the granule [0xF000, 0x10000)
        Assert.True(a.IsAllocated(0xF000));
        uint x = a.Alloc(0x1000, 0);
        Assert.False(a.Reserve(x, 0x1000));
        Assert.True(a.Free(x, 0x1000)); // cached
        Assert.False(a.Reserve(x, 0x1000)); // cached space is still held
        a.Flush();
        Assert.True(a.Reserve(x, 0x1000));
        Assert.Equal(3, a.AllocatedRanges);
        Assert.NotEqual(x, a.Alloc(0x1000, 0));
    }

    [Fact]
    public void AnAllocOfTheFreedSize_HitsTheCacheAndReturnsTheJustFreedAddress()
    {
        var a = new IovaAllocator(0x1000, 0x100000);
        uint x = a.Alloc(0x4000, 0);
        uint y = a.Alloc(0x4000, 0);
        Assert.Equal((0x1000u, 0x5000u), (x, y));
        Assert.Equal(2, a.CacheMisses);
        uint free = a.FreeBytes;
        Assert.True(a.Free(x, 0x4000));
        Assert.True(a.Free(y, 0x4000));
        Assert.Equal(2, a.CachedRanges);
        Assert.Equal(0, a.AllocatedRanges);
        Assert.False(a.IsAllocated(y));
        Assert.Equal(free, a.FreeBytes); // still held
        Assert.Equal(y, a.Alloc(0x4000, 0)); // LIFO, not the first fit 0x1000
        Assert.Equal(1, a.CacheHits);
        Assert.True(a.IsAllocated(y));
        Assert.Equal(0x10000u, a.Alloc(0x4000, 0x8000)); // cached 0x1000 is not 0x8000 aligned: miss
        Assert.Equal(3, a.CacheMisses);
        Assert.Equal(x, a.Alloc(0x3001, 0)); // same rounded size: hit
        Assert.Equal(2, a.CacheHits);
        Assert.Equal(0, a.CachedRanges);
    }

    [Fact]
    public void SizesThatAreNotCacheable_GoStraightBack()
    {
        var a = new IovaAllocator(0x1000, 0x1000000);
        uint x = a.Alloc(0x3000, 0); // 3 granules: not a power of two
        uint y = a.Alloc(0x40000, 0); // 64 granules: above the cap
        Assert.True(a.Free(x, 0x3000));
        Assert.True(a.Free(y, 0x40000));
        Assert.Equal(0, a.CachedRanges);
        Assert.Equal(0, a.CacheHits + a.CacheMisses);
        Assert.Equal(0xFFF000u, a.FreeBytes);
    }

    [Fact]
    public void AFullBucket_ReturnsFurtherFreesToTheTree()
    {
        var a = new IovaAllocator(0x1000, 0x1000000);
        var xs = new uint[IovaAllocator.CacheDepth + 1];
        for (int i = 0; i < xs.Length; i++)
            xs[i] = a.Alloc(0x1000, 0);
        foreach (uint x in xs)
            Assert.True(a.Free(x, 0x1000));
        Assert.Equal(IovaAllocator.CacheDepth, a.CachedRanges);
        Assert.Equal(0x1000000u - 0x1000u - IovaAllocator.CacheDepth * 0x1000u, a.FreeBytes);
    }

    [Fact]
    public void Flush_ReturnsCachedRangesSoALargerAllocationFits()
    {
        var a = new IovaAllocator(0x1000, 0x11000);
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x1000u + i * 0x1000, a.Alloc(0x1000, 0));
        for (uint i = 0; i < 16; i++)
            Assert.True(a.Free(0x1000u + i * 0x1000, 0x1000));
        Assert.Equal(16, a.CachedRanges);
        Assert.Equal(0u, a.FreeBytes);
        a.Flush();
        Assert.Equal(0, a.CachedRanges);
        Assert.Equal(0x10000u, a.FreeBytes);
        Assert.Equal(0x1000u, a.Alloc(0x10000, 0));
        Assert.Equal(0u, a.FreeBytes);
    }

    [Fact]
    public void AFailingAlloc_FlushesTheCacheAndRetries()
    {
        var a = new IovaAllocator(0x1000, 0x11000);
        for (uint i = 0; i < 16; i++)
            a.Alloc(0x1000, 0);
        for (uint i = 0; i < 16; i++)
            a.Free(0x1000u + i * 0x1000, 0x1000);
        Assert.Equal(0x8000u, a.Alloc(0x8000, 0x8000)); // 8 granules: cacheable size, miss, no gap, flush, retry
        Assert.Equal(0, a.CachedRanges);
        Assert.Equal(0x8000u, a.FreeBytes);
    }

    [Fact]
    public void SteadyStateAllocAndFree_AllocateNoManagedMemory()
    {
        var a = new IovaAllocator(0x1000, 0x1000_0000, 0x1000, IovaFitPolicy.BestFit);
        var held = new uint[64];
        var heldSize = new uint[64];
        uint[] sizes = [0x1000, 0x2000, 0x3000, 0x8000, 0x20000, 0x50000];
        for (int i = 0; i < 64 * 6 * 8; i++) // warm-up: arrays at their high-water mark, cache warm, JIT done
        {
            int slot = i % held.Length;
            if (held[slot] != 0)
                Assert.True(a.Free(held[slot], heldSize[slot]));
            heldSize[slot] = sizes[i % sizes.Length];
            held[slot] = a.Alloc(heldSize[slot], (i & 1) == 0 ? 0 : 0x10000u);
            Assert.NotEqual(0u, held[slot]);
        }
        for (int i = 0; i < 100; i++)
        {
            a.Free(a.Alloc(0x4000, 0), 0x4000);
            a.Free(a.Alloc(0x3000, 0x4000), 0x3000);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            uint x = a.Alloc(0x4000, 0);
            a.Free(x, 0x4000);
            uint y = a.Alloc(0x3000, 0x4000); // tree path too
            a.Free(y, 0x3000);
        }
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0L, after - before);
        Assert.True(a.CacheHits >= 10_000);
    }
}
