using Migration.Drivers.Omap;

namespace Migration.Drivers.Tests;

/// <summary>omap_iommu_iova_to_phys on the 3.0 table (omap.md §2.4, §7.3): pa = (d &amp; mask) | (da &amp; ~mask).</summary>
public class IovaToPhysTests
{
    [Theory]
    [InlineData(0x00001000u, 0x80123000u, 0x1000u, 0x00001000u, 0x80123000u)]
    [InlineData(0x00001000u, 0x80123000u, 0x1000u, 0x00001ABCu, 0x80123ABCu)]
    [InlineData(0x00001000u, 0x80123000u, 0x1000u, 0x00001FFFu, 0x80123FFFu)]
    [InlineData(0x00250000u, 0x80010000u, 0x10000u, 0x00250000u, 0x80010000u)]
    [InlineData(0x00250000u, 0x80010000u, 0x10000u, 0x0025ABCDu, 0x8001ABCDu)]
    [InlineData(0x00250000u, 0x80010000u, 0x10000u, 0x0025FFFFu, 0x8001FFFFu)]
    [InlineData(0x00300000u, 0x90000000u, 0x100000u, 0x00300000u, 0x90000000u)]
    [InlineData(0x00300000u, 0x90000000u, 0x100000u, 0x003ABCDEu, 0x900ABCDEu)]
    [InlineData(0x00300000u, 0x90000000u, 0x100000u, 0x003FFFFFu, 0x900FFFFFu)]
    [InlineData(0x05000000u, 0x81000000u, 0x1000000u, 0x05000000u, 0x81000000u)]
    [InlineData(0x05000000u, 0x81000000u, 0x1000000u, 0x05ABCDEFu, 0x81ABCDEFu)]
    [InlineData(0x05000000u, 0x81000000u, 0x1000000u, 0x05FFFFFFu, 0x81FFFFFFu)]
    [InlineData(0xFF000000u, 0x00000000u, 0x1000000u, 0xFFFFFFFFu, 0x00FFFFFFu)]
    public void IovaToPhys_TranslatesEveryPageSize(uint mapDa, uint mapPa, uint bytes, uint da, uint expected)
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(mapDa, mapPa, bytes));
        Assert.Equal(expected, OmapPageTable.IovaToPhys(rig.Instance, da));
    }

    [Fact]
    public void SmallPageWithDroppedPaBits_TranslatesToPageBasePlusOffset()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123ABC, 0x1000));
        Assert.Equal(0x80123009u, OmapPageTable.IovaToPhys(rig.Instance, 0x00001009));
    }

    [Fact]
    public void AttributeBitsOf4K1MAndLinux31Entries_DoNotLeakIntoPa()
    {
        var rig = new OmapTestRig(OmapAttributeEncoding.Linux31);
        const uint attrs = 0x200 | 0x180 | 0x40;
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000, attrs));
        Assert.Equal(0, rig.Store(0x00250000, 0x80010000, 0x10000, attrs));
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000, attrs));
        Assert.Equal(0, rig.Store(0x05000000, 0x81000000, 0x1000000, attrs));
        Assert.Equal(0x80123456u, OmapPageTable.IovaToPhys(rig.Instance, 0x00001456));
        Assert.Equal(0x80013456u, OmapPageTable.IovaToPhys(rig.Instance, 0x00253456));
        Assert.Equal(0x90023456u, OmapPageTable.IovaToPhys(rig.Instance, 0x00323456));
        Assert.Equal(0x81234567u, OmapPageTable.IovaToPhys(rig.Instance, 0x05234567));
    }

    [Fact]
    public void EmptyL1_Gives0()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0u, OmapPageTable.IovaToPhys(rig.Instance, 0x00300000));
        Assert.Equal(0u, OmapPageTable.IovaToPhys(rig.Instance, 0xFFFFFFFF));
    }

    [Fact]
    public void EmptyPteInExistingTable_Gives0()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        Assert.Equal(0u, OmapPageTable.IovaToPhys(rig.Instance, 0x00002000));
    }

    [Fact]
    public void BogusL1Type3_Gives0()
    {
        var rig = new OmapTestRig();
        rig.Memory.WriteWord(rig.L1Address(0x00700000), 0x90000003);
        Assert.Equal(0u, OmapPageTable.IovaToPhys(rig.Instance, 0x00700000));
    }

    [Fact]
    public void PteWithBothLowBits_IsReadAsSmall()
    {
        // 3.2+ iopte_is_small tests bit 1 only, so a 0b11 PTE translates as 4K.
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        rig.Memory.WriteWord(rig.L2Base(0x00001000) + 4, 0x80555003);
        Assert.Equal(0x80555ABCu, OmapPageTable.IovaToPhys(rig.Instance, 0x00001ABC));
    }

    [Fact]
    public void ClearedMapping_Gives0()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        Assert.Equal(0x100000u, rig.Clear(0x00300000));
        Assert.Equal(0u, OmapPageTable.IovaToPhys(rig.Instance, 0x00300000));
    }
}
