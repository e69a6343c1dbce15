using Migration.Drivers.Omap;

namespace Migration.Drivers.Tests;

/// <summary>iopgtable_clear_entry_all (omap.md §4.5): free every L2 table, zero L1, flush the whole TLB.</summary>
public class ClearEntryAllTests
{
    [Fact]
    public void ClearEntryAll_FreesEveryTableAndZeroesL1()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        Assert.Equal(0, rig.Store(0x00250000, 0x80010000, 0x10000));
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        Assert.Equal(0, rig.Store(0x05000000, 0x81000000, 0x1000000));
        Assert.Equal(0, rig.Store(0xFFF00000, 0x80124000, 0x1000));
        uint[] tables = [rig.L2Base(0x00001000), rig.L2Base(0x00250000), rig.L2Base(0xFFF00000)];
        Assert.Equal(3, rig.L2Cache.LiveObjects);

        OmapPageTable.ClearEntryAll(rig.Instance);

        Assert.Equal(0, rig.L2Cache.LiveObjects);
        foreach (uint t in tables)
            Assert.False(rig.L2Cache.IsLive(t));
        for (uint i = 0; i < 4096; i++)
            Assert.Equal(0u, rig.L1At(i));
        Assert.Equal(0u, OmapPageTable.IovaToPhys(rig.Instance, 0x00001000));
    }

    [Fact]
    public void ClearEntryAll_FreesTableLeftEmptyByMisalignedLargeStore()
    {
        var rig = new OmapTestRig();
        Assert.Equal(-22, rig.Store(0x00258000, 0x80010000, 0x10000));
        Assert.Equal(1, rig.L2Cache.LiveObjects);
        OmapPageTable.ClearEntryAll(rig.Instance);
        Assert.Equal(0, rig.L2Cache.LiveObjects);
        Assert.Equal(0u, rig.L1(0x00258000));
    }

    [Fact]
    public void ClearEntryAll_FlushesWholeTlbAndResetsLock()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00800000, 0x80800000, 0x2, preserved: true)));
        Assert.True(rig.Mmu.Translate(0x00001000).Succeeded);
        Assert.True(rig.Mmu.Translate(0x00300000).Succeeded);
        Assert.Equal(3, rig.ValidTlbEntries().Length);
        Assert.Equal(1, rig.LockBase);

        OmapPageTable.ClearEntryAll(rig.Instance);

        Assert.Empty(rig.ValidTlbEntries());
        Assert.Equal(0u, rig.Reg(Migration.Hardware.Omap.OmapMmuRegisters.MMU_LOCK));
        Assert.False(rig.Mmu.Translate(0x00001000).Succeeded);
    }

    [Fact]
    public void ClearEntryAll_OnEmptyTable_OnlyFlushes()
    {
        var rig = new OmapTestRig();
        var observer = new SnapshotWriteObserver(() => false);
        rig.Memory.WriteObserver = observer;
        OmapPageTable.ClearEntryAll(rig.Instance);
        Assert.Empty(observer.Writes);
        Assert.Equal(0, rig.L2Cache.LiveObjects);
    }
}
