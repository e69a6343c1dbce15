using Migration.Hardware;

namespace Migration.Equivalence.Tests;

/// <summary>Format-neutral access: what each walker's attribute word means, and when an IOMMU meets a shared mapping's request.</summary>
public class DeviceAccessTests
{
    private static readonly Soc Soc = Soc.CreateDefault();

    // MSM attribute word of the walker: bit 0 read-only (AP2), bits 6:4 the {TEX0,C,B} index (msm.md §2.6, §3.3).
    [Theory]
    [InlineData(1u << 4, false)] // class 1 = NONCACHED with the Linux PRRR/NMRR
    [InlineData(7u << 4, true)]  // class 7 = WB_WA
    [InlineData(2u << 4, true)]  // class 2 = WT
    [InlineData(3u << 4, true)]  // class 3 = WB_NWA
    [InlineData(0u << 4, false)] // class 0 = strongly ordered (PRRR TR0 = 0)
    public void MsmMemoryTypes_DecodeThroughPrrrAndNmrr(uint attributes, bool cached)
    {
        var walker = new MsmTranslationWalker(Soc.Memory);
        DeviceAccess a = walker.Access(new PageEntry(0, 0x1000, 0, attributes, 0, 0, 2));
        Assert.Equal(new DeviceAccess(Writable: true, BigEndian: false, Cached: cached), a);
        Assert.False(walker.Access(new PageEntry(0, 0x1000, 0, attributes | 1, 0, 0, 2)).Writable);
    }

    [Fact]
    public void OmapEntries_AreAlwaysWritable_WithNoMemoryType_AndTheEBitIsByteOrder()
    {
        var walker = new OmapTranslationWalker(Soc.Memory);
        Assert.Equal(new DeviceAccess(true, false, null), walker.Access(new PageEntry(0, 0x1000, 0, 0, 0, 0, 2)));
        Assert.Equal(new DeviceAccess(true, true, null), walker.Access(new PageEntry(0, 0x1000, 0, 0x200, 0, 0, 2)));
        Assert.Equal(new DeviceAccess(true, false, null), walker.Access(new PageEntry(0, 0x1000, 0, 0x40 | 0x180, 0, 0, 2))); // mixed, 32-bit elements
    }

    [Fact]
    public void Meets_AsksForWriteAsAMinimum_AndForByteOrderAndMemoryTypeExactly()
    {
        var readOnly = new DeviceAccess(false, false, false);
        var readWrite = new DeviceAccess(true, false, false);
        Assert.True(CrossDeviceComparison.Meets(readWrite, readOnly));  // the driver grants more than asked
        Assert.False(CrossDeviceComparison.Meets(readOnly, readWrite)); // a read-only page where a write was asked
        Assert.False(CrossDeviceComparison.Meets(readWrite with { BigEndian = true }, readWrite));
        Assert.False(CrossDeviceComparison.Meets(readWrite with { Cached = true }, readWrite));
        Assert.True(CrossDeviceComparison.Meets(readWrite with { Cached = null }, readWrite with { Cached = true })); // OMAP has no memory type
        Assert.Equal("rw, little-endian, no memory type", new DeviceAccess(true, false, null).Describe());
    }
}
