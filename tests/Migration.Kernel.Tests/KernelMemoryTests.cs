using Migration.Hardware.Memory;
using Migration.Kernel;

namespace Migration.Kernel.Tests;

/// <summary>Linear map, kmalloc, vmalloc, ioremap and vmap windows of the simulated kernel.</summary>
public class KernelMemoryTests
{
    private const uint Bank = 0x80000000;

    private static KernelMemory New(uint bankSize = 0x1000000) =>
        new(new PhysicalPageAllocator(new PhysicalMemory(), Bank, bankSize));

    [Fact]
    public void Constants_MatchArmLayout()
    {
        Assert.Equal(0xC0000000u, KernelMemory.PAGE_OFFSET);
        Assert.Equal(0xD0000000u, KernelMemory.VMALLOC_START);
        Assert.Equal(0xF8000000u, KernelMemory.VMALLOC_END);
        Assert.Equal(4096u, KernelMemory.PAGE_SIZE);
    }

    [Fact]
    public void Constructor_NullAllocator_Throws() => Assert.Throws<ArgumentNullException>(() => new KernelMemory(null!));

    [Fact]
    public void VirtToPhys_PageOffsetIsBankBase()
    {
        KernelMemory k = New();
        Assert.Equal(0x80000000u, k.VirtToPhys(0xC0000000));
        Assert.Equal(0x80123456u, k.VirtToPhys(0xC0123456));
    }

    [Fact]
    public void PhysToVirt_BankBaseIsPageOffset()
    {
        KernelMemory k = New();
        Assert.Equal(0xC0000000u, k.PhysToVirt(0x80000000));
        Assert.Equal(0xC0ABC123u, k.PhysToVirt(0x80ABC123));
    }

    [Fact]
    public void Memory_IsAllocatorMemory()
    {
        var pages = new PhysicalPageAllocator(new PhysicalMemory(), Bank, 0x100000);
        var k = new KernelMemory(pages);
        Assert.Same(pages, k.Pages);
        Assert.Same(pages.Memory, k.Memory);
    }

    [Theory]
    [InlineData(0u, 0)]
    [InlineData(1u, 0)]
    [InlineData(4096u, 0)]
    [InlineData(4097u, 1)]
    [InlineData(16384u, 2)]
    [InlineData(0x100000u, 8)]
    [InlineData(0x1000000u, 12)]
    public void GetOrder_IsSmallestCoveringOrder(uint bytes, int order) => Assert.Equal(order, KernelMemory.GetOrder(bytes));

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(1u, 0x1000u)]
    [InlineData(0x1000u, 0x1000u)]
    [InlineData(0x1001u, 0x2000u)]
    [InlineData(0xFFFFFFFFu, 0u)]
    public void PageAlign_RoundsUpInU32(uint bytes, uint expected) => Assert.Equal(expected, KernelMemory.PageAlign(bytes));

    [Fact]
    public void Kmalloc_ReturnsLinearMapAddressOfAlignedBlock()
    {
        KernelMemory k = New();
        k.Pages.AllocPages(0, zero: false); // frame 0 busy
        uint va = k.Kmalloc(5000);          // order 1 -> 8 KiB aligned
        Assert.Equal(0xC0002000u, va);
        Assert.Equal(0x80002000u, k.VirtToPhys(va));
        Assert.Equal(1, k.KmallocCount);
        Assert.Equal(3, k.Pages.AllocatedPages);
    }

    [Fact]
    public void Kfree_ReturnsPages()
    {
        KernelMemory k = New();
        uint va = k.Kmalloc(0x4000);
        Assert.Equal(4, k.Pages.AllocatedPages);
        k.Kfree(va);
        Assert.Equal(0, k.Pages.AllocatedPages);
        Assert.Equal(0, k.KmallocCount);
    }

    [Fact]
    public void Kfree_Null_DoesNothing()
    {
        KernelMemory k = New();
        k.Kmalloc(0x1000);
        k.Kfree(0);
        Assert.Equal(1, k.KmallocCount);
    }

    [Fact]
    public void Kfree_UnknownAddress_ThrowsInvalidOperation()
    {
        KernelMemory k = New();
        uint va = k.Kmalloc(0x1000);
        Assert.Throws<InvalidOperationException>(() => k.Kfree(va + 0x1000));
        k.Kfree(va);
        Assert.Throws<InvalidOperationException>(() => k.Kfree(va));
    }

    [Fact]
    public void Kmalloc_InjectedFailure_ReturnsZero()
    {
        KernelMemory k = New();
        k.KzallocFaults.FailAt(1);
        Assert.Equal(0u, k.Kmalloc(0x1000));
        Assert.Equal(0, k.KmallocCount);
        Assert.Equal(0, k.Pages.AllocatedPages);
    }

    [Fact]
    public void Kmalloc_PageAllocatorFailure_ReturnsZero()
    {
        KernelMemory k = New();
        k.Pages.Faults.FailAt(1);
        Assert.Equal(0u, k.Kmalloc(0x1000));
        Assert.Equal(0, k.KmallocCount);
    }

    [Fact]
    public void TryKzalloc_FollowsInjectedFailure()
    {
        KernelMemory k = New();
        k.KzallocFaults.FailAt(2);
        Assert.True(k.TryKzalloc());
        Assert.False(k.TryKzalloc());
        Assert.True(k.TryKzalloc());
    }

    [Fact]
    public void Vmalloc_FirstArea_StartsAtVmallocStart()
    {
        KernelMemory k = New();
        uint va = k.Vmalloc(5000);
        Assert.Equal(0xD0000000u, va);
        Assert.Equal(1, k.VmAreaCount);
        Assert.Equal(2, k.Pages.AllocatedPages);
    }

    [Fact]
    public void Vmalloc_SecondArea_FollowsGuardPage()
    {
        KernelMemory k = New();
        k.Vmalloc(0x2000);
        Assert.Equal(0xD0003000u, k.Vmalloc(0x1000));
    }

    [Fact]
    public void Vmalloc_AfterFree_ReusesFirstFitHole()
    {
        KernelMemory k = New();
        uint a = k.Vmalloc(0x2000);
        k.Vmalloc(0x1000); // 0xD0003000
        k.Vfree(a);
        Assert.Equal(0xD0000000u, k.Vmalloc(0x2000));
    }

    [Fact]
    public void Vmalloc_HoleTooSmall_SkipsIt()
    {
        KernelMemory k = New();
        uint a = k.Vmalloc(0x1000);  // D0000000
        k.Vmalloc(0x1000);           // D0002000
        k.Vfree(a);
        Assert.Equal(0xD0004000u, k.Vmalloc(0x3000));
    }

    [Fact]
    public void Vmalloc_AddressesArePageAlignedInsideWindow()
    {
        KernelMemory k = New();
        for (uint i = 1; i <= 20; i++)
        {
            uint va = k.Vmalloc(i * 777);
            Assert.Equal(0u, va & 0xFFFu);
            Assert.InRange(va, KernelMemory.VMALLOC_START, KernelMemory.VMALLOC_END - 1);
        }
    }

    [Fact]
    public void VmallocToPhys_ReturnsPageBaseOfEachPage()
    {
        KernelMemory k = New();
        uint va = k.Vmalloc(0x2000);
        Assert.Equal(0x80000000u, k.VmallocToPhys(va));
        Assert.Equal(0x80001000u, k.VmallocToPhys(va + 0x1234));
    }

    [Fact]
    public void VmallocToPhys_NotVmallocAddress_IsZero()
    {
        KernelMemory k = New();
        uint io = k.Ioremap(0x480BD400, 0x100);
        Assert.Equal(0u, k.VmallocToPhys(io));
        Assert.Equal(0u, k.VmallocToPhys(0xD0100000));
    }

    [Fact]
    public void Vmalloc_Zero_ReturnsZero() => Assert.Equal(0u, New().Vmalloc(0));

    [Fact]
    public void Vmalloc_InjectedFailure_ReturnsZeroWithoutAllocatingPages()
    {
        KernelMemory k = New();
        k.VmallocFaults.FailAt(1);
        Assert.Equal(0u, k.Vmalloc(0x1000));
        Assert.Equal(0, k.Pages.Faults.Calls);
        Assert.Equal(0, k.VmAreaCount);
    }

    [Fact]
    public void Vmalloc_PageFailureMidway_FreesAllocatedPages()
    {
        KernelMemory k = New();
        k.Pages.Faults.FailAt(2);
        Assert.Equal(0u, k.Vmalloc(0x3000));
        Assert.Equal(0, k.Pages.AllocatedPages);
        Assert.Equal(0, k.VmAreaCount);
    }

    [Fact]
    public void Vfree_ReturnsPagesAndArea()
    {
        KernelMemory k = New();
        uint va = k.Vmalloc(0x3000);
        k.Vfree(va);
        Assert.Equal(0, k.Pages.AllocatedPages);
        Assert.Equal(0, k.VmAreaCount);
        Assert.False(k.TryTranslate(va, out _));
    }

    [Fact]
    public void Vfree_Null_DoesNothing()
    {
        KernelMemory k = New();
        k.Vmalloc(0x1000);
        k.Vfree(0);
        Assert.Equal(1, k.VmAreaCount);
    }

    [Fact]
    public void Vfree_InteriorAddress_ThrowsInvalidOperation()
    {
        KernelMemory k = New();
        uint va = k.Vmalloc(0x2000);
        Assert.Throws<InvalidOperationException>(() => k.Vfree(va + 0x1000));
    }

    [Fact]
    public void Ioremap_KeepsSubPageOffset()
    {
        KernelMemory k = New();
        uint va = k.Ioremap(0x480BD404, 0x100);
        Assert.Equal(0xD0000404u, va);
        Assert.True(k.TryTranslate(va, out uint pa));
        Assert.Equal(0x480BD404u, pa);
        Assert.True(k.TryTranslate(va + 0x10, out pa));
        Assert.Equal(0x480BD414u, pa);
    }

    [Fact]
    public void Ioremap_SpanningPages_CoversWholeRangeThenGuard()
    {
        KernelMemory k = New();
        uint va = k.Ioremap(0x480BDF00, 0x200); // two pages
        Assert.Equal(0xD0000F00u, va);
        Assert.True(k.TryTranslate(va + 0x1FF, out uint pa));
        Assert.Equal(0x480BE0FFu, pa);
        Assert.Equal(0xD0003000u, k.Ioremap(0x50000000, 0x1000));
    }

    [Fact]
    public void Iounmap_AcceptsOffsetAddress()
    {
        KernelMemory k = New();
        uint va = k.Ioremap(0x480BD404, 0x100);
        k.Iounmap(va);
        Assert.Equal(0, k.VmAreaCount);
        Assert.False(k.TryTranslate(va, out _));
    }

    [Fact]
    public void Ioremap_InjectedFailure_ReturnsZero()
    {
        KernelMemory k = New();
        k.IoremapFaults.FailAt(1);
        Assert.Equal(0u, k.Ioremap(0x480BD400, 0x100));
        Assert.Equal(0, k.VmAreaCount);
    }

    [Fact]
    public void Ioremap_ZeroBytes_ReturnsZero() => Assert.Equal(0u, New().Ioremap(0x480BD400, 0));

    [Fact]
    public void GetVmArea_UnmappedPage_DoesNotTranslate()
    {
        KernelMemory k = New();
        uint va = k.GetVmArea(0x2000);
        Assert.Equal(0xD0000000u, va);
        Assert.False(k.TryTranslate(va, out _));
    }

    [Fact]
    public void IoremapPage_MapsPageBase()
    {
        KernelMemory k = New();
        uint va = k.GetVmArea(0x2000);
        Assert.True(k.IoremapPage(va + 0x1000, 0x80005123));
        Assert.True(k.TryTranslate(va + 0x1010, out uint pa));
        Assert.Equal(0x80005010u, pa);
        Assert.False(k.TryTranslate(va, out _));
    }

    [Fact]
    public void IoremapPage_InjectedFailure_ReturnsFalse()
    {
        KernelMemory k = New();
        uint va = k.GetVmArea(0x1000);
        k.VmapFaults.FailAt(1);
        Assert.False(k.IoremapPage(va, 0x80005000));
        Assert.False(k.TryTranslate(va, out _));
    }

    [Fact]
    public void IoremapPage_OutsideAnyArea_ThrowsInvalidOperation() =>
        Assert.Throws<InvalidOperationException>(() => New().IoremapPage(0xD0000000, 0x80000000));

    [Fact]
    public void Vunmap_RemovesArea()
    {
        KernelMemory k = New();
        uint va = k.GetVmArea(0x1000);
        k.Vunmap(va);
        Assert.Equal(0, k.VmAreaCount);
    }

    [Fact]
    public void Vunmap_OfVmallocArea_ThrowsInvalidOperation()
    {
        KernelMemory k = New();
        uint va = k.Vmalloc(0x1000);
        Assert.Throws<InvalidOperationException>(() => k.Vunmap(va));
        Assert.Equal(1, k.VmAreaCount);
    }

    [Fact]
    public void GetVmArea_WindowFull_ReturnsZero()
    {
        KernelMemory k = New();
        Assert.Equal(0xD0000000u, k.GetVmArea(KernelMemory.VMALLOC_END - KernelMemory.VMALLOC_START));
        Assert.Equal(0u, k.GetVmArea(0x1000));
    }

    [Fact]
    public void TryTranslate_LinearMap()
    {
        KernelMemory k = New(bankSize: 0x100000);
        Assert.True(k.TryTranslate(0xC0000000, out uint pa));
        Assert.Equal(0x80000000u, pa);
        Assert.True(k.TryTranslate(0xC00FFFFF, out pa));
        Assert.Equal(0x800FFFFFu, pa);
    }

    [Theory]
    [InlineData(0xC0100000u)]
    [InlineData(0xBFFFFFFFu)]
    [InlineData(0x00001000u)]
    public void TryTranslate_Unmapped_IsFalseWithZero(uint va)
    {
        KernelMemory k = New(bankSize: 0x100000);
        Assert.False(k.TryTranslate(va, out uint pa));
        Assert.Equal(0u, pa);
    }

    [Fact]
    public void TryTranslate_VmallocPagesAreDiscontiguous()
    {
        KernelMemory k = New();
        uint first = k.Pages.AllocPages(0, zero: false); // 0x80000000
        k.Pages.AllocPages(0, zero: false);              // 0x80001000 stays busy
        k.Pages.FreePages(first, 0);
        uint va = k.Vmalloc(0x2000);                     // pages 0x80000000 and 0x80002000
        Assert.True(k.TryTranslate(va + 4, out uint pa));
        Assert.Equal(0x80000004u, pa);
        Assert.True(k.TryTranslate(va + 0x1008, out pa));
        Assert.Equal(0x80002008u, pa);
        Assert.Equal(0x80002000u, k.VmallocToPhys(va + 0x1FFF));
    }

    [Fact]
    public void TryTranslate_GuardPage_IsFalse()
    {
        KernelMemory k = New();
        uint va = k.Vmalloc(0x1000);
        Assert.False(k.TryTranslate(va + 0x1000, out _));
    }
}
