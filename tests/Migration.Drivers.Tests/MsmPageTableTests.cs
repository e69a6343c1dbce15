using Migration.Drivers.Msm;
using Migration.Hardware.Memory;

namespace Migration.Drivers.Tests;

/// <summary>The shared MSM page-table body (msm.md §3, §5.5-§5.8) with exact descriptor words.</summary>
public class MsmPageTableTests
{
    private readonly PhysicalMemory _memory = new(0xa5a5a5a5);
    private readonly PhysicalPageAllocator _pages;
    private readonly MsmPageTable _table;

    public MsmPageTableTests()
    {
        _pages = new PhysicalPageAllocator(_memory, 0x80000000, 0x800000);
        _table = new MsmPageTable(_pages, _pages.AllocPages(3, zero: true));
    }

    private uint Sl(uint va) => _memory.ReadWord((_table.ReadFl(va >> 20) & 0xFFFFFC00) + (((va >> 12) & 0xFF) << 2));

    [Theory]
    [InlineData(0, 0xC36u)]
    [InlineData(1, 0xC7Eu)]
    [InlineData(2, 0xC3Eu)]
    [InlineData(3, 0xC3Au)]
    [InlineData(4, 0xC36u)] // MSM_IOMMU_ATTR_SH: S is always set anyway
    [InlineData(7, 0xC3Au)]
    public void Map4K_WritesTheMainlineSmallPageDescriptor(int prot, uint lowBits)
    {
        Assert.Equal(0, _table.Map(0x10000000, 0x8A345000, MsmPageTableFormat.SZ_4K, prot, MsmTexClasses.Default));
        Assert.Equal(0x8A345000u | lowBits, Sl(0x10000000));
        Assert.Equal(1u, _table.ReadFl(0x100) & 0x3FF);
    }

    [Theory]
    [InlineData(0, 0x30C06u)]
    [InlineData(1, 0x31C0Eu)]
    [InlineData(2, 0x30C0Eu)]
    [InlineData(3, 0x30C0Au)]
    public void Map1M_WritesTheMainlineSectionDescriptor(int prot, uint lowBits)
    {
        Assert.Equal(0, _table.Map(0x20000000, 0x40000000, MsmPageTableFormat.SZ_1M, prot, MsmTexClasses.Default));
        Assert.Equal(0x40000000u | lowBits, _table.ReadFl(0x200));
    }

    [Fact]
    public void Map16M_WritesSixteenSupersectionReplicas()
    {
        Assert.Equal(0, _table.Map(0x21000000, 0x41000000, MsmPageTableFormat.SZ_16M, 1, MsmTexClasses.Default));
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x41071C0Eu, _table.ReadFl(0x210 + i)); // class 7: B, C, TEX0
        Assert.Equal(0u, _table.ReadFl(0x220));
    }

    [Fact]
    public void Map64K_WritesSixteenLargeReplicasWithTex0AtBit6()
    {
        Assert.Equal(0, _table.Map(0x30010000, 0x50010000, MsmPageTableFormat.SZ_64K, 1, MsmTexClasses.Default));
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x50010C7Du, Sl(0x30010000 + (i << 12)));
        Assert.Equal(0u, Sl(0x30020000));
    }

    [Fact]
    public void MisalignedMaps_AreNotChecked_AndUseTheDescriptorMasks()
    {
        Assert.Equal(0, _table.Map(0x30001000, 0x50003000, MsmPageTableFormat.SZ_64K, 0, MsmTexClasses.Default));
        Assert.Equal(0x50000C35u, Sl(0x30001000)); // from SL_OFFSET(va), pa masked to 64K
        Assert.Equal(0x50000C35u, Sl(0x30010000)); // the 16th replica lands past the 64K boundary
    }

    [Fact]
    public void BadLengthOrTexClass_IsEinval_AndWritesNothing()
    {
        Assert.Equal(-22, _table.Map(0x10000000, 0x80000000, 0x2000, 0, MsmTexClasses.Default));
        Assert.Equal(-22, _table.Map(0x10000000, 0x80000000, 0x1000, 0, MsmTexClasses.FromRegisters(0, 0)));
        Assert.Equal(0u, _table.ReadFl(0x100));
    }

    [Fact]
    public void SecondLevelAllocationFailure_IsEnomem()
    {
        _table.SecondLevelFaults.FailAt(1);
        Assert.Equal(-12, _table.Map(0x10000000, 0x80000000, 0x1000, 0, MsmTexClasses.Default));
        Assert.Equal(0u, _table.ReadFl(0x100));
    }

    [Fact]
    public void Unmap4K_FreesTheEmptiedTable()
    {
        _table.Map(0x10000000, 0x81000000, 0x1000, 0, MsmTexClasses.Default);
        int live = _pages.AllocatedPages;
        Assert.Equal(MsmUnmapOutcome.Cleared, _table.Unmap(0x10000000, 0x1000));
        Assert.Equal(0u, _table.ReadFl(0x100));
        Assert.Equal(live - 1, _pages.AllocatedPages);
    }

    [Fact]
    public void Unmap_EarlyExits_TouchNothing()
    {
        _table.Map(0x10000000, 0x81000000, 0x1000, 0, MsmTexClasses.Default);
        Assert.Equal(MsmUnmapOutcome.BadLength, _table.Unmap(0x10000000, 0x2000));
        Assert.Equal(MsmUnmapOutcome.FirstLevelEmpty, _table.Unmap(0x20000000, 0x1000));
        Assert.Equal(0x81000C36u, Sl(0x10000000));
    }

    [Fact]
    public void Unmap1MOverATable_ClearsTheSlotAndLeaksTheTable()
    {
        _table.Map(0x10000000, 0x81000000, 0x1000, 0, MsmTexClasses.Default);
        int live = _pages.AllocatedPages;
        Assert.Equal(MsmUnmapOutcome.Cleared, _table.Unmap(0x10000000, MsmPageTableFormat.SZ_1M));
        Assert.Equal(0u, _table.ReadFl(0x100));
        Assert.Equal(live, _pages.AllocatedPages); // §9.7: the SL page is not freed
    }

    [Fact]
    public void Map16MNearTheTop_RunsPastTheFirstLevelTable()
    {
        Assert.Equal(0, _table.Map(0xFF100000, 0x40000000, MsmPageTableFormat.SZ_16M, 0, MsmTexClasses.Default));
        Assert.Equal(0x40070C06u, _table.ReadFl(4095));
        Assert.Equal(0x40070C06u, _table.ReadFl(4096)); // the word after the 16 KiB table
    }

    [Fact]
    public void Map4KUnderASection_WritesThroughTheSectionAsAnUndefinedWrite()
    {
        _table.Map(0x03000000, 0x09000000, MsmPageTableFormat.SZ_1M, 0, MsmTexClasses.Default);
        Assert.Equal(0, _table.Map(0x03030000, 0x00001000, MsmPageTableFormat.SZ_4K, 0, MsmTexClasses.Default));
        Assert.Equal(1, _table.UndefinedWrites);
        Assert.Equal(0x00001C36u, _memory.ReadWord((0x09030C06u & 0xFFFFFC00) + (0x30u << 2)));
    }

    [Fact]
    public void Destroy_FreesTablesAndTheFirstLevel()
    {
        int before = _pages.AllocatedPages;
        _table.Map(0x10000000, 0x81000000, 0x1000, 0, MsmTexClasses.Default);
        _table.Map(0x20000000, 0x81000000, 0x1000, 0, MsmTexClasses.Default);
        _table.Destroy(3);
        Assert.Equal(0u, _table.FlTable);
        Assert.Equal(before - 8, _pages.AllocatedPages);
    }
}

/// <summary>setup_iommu_tex_classes (msm.md §3.3, §9.2).</summary>
public class MsmTexClassesTests
{
    [Fact]
    public void ArmV7Defaults_GiveClasses_1_7_3_2() =>
        Assert.Equal([1, 7, 3, 2], MsmTexClasses.Default.Slots);

    [Fact]
    public void ZeroRegisters_FindNoClass() =>
        Assert.Equal([-19, -19, -19, -19], MsmTexClasses.FromRegisters(0, 0).Slots);

    [Theory]
    [InlineData(0xff0000a8u, 0x00e000e0u, 1, -19, 3, 2)]
    [InlineData(0x01000002u, 0x00000000u, 0, -19, -19, -19)]
    public void OtherRegisters_TakeTheLowestMatchingClass(uint prrr, uint nmrr, int a, int b, int c, int d) =>
        Assert.Equal([a, b, c, d], MsmTexClasses.FromRegisters(prrr, nmrr).Slots);
}
