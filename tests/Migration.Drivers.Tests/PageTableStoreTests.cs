using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Migration.Drivers.Tests;

/// <summary>iopgtable_store_entry and the four writers (omap.md §3.2, §3.3, §3.5, §4.5, §8.1, §8.4, §8.5).</summary>
public class PageTableStoreTests
{
    private static List<(uint Pa, uint Value)> RecordWrites(OmapTestRig rig, Action action)
    {
        var observer = new SnapshotWriteObserver(() => false);
        rig.Memory.WriteObserver = observer;
        action();
        rig.Memory.WriteObserver = null;
        return observer.Writes.Select(w => (w.Pa, w.Value)).ToList();
    }

    private static void AssertIsFreshTable(OmapTestRig rig, uint da)
    {
        uint l1 = rig.L1(da);
        Assert.Equal(0x1u, l1 & 0x3FF);
        Assert.True(rig.L2Cache.IsLive(l1 & 0xFFFFFC00), $"L1 0x{l1:x8} does not point at a live L2 table");
    }

    [Fact]
    public void SmallPage_WritesOnePteAndInstallsTable()
    {
        var rig = new OmapTestRig();
        List<(uint Pa, uint Value)> writes = RecordWrites(rig, () => Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000)));

        AssertIsFreshTable(rig, 0x00001000);
        uint table = rig.L2Base(0x00001000);
        Assert.Equal(0x80123002u, rig.L2(0x00001000));
        Assert.Equal(1, rig.L2Cache.LiveObjects);
        Assert.Equal(
            new[] { (rig.L1Address(0x00001000), table | 1u), (table + 4u, 0x80123002u) },
            writes);
    }

    [Fact]
    public void SmallPageWithMisalignedPa_SilentlyDropsLowBits()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123ABC, 0x1000));
        Assert.Equal(0x80123002u, rig.L2(0x00001000));
    }

    [Fact]
    public void SmallPageWithMisalignedDa_UsesItsPageIndex()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00207ABC, 0x80123000, 0x1000));
        uint table = rig.L2Base(0x00200000);
        Assert.Equal(0x80123002u, rig.Memory.ReadWord(table + 7 * 4));
        Assert.Equal(0u, rig.Memory.ReadWord(table + 6 * 4));
        Assert.Equal(0u, rig.Memory.ReadWord(table + 8 * 4));
    }

    [Fact]
    public void SecondSmallPageInSameMegabyte_ReusesTheTable()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00401000, 0x80001000, 0x1000));
        uint l1 = rig.L1(0x00400000);
        Assert.Equal(0, rig.Store(0x004FF000, 0x80002000, 0x1000));
        Assert.Equal(l1, rig.L1(0x00400000));
        Assert.Equal(1, rig.L2Cache.LiveObjects);
        Assert.Equal(0x80001002u, rig.L2(0x00401000));
        Assert.Equal(0x80002002u, rig.L2(0x004FF000));
    }

    [Fact]
    public void LargePage_Writes16IdenticalPtesAtAlignedIndex()
    {
        var rig = new OmapTestRig();
        List<(uint Pa, uint Value)> writes = RecordWrites(rig, () => Assert.Equal(0, rig.Store(0x00250000, 0x80010000, 0x10000)));

        uint table = rig.L2Base(0x00250000);
        var expected = new List<(uint, uint)> { (rig.L1Address(0x00250000), table | 1u) };
        for (uint i = 0x50; i < 0x60; i++)
            expected.Add((table + i * 4, 0x80010001u));
        Assert.Equal(expected, writes);
        Assert.Equal(0u, rig.Memory.ReadWord(table + 0x4F * 4));
        Assert.Equal(0u, rig.Memory.ReadWord(table + 0x60 * 4));
    }

    [Fact]
    public void Section_WritesOneL1Entry()
    {
        var rig = new OmapTestRig();
        List<(uint Pa, uint Value)> writes = RecordWrites(rig, () => Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000)));
        Assert.Equal(new[] { (rig.Instance.Iopgd + 3 * 4u, 0x90000002u) }, writes);
        Assert.Equal(0x90000002u, rig.L1At(3));
        Assert.Equal(0, rig.L2Cache.LiveObjects);
    }

    [Fact]
    public void Supersection_Writes16IdenticalL1EntriesAtAlignedIndex()
    {
        var rig = new OmapTestRig();
        List<(uint Pa, uint Value)> writes = RecordWrites(rig, () => Assert.Equal(0, rig.Store(0x05000000, 0x81000000, 0x1000000)));
        var expected = new List<(uint, uint)>();
        for (uint i = 0x50; i < 0x60; i++)
            expected.Add((rig.Instance.Iopgd + i * 4, 0x81040002u));
        Assert.Equal(expected, writes);
        Assert.Equal(0u, rig.L1At(0x4F));
        Assert.Equal(0u, rig.L1At(0x60));
    }

    [Fact]
    public void SupersectionAtTopOfAddressSpace_FillsTheLast16Entries()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0xFF000000, 0xFF000000, 0x1000000));
        for (uint i = 0xFF0; i < 0x1000; i++)
            Assert.Equal(0xFF040002u, rig.L1At(i));
        Assert.Equal(0u, rig.L1At(0xFEF));
    }

    [Theory]
    [InlineData(0x00380000u, 0x90000000u)] // da not 1M aligned
    [InlineData(0x00300000u, 0x90080000u)] // pa not 1M aligned
    [InlineData(0x00301000u, 0x90000000u)]
    public void MisalignedSection_IsEINVALAndWritesNothing(uint da, uint pa)
    {
        var rig = new OmapTestRig();
        List<(uint Pa, uint Value)> writes = RecordWrites(rig, () => Assert.Equal(-Errno.EINVAL, rig.Store(da, pa, 0x100000)));
        Assert.Empty(writes);
        Assert.Equal(0u, rig.L1(da));
    }

    [Theory]
    [InlineData(0x05100000u, 0x81000000u)] // da 1M but not 16M aligned
    [InlineData(0x05000000u, 0x81100000u)] // pa 1M but not 16M aligned
    [InlineData(0x05000000u, 0x81000001u)]
    public void MisalignedSupersection_IsEINVALAndWritesNothing(uint da, uint pa)
    {
        var rig = new OmapTestRig();
        List<(uint Pa, uint Value)> writes = RecordWrites(rig, () => Assert.Equal(-22, rig.Store(da, pa, 0x1000000)));
        Assert.Empty(writes);
        for (uint i = 0x50; i < 0x60; i++)
            Assert.Equal(0u, rig.L1At(i));
    }

    [Theory]
    [InlineData(0x00258000u, 0x80010000u)] // da not 64K aligned
    [InlineData(0x00250000u, 0x80018000u)] // pa not 64K aligned
    public void MisalignedLargePage_IsEINVALButLeavesEmptyTableInstalled(uint da, uint pa)
    {
        var rig = new OmapTestRig();
        Assert.Equal(-Errno.EINVAL, rig.Store(da, pa, 0x10000));
        AssertIsFreshTable(rig, da);
        Assert.Equal(1, rig.L2Cache.LiveObjects);
        uint table = rig.L2Base(da);
        for (uint i = 0; i < 256; i++)
            Assert.Equal(0u, rig.Memory.ReadWord(table + i * 4));
    }

    [Fact]
    public void MisalignedLargePage_IsEINVALEvenWhenTableAllocationFails()
    {
        var rig = new OmapTestRig();
        rig.L2Cache.Faults.FailAt(1);
        Assert.Equal(-Errno.EINVAL, rig.Store(0x00258000, 0x80010000, 0x10000));
        Assert.Equal(0u, rig.L1(0x00258000));
        Assert.Equal(0, rig.L2Cache.LiveObjects);
    }

    [Theory]
    [InlineData(0x1000u)]
    [InlineData(0x10000u)]
    public void SmallOrLargePage_ReturnsENOMEMWhenTableAllocationFails(uint bytes)
    {
        var rig = new OmapTestRig();
        rig.L2Cache.Faults.FailAt(1);
        List<(uint Pa, uint Value)> writes = RecordWrites(rig, () => Assert.Equal(-Errno.ENOMEM, rig.Store(0x00250000, 0x80010000, bytes)));
        Assert.Empty(writes);
        Assert.Equal(0u, rig.L1(0x00250000));
        Assert.Equal(0, rig.L2Cache.LiveObjects);
        // The next attempt succeeds.
        Assert.Equal(0, rig.Store(0x00250000, 0x80010000, bytes));
        AssertIsFreshTable(rig, 0x00250000);
    }

    [Fact]
    public void StoreIntoExistingTable_DoesNotAllocateSoFailureInjectionIsNotHit()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00250000, 0x80010000, 0x1000));
        rig.L2Cache.Faults.FailAt(1);
        Assert.Equal(0, rig.Store(0x00251000, 0x80011000, 0x1000));
        Assert.Equal(0x80011002u, rig.L2(0x00251000));
    }

    [Fact]
    public void Section_OverwritesL2PointerAndLeaksTable()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00400000, 0x80001000, 0x1000));
        uint table = rig.L2Base(0x00400000);
        Assert.Equal(0, rig.Store(0x00400000, 0x90000000, 0x100000));
        Assert.Equal(0x90000002u, rig.L1(0x00400000));
        Assert.Equal(1, rig.L2Cache.LiveObjects);
        Assert.True(rig.L2Cache.IsLive(table));
        Assert.Equal(0, rig.Instance.UndefinedWrites);
    }

    [Fact]
    public void Supersection_OverwritesSectionsAndTablePointers()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x05300000, 0x90000000, 0x100000));
        Assert.Equal(0, rig.Store(0x05A00000, 0x80001000, 0x1000));
        Assert.Equal(0, rig.Store(0x05000000, 0x81000000, 0x1000000));
        for (uint i = 0x50; i < 0x60; i++)
            Assert.Equal(0x81040002u, rig.L1At(i));
        Assert.Equal(1, rig.L2Cache.LiveObjects);
    }

    [Fact]
    public void SmallPage_OverwritesExistingPte()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00001000, 0x80001000, 0x1000));
        Assert.Equal(0, rig.Store(0x00001000, 0x80777000, 0x1000));
        Assert.Equal(0x80777002u, rig.L2(0x00001000));
    }

    [Fact]
    public void SmallPageOverLargePage_ReplacesOnlyOneReplica()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00010000, 0x80010000, 0x10000));
        Assert.Equal(0, rig.Store(0x00013000, 0x80777000, 0x1000));
        Assert.Equal(0x80777002u, rig.L2(0x00013000));
        Assert.Equal(0x80010001u, rig.L2(0x00012000));
        Assert.Equal(0x80010001u, rig.L2(0x00014000));
    }

    [Fact]
    public void SmallPageUnderSection_IsUndefinedWriteThroughSectionDescriptor()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        var messages = new List<string>();
        rig.Instance.UndefinedBehaviour += messages.Add;

        List<(uint Pa, uint Value)> writes = RecordWrites(rig, () => Assert.Equal(0, rig.Store(0x00305000, 0x12345000, 0x1000)));

        Assert.Equal(1, rig.Instance.UndefinedWrites);
        Assert.Single(messages);
        Assert.Equal(new[] { ((0x90000002u & 0xFFFFFC00u) + 4u * 5, 0x12345002u) }, writes);
        Assert.Equal(0x12345002u, rig.Memory.ReadWord(0x90000014));
        Assert.Equal(0x90000002u, rig.L1(0x00300000));
        Assert.Equal(0, rig.L2Cache.LiveObjects);
    }

    [Fact]
    public void UndefinedWriteAddress_IncludesSectionAttributeBits()
    {
        var rig = new OmapTestRig(OmapAttributeEncoding.Linux30);
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000, IovmFlags.IOVMF_ENDIAN_BIG));
        Assert.Equal(0x90008002u, rig.L1(0x00300000)); // E at bit 15
        Assert.Equal(0, rig.Store(0x003FF000, 0x12345000, 0x1000));
        Assert.Equal(1, rig.Instance.UndefinedWrites);
        Assert.Equal(0x12345002u, rig.Memory.ReadWord(0x90008000 + 0xFF * 4));
    }

    [Fact]
    public void LargePageUnderSupersection_IsUndefinedAndWrites16Words()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x05000000, 0x91000000, 0x1000000));
        List<(uint Pa, uint Value)> writes = RecordWrites(rig, () => Assert.Equal(0, rig.Store(0x05720000, 0x80010000, 0x10000)));

        Assert.Equal(1, rig.Instance.UndefinedWrites);
        uint fakeTable = 0x91040002u & 0xFFFFFC00u; // 0x91040000: bit 18 becomes an address bit
        var expected = new List<(uint, uint)>();
        for (uint i = 0x20; i < 0x30; i++)
            expected.Add((fakeTable + i * 4, 0x80010001u));
        Assert.Equal(expected, writes);
        for (uint i = 0x50; i < 0x60; i++)
            Assert.Equal(0x91040002u, rig.L1At(i));
    }

    [Fact]
    public void EachUndefinedStore_IsCounted()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        Assert.Equal(0, rig.Store(0x00301000, 0x12345000, 0x1000));
        Assert.Equal(0, rig.Store(0x00302000, 0x12346000, 0x1000));
        Assert.Equal(2, rig.Instance.UndefinedWrites);
    }
}
