using Migration.Drivers.Omap;

namespace Migration.Drivers.Tests;

/// <summary>
/// get_pte_attr (omap.md §3.4, §8.8): base value (mixed &lt;&lt; 5) | endian | (elsz &gt;&gt; 3), shifted by 6
/// for sections; the 3.0 rule picks the shift from bit 1 of the size code (16M PTE-style, 64K
/// section-style), 3.1 fixed it.
/// </summary>
public class PteAttributeTests
{
    private const uint AllAttrs = 0x200 | 0x180 | 0x40; // endian big, elsz none, mixed
    private const uint PteStyleAll = 0xA30;             // M bit 11, E bit 9, ES 5:4
    private const uint SectionStyleAll = 0x28C00;       // M bit 17, E bit 15, ES 11:10

    private static uint Attr(OmapAttributeEncoding enc, uint code, uint flags)
    {
        IotlbEntry.Init(out IotlbEntry e, 0, 0, code | flags);
        return new Omap2IommuArch(enc).GetPteAttr(e);
    }

    [Theory]
    [InlineData(OmapAttributeEncoding.Linux30, 0x2u, PteStyleAll)]      // 4K
    [InlineData(OmapAttributeEncoding.Linux30, 0x1u, SectionStyleAll)]  // 64K: 3.0 bug
    [InlineData(OmapAttributeEncoding.Linux30, 0x0u, SectionStyleAll)]  // 1M
    [InlineData(OmapAttributeEncoding.Linux30, 0x3u, PteStyleAll)]      // 16M: 3.0 bug
    [InlineData(OmapAttributeEncoding.Linux31, 0x2u, PteStyleAll)]
    [InlineData(OmapAttributeEncoding.Linux31, 0x1u, PteStyleAll)]
    [InlineData(OmapAttributeEncoding.Linux31, 0x0u, SectionStyleAll)]
    [InlineData(OmapAttributeEncoding.Linux31, 0x3u, SectionStyleAll)]
    public void AllAttributes_EncodePerSizeAndKernel(OmapAttributeEncoding enc, uint code, uint expected) =>
        Assert.Equal(expected, Attr(enc, code, AllAttrs));

    [Theory]
    [InlineData(0x040u, 0x800u)]   // mixed -> bit 11
    [InlineData(0x200u, 0x200u)]   // big endian -> bit 9
    [InlineData(0x080u, 0x010u)]   // elsz 16 -> ES 01 at 5:4
    [InlineData(0x100u, 0x020u)]   // elsz 32 -> ES 10
    [InlineData(0x180u, 0x030u)]   // elsz none -> ES 11
    [InlineData(0x000u, 0x000u)]
    public void SingleAttributes_EncodeThePteStyleBits_AndSixHigherForASection(uint flags, uint expected)
    {
        Assert.Equal(expected, Attr(OmapAttributeEncoding.Linux30, 0x2, flags));
        Assert.Equal(expected, Attr(OmapAttributeEncoding.Linux31, 0x2, flags));
        Assert.Equal(expected << 6, Attr(OmapAttributeEncoding.Linux30, 0x0, flags));
        Assert.Equal(expected << 6, Attr(OmapAttributeEncoding.Linux31, 0x0, flags));
    }

    [Fact]
    public void ZeroAttributes_GiveZeroForEverySizeAndKernel()
    {
        foreach (OmapAttributeEncoding enc in new[] { OmapAttributeEncoding.Linux30, OmapAttributeEncoding.Linux31 })
        {
            for (uint code = 0; code < 4; code++)
                Assert.Equal(0u, Attr(enc, code, 0));
        }
    }

    [Fact]
    public void SectionStoreWithAllAttributesLinux30_WritesSectionStyleBits()
    {
        var rig = new OmapTestRig(OmapAttributeEncoding.Linux30);
        Assert.Equal(0, rig.Store(0x00300000, 0x9AB00000, 0x100000, AllAttrs));
        Assert.Equal((0x9AB00000u & 0xFFF00000u) | 0x28C00u | 0x2u, rig.L1(0x00300000));
        Assert.Equal(0x9AB28C02u, rig.L1(0x00300000));
    }

    [Fact]
    public void SupersectionStoreLinux30_GetsPteStyleBits()
    {
        var rig = new OmapTestRig(OmapAttributeEncoding.Linux30);
        Assert.Equal(0, rig.Store(0x05000000, 0x81000000, 0x1000000, AllAttrs));
        for (uint i = 0x50; i < 0x60; i++)
            Assert.Equal(0x81040A32u, rig.L1At(i));
    }

    [Fact]
    public void SupersectionStoreLinux31_GetsSectionStyleBits()
    {
        var rig = new OmapTestRig(OmapAttributeEncoding.Linux31);
        Assert.Equal(0, rig.Store(0x05000000, 0x81000000, 0x1000000, AllAttrs));
        for (uint i = 0x50; i < 0x60; i++)
            Assert.Equal(0x81068C02u, rig.L1At(i));
    }

    [Fact]
    public void LargeStoreLinux30_GetsSectionStyleBitsOverlappingPaBit17()
    {
        var rig = new OmapTestRig(OmapAttributeEncoding.Linux30);
        Assert.Equal(0, rig.Store(0x00100000, 0x80010000, 0x10000, IovmFlags.IOVMF_MIXED));
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x80030001u, rig.L2(0x00100000 + (i << 12)));
        // The walker-independent 3.2+ translation sees pa bit 17 set by the attribute.
        Assert.Equal(0x80034321u, OmapPageTable.IovaToPhys(rig.Instance, 0x00104321));
    }

    [Fact]
    public void LargeStoreLinux31_GetsPteStyleBits()
    {
        var rig = new OmapTestRig(OmapAttributeEncoding.Linux31);
        Assert.Equal(0, rig.Store(0x00100000, 0x80010000, 0x10000, AllAttrs));
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x80010A31u, rig.L2(0x00100000 + (i << 12)));
    }

    [Theory]
    [InlineData(OmapAttributeEncoding.Linux30)]
    [InlineData(OmapAttributeEncoding.Linux31)]
    public void SmallStore_GetsPteStyleBitsOnBoth(OmapAttributeEncoding enc)
    {
        var rig = new OmapTestRig(enc);
        Assert.Equal(0, rig.Store(0x00002000, 0x80123000, 0x1000, AllAttrs));
        Assert.Equal(0x80123A32u, rig.L2(0x00002000));
    }

    [Fact]
    public void Encoding_IsExposed()
    {
        Assert.Equal(OmapAttributeEncoding.Linux30, new Omap2IommuArch(OmapAttributeEncoding.Linux30).AttributeEncoding);
        Assert.Equal(OmapAttributeEncoding.Linux31, new Omap2IommuArch(OmapAttributeEncoding.Linux31).AttributeEncoding);
    }
}
