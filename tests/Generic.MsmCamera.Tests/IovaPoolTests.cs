using Generic.Iommu;

namespace Generic.MsmCamera.Tests;

/// <summary>The partitions on IovaAllocator keep genalloc's rules (msm.md §7.4, §9.14).</summary>
public class IovaPoolTests
{
    [Fact]
    public void FreedRanges_AreReusedLowestFirst_UnlikeTheAllocatorsCache()
    {
        var pool = new MsmCameraIovaPool(0x00020000, 0x80000000 - 0x00020000);
        var raw = new IovaAllocator(0x00020000, 0x80000000);
        foreach (Func<uint, uint, uint> alloc in new Func<uint, uint, uint>[] { pool.Alloc, raw.Alloc })
        {
            Assert.Equal(0x00020000u, alloc(0x2000, 0x1000));
            Assert.Equal(0x00022000u, alloc(0x2000, 0x1000));
        }
        Assert.True(pool.Free(0x00020000, 0x2000));
        Assert.True(pool.Free(0x00022000, 0x2000));
        Assert.True(raw.Free(0x00020000, 0x2000));
        Assert.True(raw.Free(0x00022000, 0x2000));
        // genalloc: the lowest free run. The cache hands back the most recently freed range of that size ...
        Assert.Equal(0x00020000u, pool.Alloc(0x2000, 0x1000));
        Assert.Equal(0x00022000u, raw.Alloc(0x2000, 0x1000));
        // ... and keeps a cached range out of reach of other sizes.
        Assert.Equal(0x00022000u, pool.Alloc(0x1000, 0x1000));
        Assert.Equal(0x00024000u, raw.Alloc(0x1000, 0x1000));
    }

    [Fact]
    public void Alignment_IsTheFloorPowerOfTwoOnTheAbsoluteAddress()
    {
        var pool = new MsmCameraIovaPool(0x00020000, 0x80000000 - 0x00020000);
        Assert.Equal(0x00020000u, pool.Alloc(0x1000, 0));
        Assert.Equal(0x00022000u, pool.Alloc(0x1000, 0x3000));   // ilog2(0x3000) → 8K
        Assert.Equal(0x00021000u, pool.Alloc(0x1000, 0x800));    // below the granule → 4K: the hole below 0x22000
        Assert.Equal(0x00100000u, pool.Alloc(0x1000, 0x100000));
        Assert.Equal(0x00023000u, pool.Alloc(0x1800, 0x1000));   // rounded up to 2 granules
        Assert.Equal(0x00025000u, pool.Alloc(0x1000, 0x1000));
    }

    [Fact]
    public void Failures_AreZero()
    {
        var fw = new MsmCameraIovaPool(0x00020000, 0x01000000 - 0x00020000);
        Assert.Equal(0u, fw.Alloc(0, 0x1000));
        Assert.Equal(0u, fw.Alloc(0x01000000, 0x1000));
        Assert.Equal(0x00020000u, fw.Alloc(0x00FE0000, 0x1000));
        Assert.Equal(0u, fw.Alloc(0x1000, 0x1000));
        Assert.False(fw.Free(0x00030000, 0x1000));
    }
}
