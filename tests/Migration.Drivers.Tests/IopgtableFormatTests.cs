using Migration.Drivers.Omap;

namespace Migration.Drivers.Tests;

/// <summary>Geometry and descriptor constants of iopgtable.h (omap.md §3.1-§3.3).</summary>
public class IopgtableFormatTests
{
    [Fact]
    public void GeometryConstants_MatchReference()
    {
        Assert.Equal(20, IopgtableFormat.IOPGD_SHIFT);
        Assert.Equal(20, IopgtableFormat.IOSECTION_SHIFT);
        Assert.Equal(24, IopgtableFormat.IOSUPER_SHIFT);
        Assert.Equal(16, IopgtableFormat.IOLARGE_SHIFT);
        Assert.Equal(12, IopgtableFormat.IOPTE_SHIFT);
        Assert.Equal(4096, IopgtableFormat.PTRS_PER_IOPGD);
        Assert.Equal(16384u, IopgtableFormat.IOPGD_TABLE_SIZE);
        Assert.Equal(256, IopgtableFormat.PTRS_PER_IOPTE);
        Assert.Equal(1024u, IopgtableFormat.IOPTE_TABLE_SIZE);
        Assert.Equal(0xFF000000u, IopgtableFormat.IOSUPER_MASK);
        Assert.Equal(0xFFF00000u, IopgtableFormat.IOSECTION_MASK);
        Assert.Equal(0xFFF00000u, IopgtableFormat.IOPGD_MASK);
        Assert.Equal(0xFFFF0000u, IopgtableFormat.IOLARGE_MASK);
        Assert.Equal(0xFFFFF000u, IopgtableFormat.IOPTE_MASK);
    }

    [Fact]
    public void DescriptorTypeConstants_MatchReference()
    {
        Assert.Equal(0x1u, IopgtableFormat.IOPGD_TABLE);
        Assert.Equal(0x2u, IopgtableFormat.IOPGD_SECTION);
        Assert.Equal(0x40002u, IopgtableFormat.IOPGD_SUPER);
        Assert.Equal(0x1u, IopgtableFormat.IOPTE_LARGE);
        Assert.Equal(0x2u, IopgtableFormat.IOPTE_SMALL);
    }

    [Theory]
    [InlineData(0x00000000u, 0x000u, 0x00u)]
    [InlineData(0x12345678u, 0x123u, 0x45u)]
    [InlineData(0xFFFFFFFFu, 0xFFFu, 0xFFu)]
    [InlineData(0x000FF000u, 0x000u, 0xFFu)]
    public void IndexHelpers_SplitDaIntoL1AndL2Indices(uint da, uint l1, uint l2)
    {
        Assert.Equal(l1, IopgtableFormat.IopgdIndex(da));
        Assert.Equal(l2, IopgtableFormat.IopteIndex(da));
    }

    [Theory]
    [InlineData(0x80004401u, 0x80004400u)]
    [InlineData(0x800047FFu, 0x80004400u)]
    [InlineData(0x90040002u, 0x90040000u)]
    public void IopgdPagePaddr_KeepsBits31To10(uint entry, uint expected) =>
        Assert.Equal(expected, IopgtableFormat.IopgdPagePaddr(entry));

    [Theory]
    [InlineData(0x80004401u, true, false, false)]
    [InlineData(0x80000002u, false, true, false)]
    [InlineData(0x81040002u, false, false, true)]
    [InlineData(0x00000000u, false, false, false)]
    [InlineData(0x00000003u, false, false, false)]
    [InlineData(0x00040003u, false, false, false)]
    public void L1TypeHelpers_ClassifyTableSectionAndSupersection(uint entry, bool table, bool section, bool super)
    {
        Assert.Equal(table, IopgtableFormat.IopgdIsTable(entry));
        Assert.Equal(section, IopgtableFormat.IopgdIsSection(entry));
        Assert.Equal(super, IopgtableFormat.IopgdIsSuper(entry));
    }

    [Theory]
    [InlineData(0x80001002u, true, false)]
    [InlineData(0x80001003u, true, false)] // 3.2+ small tests bit 1 only
    [InlineData(0x80010001u, false, true)]
    [InlineData(0x00000000u, false, false)]
    public void L2TypeHelpers_ClassifySmallAndLarge(uint pte, bool small, bool large)
    {
        Assert.Equal(small, IopgtableFormat.IopteIsSmall(pte));
        Assert.Equal(large, IopgtableFormat.IopteIsLarge(pte));
    }

    [Theory]
    [InlineData(0x81040002u, 0x05ABCDEFu, 0xFF000000u, 0x81ABCDEFu)]
    [InlineData(0x90000C02u, 0x00312345u, 0xFFF00000u, 0x90012345u)]
    [InlineData(0x80030001u, 0x00105678u, 0xFFFF0000u, 0x80035678u)]
    [InlineData(0x12345A32u, 0x00001ABCu, 0xFFFFF000u, 0x12345ABCu)]
    public void Translate_CombinesDescriptorAndOffset(uint d, uint da, uint mask, uint expected) =>
        Assert.Equal(expected, IopgtableFormat.Translate(d, da, mask));
}
