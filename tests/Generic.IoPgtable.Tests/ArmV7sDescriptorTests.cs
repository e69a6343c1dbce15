using Migration.Kernel;

namespace Generic.IoPgtable.Tests;

/// <summary>The descriptor words of v7s.md §1.3 for each prot and size, the table entry, the ARM_NS bits, and the cfg values of §2.3.</summary>
public class ArmV7sDescriptorTests
{
    [Theory]
    [InlineData(0x3, 0xC72u, 0x1C31u, 0x31C02u, 0x71C02u)]   // R|W
    [InlineData(0x2, 0xC72u, 0x1C31u, 0x31C02u, 0x71C02u)]   // W
    [InlineData(0x1, 0xE72u, 0x1E31u, 0x39C02u, 0x79C02u)]   // R
    [InlineData(0x7, 0xC7Eu, 0x1C3Du, 0x31C0Eu, 0x71C0Eu)]   // R|W|CACHE
    [InlineData(0x5, 0xE7Eu, 0x1E3Du, 0x39C0Eu, 0x79C0Eu)]   // R|CACHE
    [InlineData(0xB, 0xC73u, 0x9C31u, 0x31C12u, 0x71C12u)]   // R|W|NOEXEC
    [InlineData(0xF, 0xC7Fu, 0x9C3Du, 0x31C1Eu, 0x71C1Eu)]   // R|W|CACHE|NOEXEC
    [InlineData(0x13, 0xC36u, 0xC35u, 0x30C06u, 0x70C06u)]   // R|W|MMIO
    [InlineData(0x17, 0xC36u, 0xC35u, 0x30C06u, 0x70C06u)]   // R|W|MMIO|CACHE: CACHE ignored
    [InlineData(0x11, 0xE36u, 0xE35u, 0x38C06u, 0x78C06u)]   // R|MMIO
    [InlineData(0x23, 0xC52u, 0x1C11u, 0x31402u, 0x71402u)]  // R|W|PRIV
    [InlineData(0x21, 0xE52u, 0x1E11u, 0x39402u, 0x79402u)]  // R|PRIV
    public void EachSizeWritesTheLowBitsOfTable1_3(int prot, uint k4, uint k64, uint m1, uint m16)
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(0x00000000, 0, 0x1000, prot));
        Assert.Equal(0, f.Map(0x01000000, 0, 0x10000, prot));
        Assert.Equal(0, f.Map(0x02000000, 0, 0x100000, prot));
        Assert.Equal(0, f.Map(0x03000000, 0, 0x1000000, prot));
        Assert.Equal((k4, k64, m1, m16), (f.L2(0), f.L2(0x0100F000), f.L1(0x02000000), f.L1(0x03F00000)));
    }

    [Fact]
    public void ReadWriteSmallPage_OrsTheFrameAddress()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(0x10000000, 0x8A345000, 0x1000, IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE));
        Assert.Equal(0x8A345C72u, f.L2(0x10000000));
        uint table = f.L1(0x10000000) & 0xFFFFFC00;
        Assert.Equal(table | 1u, f.L1(0x10000000));
        Assert.True(f.Table.L2Cache.IsLive(table));
        Assert.Equal(0x8A345ABCu, f.Table.IovaToPhys(0x10000ABC));
    }

    [Fact]
    public void LevelTwoTables_AreOneKilobyteObjectsSharingAPage()
    {
        var f = new V7sFixture();
        for (uint mb = 0; mb < 4; mb++)
            Assert.Equal(0, f.Map(mb << 20, 0x1000, 0x1000, IommuProt.IOMMU_READ));
        uint[] tables = [.. Enumerable.Range(0, 4).Select(mb => f.L1((uint)mb << 20) & 0xFFFFFC00)];
        Assert.All(tables, t => Assert.Equal(0u, t & 0x3FF));
        Assert.Equal(4, tables.Distinct().Count());
        Assert.Single(tables.Select(t => t & ~0xFFFu).Distinct()); // four 1 KiB tables in one 4 KiB page
        Assert.Contains(tables, t => (t & 0xC00) != 0);              // bits 11:10 of a table entry in use (v7s.md §1.4 item 7)
        Assert.Equal(1, f.Table.L2Cache.SlabPages);
    }

    [Fact]
    public void ContiguousEntries_TranslateWithTheSixteenfoldMask()
    {
        var f = new V7sFixture();
        Assert.Equal(0, f.Map(0x01010000, 0x8A350000, 0x10000, IommuProt.IOMMU_READ));
        Assert.Equal(0, f.Map(0x05000000, 0x8B000000, 0x1000000, IommuProt.IOMMU_READ));
        Assert.Equal(0x8A35FFFCu, f.Table.IovaToPhys(0x0101FFFC));
        Assert.Equal(0x8BABCDEFu, f.Table.IovaToPhys(0x05ABCDEF));
        Assert.Equal(0u, f.Table.IovaToPhys(0x01020000));
    }

    [Fact]
    public void ArmNsQuirk_SetsTableBit3AndSectionBit19()
    {
        var f = new V7sFixture(IoPgtableQuirks.ARM_NS);
        Assert.Equal(0, f.Map(0, 0, 0x1000, IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE));
        Assert.Equal(0, f.Map(0x02000000, 0, 0x100000, IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE));
        Assert.Equal(0x9u, f.L1(0) & 0x3FF);
        Assert.Equal(0x0C72u, f.L2(0)); // level 2 has no NS bit
        Assert.Equal(0xB1C02u, f.L1(0x02000000));
    }

    [Fact]
    public void Alloc_FillsTheV7sRegisterValuesAndTrimsTheBitmap()
    {
        var f = new V7sFixture();
        Assert.Equal(new ArmV7sCfg(f.Table.Pgd | 0x2, 0, 0x800B8204, 0x40004000), f.Cfg.ArmV7s);
        Assert.Equal(0u, f.Table.Pgd & 0x3FFF);
        var coherent = new V7sFixture(coherent: true);
        Assert.Equal(coherent.Table.Pgd | 0x6A, coherent.Cfg.ArmV7s.Ttbr);
        var cfg = new IoPgtableCfg(new RecordingFlushOps()) { PgsizeBitmap = 0xFFFFF000 };
        var memory = new Migration.Hardware.Memory.PhysicalMemory();
        Assert.NotNull(ArmV7sPageTable.Alloc(cfg, null, new Migration.Hardware.Memory.PhysicalPageAllocator(memory, 0x80000000, 0x100000)));
        Assert.Equal(0x01111000u, cfg.PgsizeBitmap);
    }

    [Fact]
    public void Alloc_RefusesWhatTheFormatCannotDo()
    {
        var pages = new Migration.Hardware.Memory.PhysicalPageAllocator(new Migration.Hardware.Memory.PhysicalMemory(), 0x80000000, 0x100000);
        Assert.Null(ArmV7sPageTable.Alloc(new IoPgtableCfg(new RecordingFlushOps()) { Ias = 33 }, null, pages));
        Assert.Null(ArmV7sPageTable.Alloc(new IoPgtableCfg(new RecordingFlushOps()) { Quirks = IoPgtableQuirks.NO_PERMS }, null, pages));
        pages.Faults.FailAlways();
        Assert.Null(ArmV7sPageTable.Alloc(new IoPgtableCfg(new RecordingFlushOps()), null, pages));
    }
}
