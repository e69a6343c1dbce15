using Migration.Kernel;

namespace Generic.IoPgtable.Tests;

/// <summary>
/// arm_v7s_do_selftests (v7s.md §6) with the MSM configuration instead of ARM_NS: T1, T2, T4, T5, and in place of T3
/// (6.12 and earlier only) the 6.13+ refusal of a partial unmap of a large page, a section and a supersection.
/// Sizes in bitmap order: 4K at 0, 64K at 16M, 1M at 32M, 16M at 48M.
/// </summary>
public class ArmV7sSelfTests
{
    private const int R = IommuProt.IOMMU_READ;
    private const int W = IommuProt.IOMMU_WRITE;
    private const int Cache = IommuProt.IOMMU_CACHE;
    private const int NoExec = IommuProt.IOMMU_NOEXEC;

    public static TheoryData<uint, uint> Sizes => new()
    {
        { 0x1000, 0x00000000 },
        { 0x10000, 0x01000000 },
        { 0x100000, 0x02000000 },
        { 0x1000000, 0x03000000 },
    };

    [Fact]
    public void T1_EmptyTableTranslatesNothing()
    {
        var f = new V7sFixture();
        Assert.Equal((0u, 0u, 0u), (f.Table.IovaToPhys(42), f.Table.IovaToPhys(0x40000000 + 42), f.Table.IovaToPhys(0x80000000 + 42)));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void T2_MapThenRemapIsEexistAndTranslates(uint size, uint iova)
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(iova, iova, size, R | W | NoExec | Cache));
        string before = f.Snapshot();
        Assert.Equal(-Errno.EEXIST, f.Map(iova, iova + size, size, R | NoExec));
        Assert.Equal(before, f.Snapshot());
        Assert.Equal(iova + 42, f.Table.IovaToPhys(iova + 42));
    }

    [Fact]
    public void T2_WritesTheDescriptorWordsOfSection1_3()
    {
        var f = new V7sFixture();
        foreach ((uint size, uint iova) in new[] { (0x1000u, 0u), (0x10000u, 0x01000000u), (0x100000u, 0x02000000u), (0x1000000u, 0x03000000u) })
            Assert.Equal(0, f.Map(iova, iova, size, R | W | NoExec | Cache));
        Assert.Equal(0x00000C7Fu, f.L2(0));
        Assert.True(f.Table.L2Cache.IsLive(f.L1(0) & 0xFFFFFC00));
        Assert.Equal(0x1u, f.L1(0) & 0x3FF); // a table entry: 1 KiB table address | 01
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x01009C3Du, f.L2(0x01000000 + i * 0x1000));
        Assert.Equal(0u, f.L2(0x01010000));
        Assert.Equal(0x02031C1Eu, f.L1(0x02000000));
        for (uint slot = 48; slot < 64; slot++)
            Assert.Equal(0x03071C1Eu, f.L1(slot << 20));
        Assert.Equal(0u, f.L1(64u << 20));
    }

    [Theory]
    [InlineData(0x01000000u)] // 4K out of a 64K large page
    [InlineData(0x02000000u)] // 4K out of a section
    [InlineData(0x03000000u)] // 4K out of a supersection
    public void T3_613_PartialUnmapOfABlockReturnsZeroAndChangesNothing(uint v)
    {
        var f = new V7sFixture();
        foreach ((uint size, uint iova) in new[] { (0x1000u, 0u), (0x10000u, 0x01000000u), (0x100000u, 0x02000000u), (0x1000000u, 0x03000000u) })
            Assert.Equal(0, f.Map(iova, iova, size, R | W | NoExec | Cache));
        string before = f.Snapshot();
        f.Flush.Calls.Clear();
        Assert.Equal(0u, f.Unmap(v + 0x1000, 0x1000));
        Assert.Equal(before, f.Snapshot());
        Assert.Empty(f.Flush.Calls);
        Assert.Equal(v + 0x1000 + 42, f.Table.IovaToPhys(v + 0x1000 + 42));
        Assert.Equal(1, f.Table.WarnCount);
        Assert.Equal(0u, f.Unmap(v + 0x2000, 0x1000)); // WARN_ONCE: refused again, no second splat
        Assert.Equal(1, f.Table.WarnCount);
    }

    [Fact]
    public void T3_613_OneMegabyteOutOfASupersectionIsRefused()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(0x03000000, 0x03000000, 0x1000000, R | W));
        string before = f.Snapshot();
        Assert.Equal(0u, f.Unmap(0x03100000, 0x100000));
        Assert.Equal(before, f.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void T4_UnmapThenMapWriteOnly(uint size, uint iova)
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(iova, iova, size, R | W | NoExec | Cache));
        Assert.Equal(size, f.Unmap(iova, size));
        Assert.Equal(0u, f.Table.IovaToPhys(iova + 42));
        Assert.Equal(0, f.Map(iova, iova, size, W));
        Assert.Equal(iova + 42, f.Table.IovaToPhys(iova + 42));
    }

    [Fact]
    public void T4_WriteOnlyEncodesLikeReadWrite()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(0, 0x8A345000, 0x1000, W));
        Assert.Equal(0, f.Map(0x1000, 0x8A345000, 0x1000, R | W));
        Assert.Equal((0x8A345C72u, 0x8A345C72u), (f.L2(0), f.L2(0x1000)));
    }

    [Fact]
    public void T5_FreeFlushesAllOnceAndReturnsEveryPage()
    {
        var f = new V7sFixture();
        int pagesAtStart = f.Pages.AllocatedPages;
        foreach ((uint size, uint iova) in new[] { (0x1000u, 0u), (0x10000u, 0x01000000u), (0x100000u, 0x02000000u), (0x1000000u, 0x03000000u) })
            Assert.Equal(0, f.Map(iova, iova, size, R | W));
        Assert.Equal(0, f.Map(0x00400000, 0x1000, 0x1000, R));
        Assert.Equal(3, f.Table.L2Cache.LiveObjects); // under 0, 16M (the 64K page) and 4M
        f.Flush.Calls.Clear();
        f.Table.Free();
        Assert.Equal(["all"], f.Flush.Calls);
        Assert.Equal(0, f.Table.L2Cache.LiveObjects);
        Assert.Equal(pagesAtStart - 4, f.Pages.AllocatedPages); // the 16 KiB level-1 table went back too
        Assert.Throws<InvalidOperationException>(() => f.Table.IovaToPhys(0));
    }
}
