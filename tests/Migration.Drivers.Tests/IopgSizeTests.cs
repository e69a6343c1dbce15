using Migration.Drivers.Omap;

namespace Migration.Drivers.Tests;

/// <summary>Size helpers of plat/iommu.h and iovmm.c (omap.md §4.2, §5.3).</summary>
public class IopgSizeTests
{
    [Theory]
    [InlineData(0x0u, 0x0u)]
    [InlineData(0xFFFu, 0x0u)]
    [InlineData(0x1000u, 0x1000u)]
    [InlineData(0xF000u, 0x1000u)]
    [InlineData(0xFFFFu, 0x1000u)]
    [InlineData(0x10000u, 0x10000u)]
    [InlineData(0xFFFFFu, 0x10000u)]
    [InlineData(0x100000u, 0x100000u)]
    [InlineData(0x200000u, 0x100000u)]
    [InlineData(0xFFFFFFu, 0x100000u)]
    [InlineData(0x1000000u, 0x1000000u)]
    [InlineData(0xFFFFFFFFu, 0x1000000u)]
    public void IopgszMax_IsLargestPageSizeNotAboveBytes(uint bytes, uint expected) =>
        Assert.Equal(expected, IopgSize.IopgszMax(bytes));

    [Theory]
    [InlineData(0x1000000u, 3)]
    [InlineData(0x100000u, 0)]
    [InlineData(0x10000u, 1)]
    [InlineData(0x1000u, 2)]
    [InlineData(0x0u, -1)]
    [InlineData(0x2000u, -1)]
    [InlineData(0x800u, -1)]
    [InlineData(0x200000u, -1)]
    [InlineData(0x1001000u, -1)]
    public void BytesToIopgsz_MapsExactSizesToCamCodes(uint bytes, int expected) =>
        Assert.Equal(expected, IopgSize.BytesToIopgsz(bytes));

    [Theory]
    [InlineData(3u, 0x1000000u)]
    [InlineData(0u, 0x100000u)]
    [InlineData(1u, 0x10000u)]
    [InlineData(2u, 0x1000u)]
    public void IopgszToBytes_MapsCodesToSizes(uint code, uint expected) =>
        Assert.Equal(expected, IopgSize.IopgszToBytes(code));

    [Theory]
    [InlineData(0x1000u, true)]
    [InlineData(0x10000u, true)]
    [InlineData(0x100000u, true)]
    [InlineData(0x1000000u, true)]
    [InlineData(0x0u, false)]
    [InlineData(0x3000u, false)]
    [InlineData(0x2000000u, false)]
    public void IopgszOk_AcceptsExactlyTheFourSizes(uint bytes, bool expected) =>
        Assert.Equal(expected, IopgSize.IopgszOk(bytes));

    [Theory]
    [InlineData(0x0u, 0x1000000u)]
    [InlineData(0x1000000u, 0x1000000u)]
    [InlineData(0x3000000u, 0x1000000u)]
    [InlineData(0x100000u, 0x100000u)]
    [InlineData(0x1F00000u, 0x100000u)]
    [InlineData(0x30000u, 0x10000u)]
    [InlineData(0x5000u, 0x1000u)]
    [InlineData(0x1001000u, 0x1000u)]
    [InlineData(0x800u, 0x0u)]
    [InlineData(0x1000001u, 0x0u)]
    public void MaxAlignment_IsLargestPageSizeDividingAddr(uint addr, uint expected) =>
        Assert.Equal(expected, IopgSize.MaxAlignment(addr));

    [Fact]
    public void Constants_MatchReference()
    {
        Assert.Equal(0x1000u, IopgSize.SZ_4K);
        Assert.Equal(0x10000u, IopgSize.SZ_64K);
        Assert.Equal(0x100000u, IopgSize.SZ_1M);
        Assert.Equal(0x1000000u, IopgSize.SZ_16M);
    }
}
