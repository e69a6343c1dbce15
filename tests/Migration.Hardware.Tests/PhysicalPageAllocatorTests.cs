using Migration.Hardware.Memory;

namespace Migration.Hardware.Tests;

/// <summary>__get_free_pages model: naturally aligned first-fit blocks, zeroing, 0 on failure.</summary>
public class PhysicalPageAllocatorTests
{
    private const uint Base = 0x80000000;

    private static PhysicalPageAllocator New(uint size = 0x100000, uint background = 0) =>
        new(new PhysicalMemory(background), Base, size);

    [Fact]
    public void Constructor_ExposesBank()
    {
        var mem = new PhysicalMemory();
        var a = new PhysicalPageAllocator(mem, Base, 0x100000);
        Assert.Same(mem, a.Memory);
        Assert.Equal(Base, a.BankBase);
        Assert.Equal(0x100000u, a.BankSize);
        Assert.Equal(0, a.AllocatedPages);
        Assert.Equal(256, a.FreePageCount);
    }

    [Theory]
    [InlineData(0x80000800u, 0x100000u)]
    [InlineData(0x80000000u, 0x100800u)]
    [InlineData(0x80000000u, 0u)]
    [InlineData(0xFFF00000u, 0x200000u)]
    public void Constructor_InvalidBank_ThrowsArgumentException(uint bankBase, uint size) =>
        Assert.Throws<ArgumentException>(() => new PhysicalPageAllocator(new PhysicalMemory(), bankBase, size));

    [Fact]
    public void AllocPages_FirstPage_IsBankBase() => Assert.Equal(Base, New().AllocPages(0, zero: false));

    [Fact]
    public void AllocPages_Order2_IsNaturallyAligned16KiB()
    {
        PhysicalPageAllocator a = New();
        Assert.Equal(0x80000000u, a.AllocPages(0, zero: false));
        uint block = a.AllocPages(2, zero: false);
        Assert.Equal(0x80004000u, block);
        Assert.Equal(0u, block & 0x3FFFu);
        Assert.Equal(5, a.AllocatedPages);
    }

    [Fact]
    public void AllocPages_AfterAlignedBlock_FillsHoleFirstFit()
    {
        PhysicalPageAllocator a = New();
        a.AllocPages(0, zero: false);
        a.AllocPages(2, zero: false);
        Assert.Equal(0x80001000u, a.AllocPages(0, zero: false));
    }

    [Fact]
    public void AllocPages_Zero_ClearsPreviousContents()
    {
        PhysicalPageAllocator a = New();
        uint pa = a.AllocPages(1, zero: false);
        a.Memory.Fill(pa, 0x2000, 0xDEADBEEF);
        a.FreePages(pa, 1);
        uint again = a.AllocPages(1, zero: true);
        Assert.Equal(pa, again);
        Assert.Equal(0u, a.Memory.ReadWord(again));
        Assert.Equal(0u, a.Memory.ReadWord(again + 0x1FFC));
    }

    [Fact]
    public void AllocPages_Zero_OverridesBackgroundValue()
    {
        PhysicalPageAllocator a = New(background: 0xA5A5A5A5);
        uint pa = a.AllocPages(0, zero: true);
        Assert.Equal(0u, a.Memory.ReadWord(pa + 0x800));
    }

    [Fact]
    public void AllocPages_NoZero_KeepsPreviousContents()
    {
        PhysicalPageAllocator a = New();
        uint pa = a.AllocPages(0, zero: false);
        a.Memory.WriteWord(pa + 8, 0x12345678);
        a.FreePages(pa, 0);
        Assert.Equal(pa, a.AllocPages(0, zero: false));
        Assert.Equal(0x12345678u, a.Memory.ReadWord(pa + 8));
    }

    [Fact]
    public void AllocPages_Exhausted_ReturnsZero()
    {
        PhysicalPageAllocator a = New(size: 0x4000);
        Assert.Equal(0x80000000u, a.AllocPages(2, zero: false));
        Assert.Equal(0u, a.AllocPages(0, zero: false));
        Assert.Equal(0, a.FreePageCount);
    }

    [Fact]
    public void AllocPages_NoAlignedRunLeft_ReturnsZero()
    {
        PhysicalPageAllocator a = New(size: 0x8000);
        a.AllocPages(0, zero: false);               // frame 0
        a.AllocPages(2, zero: false);               // frames 4..7
        Assert.Equal(0u, a.AllocPages(2, zero: false)); // frames 1..3 are free but not an aligned run of 4
        Assert.Equal(3, a.FreePageCount);
    }

    [Fact]
    public void AllocPages_InjectedFailure_ReturnsZeroOnlyOnThatCall()
    {
        PhysicalPageAllocator a = New();
        a.Faults.FailAt(2);
        Assert.Equal(0x80000000u, a.AllocPages(0, zero: false));
        Assert.Equal(0u, a.AllocPages(0, zero: false));
        Assert.Equal(0x80001000u, a.AllocPages(0, zero: false));
        Assert.Equal(2, a.AllocatedPages);
        Assert.Equal(1, a.Faults.Failures);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(17)]
    public void AllocPages_OrderOutOfRange_Throws(int order) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => New().AllocPages(order, zero: false));

    [Fact]
    public void FreePages_ReturnsPagesToBank()
    {
        PhysicalPageAllocator a = New();
        uint pa = a.AllocPages(3, zero: false);
        Assert.Equal(8, a.AllocatedPages);
        Assert.True(a.IsAllocated(pa + 0x7000));
        a.FreePages(pa, 3);
        Assert.Equal(0, a.AllocatedPages);
        Assert.Equal(256, a.FreePageCount);
        Assert.False(a.IsAllocated(pa));
    }

    [Fact]
    public void FreePages_DoubleFree_ThrowsInvalidOperation()
    {
        PhysicalPageAllocator a = New();
        uint pa = a.AllocPages(0, zero: false);
        a.FreePages(pa, 0);
        Assert.Throws<InvalidOperationException>(() => a.FreePages(pa, 0));
    }

    [Fact]
    public void FreePages_MisalignedForOrder_ThrowsInvalidOperation()
    {
        PhysicalPageAllocator a = New();
        a.AllocPages(2, zero: false);
        Assert.Throws<InvalidOperationException>(() => a.FreePages(0x80001000, 2));
        Assert.Equal(4, a.AllocatedPages);
    }

    [Theory]
    [InlineData(0x7FFFF000u)]
    [InlineData(0x80100000u)]
    [InlineData(0x80000800u)]
    public void FreePages_AddressNotAPageOfBank_ThrowsInvalidOperation(uint pa) =>
        Assert.Throws<InvalidOperationException>(() => New().FreePages(pa, 0));

    [Fact]
    public void IsAllocated_OutsideBank_IsFalse()
    {
        PhysicalPageAllocator a = New();
        a.AllocPages(0, zero: false);
        Assert.True(a.IsAllocated(0x80000FFF));
        Assert.False(a.IsAllocated(0x7FFFFFFF));
        Assert.False(a.IsAllocated(0x80100000));
    }
}
