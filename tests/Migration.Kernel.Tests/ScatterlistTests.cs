using Migration.Kernel;

namespace Migration.Kernel.Tests;

/// <summary>struct scatterlist: sg_set_page, sg_phys, sg_dma_len.</summary>
public class ScatterlistTests
{
    [Fact]
    public void SetPage_StoresPageLengthAndOffset()
    {
        var sg = default(Scatterlist);
        sg.SetPage(0x80003000, 0x800, 0x100);
        Assert.Equal(0x80003000u, sg.PagePhys);
        Assert.Equal(0x800u, sg.Length);
        Assert.Equal(0x100u, sg.Offset);
    }

    [Fact]
    public void Phys_IsPagePlusOffset()
    {
        var sg = default(Scatterlist);
        sg.SetPage(0x80003000, 0x800, 0x123);
        Assert.Equal(0x80003123u, sg.Phys);
    }

    [Fact]
    public void DmaLength_IsLength()
    {
        var sg = default(Scatterlist);
        sg.SetPage(0x80003000, 0x1000, 0);
        Assert.Equal(0x1000u, sg.DmaLength);
    }

    [Fact]
    public void SetPage_UnalignedPage_ThrowsArgumentException()
    {
        var sg = default(Scatterlist);
        var ex = Assert.Throws<ArgumentException>(() => sg.SetPage(0x80003004, 0x1000, 0));
        Assert.Equal("pagePhys", ex.ParamName);
    }

    [Fact]
    public void ToString_ShowsPageOffsetAndLength()
    {
        var sg = default(Scatterlist);
        sg.SetPage(0x80003000, 0x1000, 0x10);
        Assert.Equal("sg(page 0x80003000 +0x10 len 0x1000)", sg.ToString());
    }
}
