namespace Migration.Analysis.C.Tests;

/// <summary>The Era-A heuristic on the order argument of iommu_map / iommu_unmap as written.</summary>
public class OrderArgumentTests
{
    [Theory]
    [InlineData("0", true)]
    [InlineData("4", true)]
    [InlineData("31", true)]
    [InlineData("(12)", true)]
    [InlineData("0x8", true)]
    [InlineData("get_order(SZ_4K)", true)]
    [InlineData("get_order(size)", true)]
    [InlineData("gfp_order", true)]
    [InlineData("ORDER_1M", true)]
    [InlineData("page->order - 1", true)]
    [InlineData("32", false)]
    [InlineData("4096", false)]
    [InlineData("0x1000", false)]
    [InlineData("SZ_4K", false)]
    [InlineData("PAGE_SIZE", false)]
    [InlineData("len", false)]
    [InlineData("size << 1", false)]
    [InlineData("", false)]
    [InlineData("PAGE_SIZE << get_order(SZ_4K)", false)]
    [InlineData("PAGE_SIZE << gfp_order", false)]
    [InlineData("(PAGE_SIZE << order)", false)]
    [InlineData("npages_order << PAGE_SHIFT", false)]
    [InlineData("ilog2(len) - PAGE_SHIFT", false)]
    [InlineData("get_order(len) - PAGE_SHIFT", true)]
    public void LooksLikeOrder_IsTrueOnlyForOrderShapedArguments(string argument, bool expected) => Assert.Equal(expected, OrderArgument.LooksLikeOrder(argument));

    [Fact]
    public void TheOrderArgument_IsTheFourthOfMap_AndTheThirdOfUnmap()
    {
        Assert.Equal(3, OrderArgument.IndexFor("order-map"));
        Assert.Equal(2, OrderArgument.IndexFor("order-unmap"));
        Assert.Null(OrderArgument.IndexFor("byte-map"));
        Assert.Null(OrderArgument.IndexFor(null));
    }
}
