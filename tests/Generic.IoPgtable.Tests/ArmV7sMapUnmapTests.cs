using Generic.Iommu;
using Migration.Hardware.Memory;
using Migration.Kernel;

namespace Generic.IoPgtable.Tests;

/// <summary>map_pages / unmap_pages as v7s.md §3 and §4 describe them (6.13+): return codes, table lifetime, flushes, runs.</summary>
public class ArmV7sMapUnmapTests
{
    private const int RW = IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE;

    [Fact]
    public void ProtWithoutReadOrWrite_IsEinvalAndWritesNothing()
    {
        var f = new V7sFixture();
        Assert.Equal(-Errno.EINVAL, f.Table.MapPages(0, 0x1000, 0x1000, 1, IommuProt.IOMMU_CACHE, out uint mapped));
        Assert.Equal(0u, mapped);
        Assert.Equal("", f.Snapshot());
        Assert.Equal(0, f.Table.L2Cache.LiveObjects);
    }

    [Fact]
    public void Range_IsCheckedBeforeProt()
    {
        var f = new V7sFixture(ias: 31);
        Assert.Equal(-Errno.ERANGE, f.Table.MapPages(0x80000000, 0x1000, 0x1000, 1, 0, out _));
        Assert.Equal(1, f.Table.WarnCount);
        Assert.Equal(-Errno.EINVAL, f.Table.MapPages(0x40000000, 0x1000, 0x1000, 1, 0, out _));
        IommuIotlbGather gather = IommuIotlbGather.Init();
        Assert.Equal(0u, f.Table.UnmapPages(0x80000000, 0x1000, 1, ref gather));
    }

    [Fact]
    public void SizesOutsideTheFormatOrMisaligned_AreRefused()
    {
        var f = new V7sFixture();
        Assert.Equal(-Errno.EINVAL, f.Table.MapPages(0, 0, 0x2000, 1, RW, out _));
        Assert.Equal(-Errno.EINVAL, f.Table.MapPages(0x10000, 0x1000, 0x10000, 1, RW, out _)); // paddr bits would land on TEX
        Assert.Equal("", f.Snapshot());
    }

    [Fact]
    public void AOneMegabyteUnmapOverALevelTwoTable_FreesItWithItsWalkFlush()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Table.MapPages(0x20000000, 0x81000000, 0x1000, 256, RW, out uint mapped));
        Assert.Equal(0x100000u, mapped);
        Assert.Equal(1, f.Table.L2Cache.LiveObjects);
        f.Flush.Calls.Clear();
        Assert.Equal(0x100000u, f.Unmap(0x20000000, 0x100000));
        Assert.Equal(["walk 20000000 100000 1000"], f.Flush.Calls);
        Assert.Equal(0u, f.L1(0x20000000));
        Assert.Equal(0, f.Table.L2Cache.LiveObjects);
    }

    [Fact]
    public void ASixteenMegabyteUnmap_FreesTablesAndFlushesLeavesPerSlot()
    {
        var f = new V7sFixture();
        for (uint mb = 0; mb < 16; mb++)
        {
            if (mb % 2 == 0)
                Assert.Equal(0, f.Map(0x30000000 + (mb << 20), 0x81000000 + (mb << 20), 0x100000, RW));
            else
                Assert.Equal(0, f.Map(0x30000000 + (mb << 20) + 0x5000, 0x81005000, 0x1000, RW));
        }
        f.Flush.Calls.Clear();
        Assert.Equal(0x1000000u, f.Unmap(0x30000000, 0x1000000));
        Assert.Equal(16, f.Flush.Calls.Count);
        Assert.Equal("page 30000000 100000", f.Flush.Calls[0]);
        Assert.Equal("walk 30100000 100000 1000", f.Flush.Calls[1]);
        Assert.Equal(0, f.Table.L2Cache.LiveObjects);
        Assert.Equal("", f.Snapshot());
    }

    [Fact]
    public void ABlockMapOverATable_FreesTheTableAndItsMappings()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(0x03005000, 0x81005000, 0x1000, RW));
        Assert.Equal(0, f.Map(0x03A00000 + 0x1000, 0x81005000, 0x1000, RW));
        f.Flush.Calls.Clear();
        Assert.Equal(0, f.Map(0x03000000, 0x84000000, 0x1000000, RW));
        Assert.Equal(["walk 03000000 100000 1000", "walk 03a00000 100000 1000"], f.Flush.Calls);
        Assert.Equal(0, f.Table.L2Cache.LiveObjects);
        Assert.Equal(0x84005000u, f.Table.IovaToPhys(0x03005000));
        Assert.Equal(0x84071C02u, f.L1(0x03F00000));
    }

    [Fact]
    public void ABlockMap_StopsAtAUsedSlotAfterFreeingTheTablesBeforeIt()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(0x03000000, 0x81000000, 0x1000, RW));
        Assert.Equal(0, f.Map(0x03200000, 0x81000000, 0x100000, RW));
        Assert.Equal(-Errno.EEXIST, f.Map(0x03000000, 0x84000000, 0x1000000, RW));
        Assert.Equal(0, f.Table.L2Cache.LiveObjects); // the table at slot 48 was freed before slot 50 failed
        Assert.Equal(0u, f.L1(0x03000000));
        Assert.Equal(0x81031C02u, f.L1(0x03200000));
    }

    [Fact]
    public void EmptyingATableWithSmallUnmaps_DoesNotFreeIt()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(0x10000000, 0x81000000, 0x1000, RW));
        uint l1 = f.L1(0x10000000);
        Assert.Equal(0x1000u, f.Unmap(0x10000000, 0x1000));
        Assert.Equal(l1, f.L1(0x10000000));
        Assert.Equal(1, f.Table.L2Cache.LiveObjects);
        Assert.Equal(0u, f.Table.IovaToPhys(0x10000000));
        Assert.Equal(0, f.Map(0x10001000, 0x81000000, 0x1000, RW)); // the table is reused
        Assert.Equal(1, f.Table.L2Cache.LiveObjects);
    }

    [Fact]
    public void SmallMapUnderASection_IsEexist()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(0x02000000, 0x82000000, 0x100000, RW));
        string before = f.Snapshot();
        Assert.Equal(-Errno.EEXIST, f.Map(0x02001000, 0x81000000, 0x1000, RW));
        Assert.Equal(-Errno.EEXIST, f.Map(0x02000000, 0x81000000, 0x100000, RW));
        Assert.Equal(before, f.Snapshot());
        Assert.Equal(2, f.Table.WarnCount);
    }

    [Fact]
    public void MapPages_StopsAtAUsedSlotAndReportsWhatItMapped()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(0x10002000, 0x8F000000, 0x1000, RW));
        Assert.Equal(-Errno.EEXIST, f.Table.MapPages(0x10000000, 0x81000000, 0x1000, 4, RW, out uint mapped));
        Assert.Equal(0x2000u, mapped);
        Assert.Equal((0x81000C72u, 0x81001C72u, 0x8F000C72u, 0u), (f.L2(0x10000000), f.L2(0x10001000), f.L2(0x10002000), f.L2(0x10003000)));
    }

    [Fact]
    public void MapPages_FailsWithEnomemWhenNoTableCanBeAllocated()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Table.MapPages(0x100FE000, 0x81000000, 0x1000, 1, RW, out _));
        f.Table.L2Cache.Faults.FailAlways();
        Assert.Equal(-Errno.ENOMEM, f.Table.MapPages(0x100FF000, 0x81000000, 0x1000, 3, RW, out uint mapped));
        Assert.Equal(0x1000u, mapped); // the page in the existing table, not the two that needed a new one
        Assert.Equal(0x81000C72u, f.L2(0x100FF000));
        Assert.Equal(0u, f.L1(0x10100000));
    }

    [Fact]
    public void SixteenSlotChecks_AreStrict()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Table.MapPages(0x10000000, 0x81000000, 0x1000, 15, RW, out _));
        string before = f.Snapshot();
        f.Flush.Calls.Clear();
        Assert.Equal(0u, f.Unmap(0x10000000, 0x10000)); // slot 15 is empty
        Assert.Equal(before, f.Snapshot());
        Assert.Empty(f.Flush.Calls);
        Assert.Equal(0, f.Map(0x1000F000, 0x8100F000, 0x1000, RW));
        Assert.Equal(0x10000u, f.Unmap(0x10000000, 0x10000)); // sixteen small pages unmapped as one 64K
        Assert.Equal(16, f.Flush.Calls.Count);
        Assert.Equal("page 1000f000 1000", f.Flush.Calls[15]);

        Assert.Equal(0, f.Table.MapPages(0x05000000, 0x85000000, 0x100000, 15, RW, out _));
        Assert.Equal(0u, f.Unmap(0x05000000, 0x1000000)); // one section of sixteen missing
        Assert.Equal(0x85E31C02u, f.L1(0x05E00000));
    }

    [Fact]
    public void UnmapOfNothing_IsZeroWithAWarning()
    {
        var f = new V7sFixture();
        Assert.Equal(0u, f.Unmap(0x10000000, 0x1000));
        Assert.Equal(0, f.Map(0x10000000, 0x81000000, 0x1000, RW));
        Assert.Equal(0u, f.Unmap(0x10001000, 0x1000));
        Assert.Equal(2, f.Table.WarnCount);
    }

    [Fact]
    public void UnmapPages_StopsAtTheFirstPageItCannotUnmap()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Table.MapPages(0x100FE000, 0x81000000, 0x1000, 3, RW, out _)); // crosses into the next table
        Assert.Equal(0x3000u, f.Unmap(0x100FE000, 0x1000, 5));
        Assert.Equal(0u, f.Table.IovaToPhys(0x10100000));
        f.Flush.Calls.Clear();
        Assert.Equal(0, f.Table.MapPages(0x20000000, 0x81000000, 0x10000, 2, RW, out _));
        Assert.Equal(0x20000u, f.Unmap(0x20000000, 0x10000, 3));
        Assert.Equal(32, f.Flush.Calls.Count);
    }

    [Fact]
    public void ConsecutiveSmallPagesInOneTable_AreOneRun()
    {
        var f = new V7sFixture();
        var runs = new RunCounter();
        f.Memory.WriteObserver = runs;
        long words = f.Memory.WordsWritten;
        Assert.Equal(0, f.Table.MapPages(0x10080000, 0x81000000, 0x1000, 128, RW, out _));
        Assert.Equal(129, f.Memory.WordsWritten - words); // the table entry and 128 PTEs
        Assert.Equal((1, 1), (runs.Words, runs.Runs)); // one WriteWord (the table entry), one run
        Assert.Equal(0x8107FC72u, f.L2(0x100FF000));
        runs.Runs = 0;
        Assert.Equal(0, f.Table.MapPages(0x20000000, 0x82000000, 0x10000, 4, RW, out _));
        Assert.Equal(1, runs.Runs); // four large pages, 64 words, one run
        Assert.Equal(0x82031C31u, f.L2(0x2003F000));
        runs.Runs = 0;
        Assert.Equal(0x40000u, f.Unmap(0x20000000, 0x10000, 4));
        Assert.Equal(1, runs.Runs);
    }

    private sealed class RunCounter : IPhysicalWriteObserver
    {
        public int Words;
        public int Runs;

        public void OnWordWritten(uint pa, uint value) => Words++;

        public void OnRunWritten(uint pa, ReadOnlySpan<uint> values) => Runs++;
    }
}
