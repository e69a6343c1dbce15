using Migration.Kernel;

namespace Migration.Kernel.Tests;

/// <summary>BUG() / BUG_ON() throw <see cref="KernelBugException"/> naming the site.</summary>
public class KernelBugTests
{
    [Fact]
    public void Here_ThrowsWithSiteAndMessage()
    {
        var ex = Assert.Throws<KernelBugException>(() => Bug.Here("iommu_save_ctx: revision != 0x11"));
        Assert.Equal("iommu_save_ctx: revision != 0x11", ex.Site);
        Assert.Equal("kernel BUG: iommu_save_ctx: revision != 0x11", ex.Message);
    }

    [Fact]
    public void On_True_Throws()
    {
        var ex = Assert.Throws<KernelBugException>(() => Bug.On(true, "iotlb_cr_to_e: cr == NULL"));
        Assert.Equal("iotlb_cr_to_e: cr == NULL", ex.Site);
    }

    [Fact]
    public void On_False_DoesNotThrow() => Assert.Null(Record.Exception(() => Bug.On(false, "never")));

    [Fact]
    public void Constructor_WithInner_KeepsInnerAndSite()
    {
        var inner = new InvalidOperationException("cause");
        var ex = new KernelBugException("site", inner);
        Assert.Same(inner, ex.InnerException);
        Assert.Equal("site", ex.Site);
        Assert.Equal("kernel BUG: site", ex.Message);
    }
}
