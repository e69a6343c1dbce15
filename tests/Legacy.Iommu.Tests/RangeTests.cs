using Migration.Kernel;

namespace Legacy.Iommu.Tests;

/// <summary>CAF iommu_map_range / iommu_unmap_range / iommu_get_pt_base_addr (generic.md §8.1, §9.14).</summary>
public class RangeTests
{
    private static Scatterlist[] TwoEntries()
    {
        var sg = new Scatterlist[2];
        sg[0].SetPage(0x80000000, 0x1000, 0);
        sg[1].SetPage(0x80105000, 0x2000, 0);
        return sg;
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void NoIommu_RangeCallsAreEnodev_PtBaseIsZero(IommuCoreFlavor flavor)
    {
        var bare = new IommuCore(flavor);
        var other = new CoreRig(flavor);
        Assert.Equal(-19, bare.IommuMapRange(other.Domain, 0x10000, TwoEntries(), 0x3000, 0));
        Assert.Equal(-19, bare.IommuUnmapRange(other.Domain, 0x10000, 0x3000));
        Assert.Equal(0u, bare.IommuGetPtBaseAddr(other.Domain));
        // With no IOMMU even a misaligned iova is -ENODEV: the iommu_found() check comes first.
        Assert.Equal(-19, bare.IommuMapRange(other.Domain, 0x10800, TwoEntries(), 0x3000, 0));
        Assert.Equal(-19, bare.IommuUnmapRange(other.Domain, 0x10800, 0x3000));
        Assert.Empty(other.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0x00000800u)]
    [InlineData(IommuCoreFlavor.Mainline30, 0x00010001u)]
    [InlineData(IommuCoreFlavor.Caf30, 0x00000800u)]
    [InlineData(IommuCoreFlavor.Caf30, 0x00010001u)]
    [InlineData(IommuCoreFlavor.Caf30, 0x40000FFFu)]
    public void MapRange_Non4KIova_IsBug_DriverNotCalled(IommuCoreFlavor flavor, uint iova)
    {
        var rig = new CoreRig(flavor);
        var ex = Assert.Throws<KernelBugException>(() => rig.Core.IommuMapRange(rig.Domain, iova, TwoEntries(), 0x3000, 0));
        Assert.Contains("iommu_map_range: BUG_ON", ex.Site);
        Assert.Empty(rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0x00000800u)]
    [InlineData(IommuCoreFlavor.Caf30, 0x00010004u)]
    public void UnmapRange_Non4KIova_IsBug_DriverNotCalled(IommuCoreFlavor flavor, uint iova)
    {
        var rig = new CoreRig(flavor);
        var ex = Assert.Throws<KernelBugException>(() => rig.Core.IommuUnmapRange(rig.Domain, iova, 0x3000));
        Assert.Contains("iommu_unmap_range: BUG_ON", ex.Site);
        Assert.Empty(rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0)]
    [InlineData(IommuCoreFlavor.Mainline30, -12)]
    [InlineData(IommuCoreFlavor.Caf30, 0)]
    [InlineData(IommuCoreFlavor.Caf30, -16)]
    public void MapRange_PassesThrough_OnlyA4KCheck_NoRollback(IommuCoreFlavor flavor, int driverResult)
    {
        // iova 0x1000 is 4K- but not 64K-aligned and len 0x3123 is not page-sized: neither is checked.
        var rig = new CoreRig(flavor);
        rig.Ops.MapRangeResult = driverResult;
        Assert.Equal(driverResult, rig.Core.IommuMapRange(rig.Domain, 0x1000, TwoEntries(), 0x3123, 0x5));
        Assert.Equal(
            [new OpCall("map_range", rig.Domain, Iova: 0x1000, Len: 0x3123, Prot: 0x5,
                Sg: "sg(page 0x80000000 +0x0 len 0x1000), sg(page 0x80105000 +0x0 len 0x2000)")],
            rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0)]
    [InlineData(IommuCoreFlavor.Caf30, -22)]
    public void UnmapRange_PassesThrough(IommuCoreFlavor flavor, int driverResult)
    {
        var rig = new CoreRig(flavor);
        rig.Ops.UnmapRangeResult = driverResult;
        Assert.Equal(driverResult, rig.Core.IommuUnmapRange(rig.Domain, 0x2000, 0x5001));
        Assert.Equal([new OpCall("unmap_range", rig.Domain, Iova: 0x2000, Len: 0x5001)], rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void GetPtBaseAddr_ReturnsTheDriversValue(IommuCoreFlavor flavor)
    {
        var rig = new CoreRig(flavor);
        rig.Ops.PtBaseAddrResult = 0x80004000;
        Assert.Equal(0x80004000u, rig.Core.IommuGetPtBaseAddr(rig.Domain));
        Assert.Equal([new OpCall("get_pt_base_addr", rig.Domain)], rig.Ops.Calls);
    }
}
