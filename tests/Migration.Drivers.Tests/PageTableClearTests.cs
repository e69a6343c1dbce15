using Migration.Drivers.Omap;

namespace Migration.Drivers.Tests;

/// <summary>iopgtable_clear_entry (omap.md §4.5, §8.2, §8.3).</summary>
public class PageTableClearTests
{
    [Fact]
    public void EmptyL1Entry_Returns0AndWritesNothing()
    {
        var rig = new OmapTestRig();
        var observer = new SnapshotWriteObserver(() => false);
        rig.Memory.WriteObserver = observer;
        Assert.Equal(0u, rig.Clear(0x00300000));
        Assert.Empty(observer.Writes);
    }

    [Fact]
    public void SmallPage_Returns4KAndFreesEmptiedTable()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        uint table = rig.L2Base(0x00001000);
        Assert.Equal(1, rig.L2Cache.LiveObjects);

        Assert.Equal(0x1000u, rig.Clear(0x00001000));

        Assert.Equal(0u, rig.L1(0x00001000));
        Assert.Equal(0, rig.L2Cache.LiveObjects);
        Assert.False(rig.L2Cache.IsLive(table));
        Assert.Equal(0u, rig.Memory.ReadWord(table + 4));
    }

    [Fact]
    public void SmallPageWithSubPageDa_ClearsThatPage()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        Assert.Equal(0, rig.Store(0x00002000, 0x80124000, 0x1000));
        Assert.Equal(0x1000u, rig.Clear(0x00001FFC));
        Assert.Equal(0u, rig.L2(0x00001000));
        Assert.Equal(0x80124002u, rig.L2(0x00002000));
    }

    [Fact]
    public void SmallPage_KeepsTableWhileOtherEntriesRemain()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        Assert.Equal(0, rig.Store(0x000FF000, 0x80124000, 0x1000));
        uint l1 = rig.L1(0x00001000);

        Assert.Equal(0x1000u, rig.Clear(0x00001000));

        Assert.Equal(l1, rig.L1(0x00001000));
        Assert.Equal(0u, rig.L2(0x00001000));
        Assert.Equal(0x80124002u, rig.L2(0x000FF000));
        Assert.Equal(1, rig.L2Cache.LiveObjects);
    }

    [Fact]
    public void EmptyPteInsideExistingTable_Returns4K()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        uint l1 = rig.L1(0x00001000);

        Assert.Equal(0x1000u, rig.Clear(0x00005000));

        Assert.Equal(l1, rig.L1(0x00001000));
        Assert.Equal(0x80123002u, rig.L2(0x00001000));
        Assert.Equal(1, rig.L2Cache.LiveObjects);
    }

    [Fact]
    public void EmptyTableLeftByMisalignedLargeStore_IsFreedByClearReturning4K()
    {
        var rig = new OmapTestRig();
        Assert.Equal(-22, rig.Store(0x00258000, 0x80010000, 0x10000));
        Assert.Equal(1, rig.L2Cache.LiveObjects);
        Assert.Equal(0x1000u, rig.Clear(0x00258000));
        Assert.Equal(0u, rig.L1(0x00258000));
        Assert.Equal(0, rig.L2Cache.LiveObjects);
    }

    [Theory]
    [InlineData(0x00250000u)]
    [InlineData(0x00257000u)]
    [InlineData(0x0025F000u)]
    [InlineData(0x0025FFFFu)]
    public void InsideLargePage_RewindsAndClearsAll16(uint da)
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00250000, 0x80010000, 0x10000));
        Assert.Equal(0, rig.Store(0x00260000, 0x80020000, 0x1000)); // keeps the table alive
        Assert.Equal(0, rig.Store(0x0024F000, 0x80030000, 0x1000));

        Assert.Equal(0x10000u, rig.Clear(da));

        for (uint i = 0; i < 16; i++)
            Assert.Equal(0u, rig.L2(0x00250000 + (i << 12)));
        Assert.Equal(0x80020002u, rig.L2(0x00260000));
        Assert.Equal(0x80030002u, rig.L2(0x0024F000));
        Assert.Equal(1, rig.L2Cache.LiveObjects);
    }

    [Fact]
    public void LargePageThatEmptiesTable_FreesItAndStillReturns64K()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00250000, 0x80010000, 0x10000));
        Assert.Equal(0x10000u, rig.Clear(0x00254000));
        Assert.Equal(0u, rig.L1(0x00250000));
        Assert.Equal(0, rig.L2Cache.LiveObjects);
    }

    [Fact]
    public void Section_Returns1M()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        Assert.Equal(0, rig.Store(0x00400000, 0x90100000, 0x100000));
        Assert.Equal(0x100000u, rig.Clear(0x003ABCDEu));
        Assert.Equal(0u, rig.L1(0x00300000));
        Assert.Equal(0x90100002u, rig.L1(0x00400000));
    }

    [Theory]
    [InlineData(0x05000000u)]
    [InlineData(0x05700000u)]
    [InlineData(0x05FFF000u)]
    public void InsideSupersection_RewindsAndClearsAll16(uint da)
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x05000000, 0x81000000, 0x1000000));
        Assert.Equal(0, rig.Store(0x04F00000, 0x90000000, 0x100000));
        Assert.Equal(0, rig.Store(0x06000000, 0x90100000, 0x100000));

        Assert.Equal(0x1000000u, rig.Clear(da));

        for (uint i = 0x50; i < 0x60; i++)
            Assert.Equal(0u, rig.L1At(i));
        Assert.Equal(0x90000002u, rig.L1At(0x4F));
        Assert.Equal(0x90100002u, rig.L1At(0x60));
    }

    [Fact]
    public void SupersectionWithLinux30PteStyleAttributes_StillClearedAs16M()
    {
        var rig = new OmapTestRig(OmapAttributeEncoding.Linux30);
        Assert.Equal(0, rig.Store(0x05000000, 0x81000000, 0x1000000, 0x200 | 0x180 | 0x40));
        Assert.Equal(0x1000000u, rig.Clear(0x05300000));
        for (uint i = 0x50; i < 0x60; i++)
            Assert.Equal(0u, rig.L1At(i));
    }

    [Fact]
    public void ClearingTwice_Returns0TheSecondTimeForSection()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        Assert.Equal(0x100000u, rig.Clear(0x00300000));
        Assert.Equal(0u, rig.Clear(0x00300000));
    }

    [Fact]
    public void LiveObjects_DropOnePerEmptiedTable()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00100000, 0x80001000, 0x1000));
        Assert.Equal(0, rig.Store(0x00200000, 0x80002000, 0x1000));
        Assert.Equal(0, rig.Store(0x00300000, 0x80010000, 0x10000));
        Assert.Equal(3, rig.L2Cache.LiveObjects);
        Assert.Equal(0x1000u, rig.Clear(0x00200000));
        Assert.Equal(2, rig.L2Cache.LiveObjects);
        Assert.Equal(0x10000u, rig.Clear(0x00300000));
        Assert.Equal(1, rig.L2Cache.LiveObjects);
        Assert.Equal(0x1000u, rig.Clear(0x00100000));
        Assert.Equal(0, rig.L2Cache.LiveObjects);
        for (uint i = 0; i < 4096; i++)
            Assert.Equal(0u, rig.L1At(i));
    }
}
