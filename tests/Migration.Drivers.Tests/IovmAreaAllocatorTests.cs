using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Drivers.Omap.IovmFlags;

namespace Migration.Drivers.Tests;

/// <summary>alloc_iovm_area / free_iovm_area / __find_iovm_area (omap.md §5.4, §8.11, §8.12).</summary>
public class IovmAreaAllocatorTests
{
    private static IovmArea Ok(ErrPtr<IovmArea> p)
    {
        Assert.False(p.IsErr, $"expected an area, got {p}");
        Assert.NotNull(p.Value);
        return p.Value;
    }

    private static void AssertErr(int errno, ErrPtr<IovmArea> p)
    {
        Assert.True(p.IsErr, $"expected {Errno.Describe(errno)}, got {p}");
        Assert.Equal(errno, p.PtrErr);
    }

    private static ErrPtr<IovmArea> Alloc(OmapTestRig rig, uint da, uint bytes, uint flags) =>
        IovmAreaAllocator.Alloc(rig.Instance, da, bytes, flags);

    private static (uint, uint)[] Areas(OmapTestRig rig) =>
        rig.Instance.Mmap.Select(a => (a.DaStart, a.DaEnd)).ToArray();

    private static void AssertAscending(OmapTestRig rig)
    {
        for (int i = 1; i < rig.Instance.Mmap.Count; i++)
            Assert.True(rig.Instance.Mmap[i - 1].DaEnd <= rig.Instance.Mmap[i].DaStart, $"list not ascending at {i}: {string.Join(", ", rig.Instance.Mmap)}");
    }

    private static OmapTestRig RigWithArea(uint start, uint end)
    {
        var rig = new OmapTestRig();
        Ok(Alloc(rig, start, end - start, IOVMF_DA_FIXED));
        return rig;
    }

    [Fact]
    public void IspRange_Is0ToFFFFF000()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0u, rig.Instance.DaStart);
        Assert.Equal(0xFFFFF000u, rig.Instance.DaEnd);
    }

    [Fact]
    public void WorkedExampleAnonymousSequence_PlacesEachAreaAsTheReferenceSays()
    {
        var rig = new OmapTestRig();
        IovmArea a = Ok(Alloc(rig, 0, 0x3000, 0));
        IovmArea b = Ok(Alloc(rig, 0, 0x1000, 0));
        IovmArea c = Ok(Alloc(rig, 0, 0x10000, IOVMF_LINEAR));
        IovmArea d = Ok(Alloc(rig, 0, 0x200000, IOVMF_LINEAR));

        Assert.Equal((0x1000u, 0x4000u), (a.DaStart, a.DaEnd));
        Assert.Equal((0x5000u, 0x6000u), (b.DaStart, b.DaEnd));
        Assert.Equal((0x10000u, 0x20000u), (c.DaStart, c.DaEnd));
        Assert.Equal((0x100000u, 0x300000u), (d.DaStart, d.DaEnd));
        Assert.Equal(new[] { a, b, c, d }, rig.Instance.Mmap);

        IovmAreaAllocator.Free(rig.Instance, a);
        IovmArea e = Ok(Alloc(rig, 0, 0x1000, 0));
        Assert.Equal((0x1000u, 0x2000u), (e.DaStart, e.DaEnd));
        Assert.Equal(new[] { e, b, c, d }, rig.Instance.Mmap);
        AssertAscending(rig);
    }

    [Theory]
    [InlineData(0x20000u, 0x1000u)]
    [InlineData(0xF000u, 0x1000u)]
    [InlineData(0x0u, 0x1000u)]
    [InlineData(0x0u, 0x10000u)]
    [InlineData(0x30000u, 0x10000u)]
    public void Fixed_NextToExistingArea_IsAccepted(uint da, uint bytes)
    {
        OmapTestRig rig = RigWithArea(0x10000, 0x20000);
        IovmArea area = Ok(Alloc(rig, da, bytes, IOVMF_DA_FIXED));
        Assert.Equal(da, area.DaStart);
        Assert.Equal(da + bytes, area.DaEnd);
        Assert.Equal(2, rig.Instance.Mmap.Count);
        AssertAscending(rig);
    }

    [Theory]
    [InlineData(0xF000u, 0x2000u)]
    [InlineData(0x18000u, 0x1000u)]
    [InlineData(0x10000u, 0x1000u)]
    [InlineData(0x1F000u, 0x1000u)]
    [InlineData(0x0u, 0x30000u)]
    public void Fixed_OverlappingExistingArea_IsEINVAL(uint da, uint bytes)
    {
        OmapTestRig rig = RigWithArea(0x10000, 0x20000);
        AssertErr(-Errno.EINVAL, Alloc(rig, da, bytes, IOVMF_DA_FIXED));
        Assert.Equal(new[] { (0x10000u, 0x20000u) }, Areas(rig));
    }

    [Fact]
    public void Anonymous_LeavesGuardPageAfterAreaPassedOver()
    {
        OmapTestRig rig = RigWithArea(0x1000, 0x2000);
        IovmArea a = Ok(Alloc(rig, 0, 0x1000, 0));
        Assert.Equal(0x3000u, a.DaStart);
        IovmArea b = Ok(Alloc(rig, 0, 0x1000, 0));
        Assert.Equal(0x5000u, b.DaStart);
        Assert.Null(IovmAreaAllocator.Find(rig.Instance, 0x2000));
        Assert.Null(IovmAreaAllocator.Find(rig.Instance, 0x4000));
    }

    [Fact]
    public void Anonymous_NeedsNoGuardBeforeFollowingArea()
    {
        OmapTestRig rig = RigWithArea(0x3000, 0x4000);
        IovmArea a = Ok(Alloc(rig, 0, 0x2000, 0));
        Assert.Equal((0x1000u, 0x3000u), (a.DaStart, a.DaEnd));
        Assert.Equal(new[] { (0x1000u, 0x3000u), (0x3000u, 0x4000u) }, Areas(rig));
    }

    [Fact]
    public void Anonymous_SkipsHoleTooSmallAndUsesFirstFit()
    {
        OmapTestRig rig = new();
        Ok(Alloc(rig, 0x3000, 0x1000, IOVMF_DA_FIXED));
        Ok(Alloc(rig, 0x8000, 0x1000, IOVMF_DA_FIXED));
        // Hole [0x1000, 0x3000) too small for 0x3000; after 0x3000-area start = 0x5000, fits before 0x8000.
        IovmArea a = Ok(Alloc(rig, 0, 0x3000, 0));
        Assert.Equal(0x5000u, a.DaStart);
        IovmArea b = Ok(Alloc(rig, 0, 0x2000, 0));
        Assert.Equal(0x1000u, b.DaStart);
        Assert.Equal(new[] { (0x1000u, 0x3000u), (0x3000u, 0x4000u), (0x5000u, 0x8000u), (0x8000u, 0x9000u) }, Areas(rig));
        AssertAscending(rig);
    }

    [Fact]
    public void LinearAlignment_IsIopgszMaxOfBytes()
    {
        OmapTestRig rig = new();
        IovmArea a = Ok(Alloc(rig, 0, 0x1800000, IOVMF_LINEAR)); // 24M -> 16M alignment
        Assert.Equal(0x1000000u, a.DaStart);
        IovmArea b = Ok(Alloc(rig, 0, 0x30000, IOVMF_LINEAR)); // 192K -> 64K alignment, before the 16M area
        Assert.Equal(0x10000u, b.DaStart);
        IovmArea c = Ok(Alloc(rig, 0, 0x100000, IOVMF_LINEAR)); // 1M alignment: fits between b and the 16M area
        Assert.Equal(0x100000u, c.DaStart);
        AssertAscending(rig);
    }

    [Fact]
    public void LinearBelow4K_DividesByZeroAndCanReturnAddress0()
    {
        OmapTestRig rig = new();
        ErrPtr<IovmArea> p = IovmAreaAllocator.Alloc(rig.Instance, 0, 0x800, IOVMF_LINEAR, out bool div0);
        Assert.True(div0);
        IovmArea a = Ok(p);
        Assert.Equal((0x0u, 0x800u), (a.DaStart, a.DaEnd));
    }

    [Fact]
    public void NonZeroDaWithoutFixedFlag_IsIgnored()
    {
        OmapTestRig rig = new();
        IovmArea a = Ok(Alloc(rig, 0x40000000, 0x1000, 0));
        Assert.Equal(0x1000u, a.DaStart);
        IovmArea b = Ok(Alloc(rig, 0x40000000, 0x1000, IOVMF_DA_ANON));
        Assert.Equal(0x3000u, b.DaStart);
    }

    [Fact]
    public void Fixed_WithDa0_IsAllowed()
    {
        OmapTestRig rig = new();
        IovmArea a = Ok(Alloc(rig, 0, 0x1000, IOVMF_DA_FIXED));
        Assert.Equal((0x0u, 0x1000u), (a.DaStart, a.DaEnd));
    }

    [Fact]
    public void Flags_AreStoredAsGiven()
    {
        OmapTestRig rig = new();
        uint flags = IOVMF_DA_FIXED | IOVMF_DISCONT | IOVMF_MMIO | IOVMF_ENDIAN_BIG;
        IovmArea a = Ok(Alloc(rig, 0x100000, 0x1000, flags));
        Assert.Equal(flags, a.Flags);
        Assert.Same(rig.Instance, a.Iommu);
        Assert.Equal(0x1000u, a.Length);
    }

    [Theory]
    [InlineData(0xFFFFF000u, 0x1000u)] // da_end - start = 0 < bytes
    [InlineData(0xFFFFE000u, 0x2000u)] // ends past da_end
    [InlineData(0xFFFFF800u, 0x100u)]  // start > da_end
    public void Fixed_OutsideIspRange_IsEINVAL(uint da, uint bytes)
    {
        OmapTestRig rig = new();
        AssertErr(-Errno.EINVAL, Alloc(rig, da, bytes, IOVMF_DA_FIXED));
        Assert.Empty(rig.Instance.Mmap);
    }

    [Fact]
    public void Fixed_EndingExactlyAtDaEnd_IsAccepted()
    {
        OmapTestRig rig = new();
        IovmArea a = Ok(Alloc(rig, 0xFFFFE000, 0x1000, IOVMF_DA_FIXED));
        Assert.Equal(0xFFFFF000u, a.DaEnd);
    }

    [Fact]
    public void Fixed_BelowDaStart_IsEINVALAndAnonymousStartsAtDaStart()
    {
        var rig = new OmapTestRig(config: OmapMmuConfig.Iva2);
        Assert.Equal(0x11000000u, rig.Instance.DaStart);
        AssertErr(-Errno.EINVAL, Alloc(rig, 0x10FFF000, 0x1000, IOVMF_DA_FIXED));
        Assert.Equal(0x11000000u, Ok(Alloc(rig, 0x11000000, 0x1000, IOVMF_DA_FIXED)).DaStart);
        Assert.Equal(0x11002000u, Ok(Alloc(rig, 0, 0x1000, 0)).DaStart);
    }

    [Fact]
    public void Anonymous_OnEmptyListWithDaStartSet_StartsThere()
    {
        var rig = new OmapTestRig();
        rig.Instance.DaStart = 0x20000000;
        Assert.Equal(0x20000000u, Ok(Alloc(rig, 0, 0x1000, 0)).DaStart);
    }

    [Fact]
    public void Exhaustion_IsEINVAL()
    {
        OmapTestRig rig = RigWithArea(0x1000, 0x2000);
        AssertErr(-Errno.EINVAL, Alloc(rig, 0, 0xFFFFE000, 0));
        Assert.Single(rig.Instance.Mmap);
    }

    [Fact]
    public void Exhaustion_AfterAreaReachingDaEnd_IsEINVAL()
    {
        OmapTestRig rig = RigWithArea(0x1000, 0xFFFFF000);
        AssertErr(-Errno.EINVAL, Alloc(rig, 0, 0x1000, 0));
        Assert.Single(rig.Instance.Mmap);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(IOVMF_DA_FIXED)]
    [InlineData(IOVMF_LINEAR)]
    public void ZeroBytes_IsEINVAL(uint flags)
    {
        OmapTestRig rig = new();
        AssertErr(-Errno.EINVAL, Alloc(rig, 0x1000, 0, flags));
        Assert.Empty(rig.Instance.Mmap);
    }

    [Fact]
    public void NullObject_IsEINVAL()
    {
        ErrPtr<IovmArea> p = IovmAreaAllocator.Alloc(null, 0, 0x1000, 0);
        AssertErr(-22, p);
    }

    [Fact]
    public void DescriptorAllocationFailure_IsENOMEMWithListUnchanged()
    {
        OmapTestRig rig = new();
        IovmArea a = Ok(Alloc(rig, 0, 0x1000, 0));
        rig.Instance.KernelMemory.KzallocFaults.FailAt(1);
        AssertErr(-Errno.ENOMEM, Alloc(rig, 0, 0x1000, 0));
        Assert.Equal(new[] { a }, rig.Instance.Mmap);
        Assert.Equal(0x3000u, Ok(Alloc(rig, 0, 0x1000, 0)).DaStart);
    }

    [Fact]
    public void List_StaysAscendingThroughMixedAllocationsAndFrees()
    {
        OmapTestRig rig = new();
        var live = new List<IovmArea>
        {
            Ok(Alloc(rig, 0x00800000, 0x4000, IOVMF_DA_FIXED)),
            Ok(Alloc(rig, 0, 0x2000, 0)),
            Ok(Alloc(rig, 0x00400000, 0x1000, IOVMF_DA_FIXED)),
            Ok(Alloc(rig, 0, 0x100000, IOVMF_LINEAR)),
            Ok(Alloc(rig, 0, 0x3000, 0)),
        };
        AssertAscending(rig);
        IovmAreaAllocator.Free(rig.Instance, live[1]);
        IovmAreaAllocator.Free(rig.Instance, live[3]);
        AssertAscending(rig);
        Ok(Alloc(rig, 0, 0x1000, 0));
        Ok(Alloc(rig, 0, 0x10000, IOVMF_LINEAR));
        Ok(Alloc(rig, 0x00000000, 0x1000, IOVMF_DA_FIXED));
        AssertAscending(rig);
        Assert.Equal(
            new[] { (0x0u, 0x1000u), (0x1000u, 0x2000u), (0x4000u, 0x7000u), (0x10000u, 0x20000u), (0x400000u, 0x401000u), (0x800000u, 0x804000u) },
            Areas(rig));
    }

    [Fact]
    public void Find_UsesHalfOpenInterval()
    {
        OmapTestRig rig = RigWithArea(0x10000, 0x20000);
        IovmArea a = rig.Instance.Mmap[0];
        Assert.Same(a, IovmAreaAllocator.Find(rig.Instance, 0x10000));
        Assert.Same(a, IovmAreaAllocator.Find(rig.Instance, 0x1FFFF));
        Assert.Null(IovmAreaAllocator.Find(rig.Instance, 0x20000));
        Assert.Null(IovmAreaAllocator.Find(rig.Instance, 0xFFFF));
        Assert.True(a.Contains(0x18000));
        Assert.False(a.Contains(0x20000));
    }

    [Fact]
    public void Free_UnlinksAndNullIsAKernelBug()
    {
        OmapTestRig rig = RigWithArea(0x10000, 0x20000);
        IovmArea a = rig.Instance.Mmap[0];
        IovmAreaAllocator.Free(rig.Instance, a);
        Assert.Empty(rig.Instance.Mmap);
        Assert.Null(IovmAreaAllocator.Find(rig.Instance, 0x10000));
        Assert.Throws<KernelBugException>(() => IovmAreaAllocator.Free(rig.Instance, null));
        Assert.Throws<KernelBugException>(() => IovmAreaAllocator.Free(null, a));
    }
}
