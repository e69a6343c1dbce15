using Migration.Hardware.Memory;

namespace Migration.Hardware.Tests;

/// <summary>The "iopte" kmem_cache: 1 KiB objects, 1 KiB aligned, zeroed, 0 on failure.</summary>
public class SlabCacheTests
{
    private static SlabCache New(out PhysicalPageAllocator pages, uint background = 0)
    {
        pages = new PhysicalPageAllocator(new PhysicalMemory(background), 0x80000000, 0x100000);
        return new SlabCache("iovmm_pte", pages, 1024);
    }

    [Fact]
    public void Constructor_ExposesNameAndSize()
    {
        SlabCache c = New(out _);
        Assert.Equal("iovmm_pte", c.Name);
        Assert.Equal(1024u, c.ObjectSize);
        Assert.Equal(0, c.LiveObjects);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(3000u)]
    [InlineData(8192u)]
    public void Constructor_SizeNotDividingPage_ThrowsArgumentException(uint size)
    {
        var pages = new PhysicalPageAllocator(new PhysicalMemory(), 0x80000000, 0x100000);
        Assert.Throws<ArgumentException>(() => new SlabCache("x", pages, size));
    }

    [Fact]
    public void ZAlloc_OneKiBObjects_Are1KiBAlignedAndCarvedFromOnePage()
    {
        SlabCache c = New(out PhysicalPageAllocator pages);
        uint[] objs = [c.ZAlloc(), c.ZAlloc(), c.ZAlloc(), c.ZAlloc()];
        Assert.Equal(new uint[] { 0x80000000, 0x80000400, 0x80000800, 0x80000C00 }, objs);
        Assert.Equal(1, pages.AllocatedPages);
        Assert.Equal(4, c.LiveObjects);
    }

    [Fact]
    public void ZAlloc_FifthObject_TakesNewPage()
    {
        SlabCache c = New(out PhysicalPageAllocator pages);
        for (int i = 0; i < 4; i++)
            c.ZAlloc();
        Assert.Equal(0x80001000u, c.ZAlloc());
        Assert.Equal(2, pages.AllocatedPages);
    }

    [Fact]
    public void ZAlloc_ObjectIsZeroedOverBackground()
    {
        SlabCache c = New(out PhysicalPageAllocator pages, background: 0xA5A5A5A5);
        uint pa = c.ZAlloc();
        Assert.Equal(0u, pages.Memory.ReadWord(pa));
        Assert.Equal(0u, pages.Memory.ReadWord(pa + 0x3FC));
    }

    [Fact]
    public void ZAlloc_ReusedObject_IsZeroedAgain()
    {
        SlabCache c = New(out PhysicalPageAllocator pages);
        uint pa = c.ZAlloc();
        pages.Memory.Fill(pa, 1024, 0xDEADBEEF);
        c.Free(pa);
        Assert.Equal(pa, c.ZAlloc());
        Assert.Equal(0u, pages.Memory.ReadWord(pa + 0x200));
    }

    [Fact]
    public void ZAlloc_FailAt_MakesExactlyThatCallReturnZero()
    {
        SlabCache c = New(out _);
        c.Faults.FailAt(3);
        Assert.Equal(0x80000000u, c.ZAlloc());
        Assert.Equal(0x80000400u, c.ZAlloc());
        Assert.Equal(0u, c.ZAlloc());
        Assert.Equal(0x80000800u, c.ZAlloc());
        Assert.Equal(3, c.LiveObjects);
    }

    [Fact]
    public void ZAlloc_PageAllocatorExhausted_ReturnsZero()
    {
        var pages = new PhysicalPageAllocator(new PhysicalMemory(), 0x80000000, 0x1000);
        var c = new SlabCache("iovmm_pte", pages, 1024);
        for (int i = 0; i < 4; i++)
            Assert.NotEqual(0u, c.ZAlloc());
        Assert.Equal(0u, c.ZAlloc());
        Assert.Equal(4, c.LiveObjects);
    }

    [Fact]
    public void Free_NotLive_ThrowsInvalidOperation()
    {
        SlabCache c = New(out _);
        uint pa = c.ZAlloc();
        c.Free(pa);
        Assert.Throws<InvalidOperationException>(() => c.Free(pa));
        Assert.Throws<InvalidOperationException>(() => c.Free(0x80000400));
    }

    [Fact]
    public void IsLive_TracksObjectStartsOnly()
    {
        SlabCache c = New(out _);
        uint pa = c.ZAlloc();
        Assert.True(c.IsLive(pa));
        Assert.False(c.IsLive(pa + 4));
        c.Free(pa);
        Assert.False(c.IsLive(pa));
        Assert.Equal(0, c.LiveObjects);
    }

    [Fact]
    public void Destroy_ReturnsEveryPage_AndRefusesWhileObjectsAreLive()
    {
        SlabCache c = New(out PhysicalPageAllocator pages);
        uint[] objs = [.. Enumerable.Range(0, 5).Select(_ => c.ZAlloc())];
        Assert.Equal((2, 2), (c.SlabPages, pages.AllocatedPages));
        Assert.Throws<InvalidOperationException>(c.Destroy); // kmem_cache_destroy: "Objects remaining"
        Assert.Equal(2, pages.AllocatedPages);
        foreach (uint o in objs)
            c.Free(o);
        c.Destroy();
        Assert.Equal((0, 0), (c.SlabPages, pages.AllocatedPages));
    }
}
