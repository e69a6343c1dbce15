using Migration.Kernel;

namespace Legacy.Iommu.Tests;

/// <summary>Order-based iommu_unmap: BUG only on iova, driver value returned unchanged (generic.md §4.4, §9.2).</summary>
public class UnmapTests
{
    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0, 0x00001000u)]
    [InlineData(IommuCoreFlavor.Mainline30, 4, 0x00010000u)]
    [InlineData(IommuCoreFlavor.Mainline30, 8, 0x00100000u)]
    [InlineData(IommuCoreFlavor.Mainline30, 12, 0x01000000u)]
    [InlineData(IommuCoreFlavor.Caf30, 0, 0x00001000u)]
    [InlineData(IommuCoreFlavor.Caf30, 4, 0x00010000u)]
    [InlineData(IommuCoreFlavor.Caf30, 8, 0x00100000u)]
    [InlineData(IommuCoreFlavor.Caf30, 12, 0x01000000u)]
    public void AlignedIova_CallsTheDriverWithTheOrder(IommuCoreFlavor flavor, int order, uint size)
    {
        var rig = new CoreRig(flavor);
        Assert.Equal(0, rig.Core.IommuUnmap(rig.Domain, 7 * size, order));
        Assert.Equal([new OpCall("unmap", rig.Domain, Iova: 7 * size, Order: order)], rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0, 0x00001000u)]
    [InlineData(IommuCoreFlavor.Mainline30, 4, 0x00010000u)]
    [InlineData(IommuCoreFlavor.Mainline30, 8, 0x00100000u)]
    [InlineData(IommuCoreFlavor.Mainline30, 12, 0x01000000u)]
    [InlineData(IommuCoreFlavor.Caf30, 0, 0x00001000u)]
    [InlineData(IommuCoreFlavor.Caf30, 4, 0x00010000u)]
    [InlineData(IommuCoreFlavor.Caf30, 8, 0x00100000u)]
    [InlineData(IommuCoreFlavor.Caf30, 12, 0x01000000u)]
    public void MisalignedIova_IsBug_DriverNotCalled(IommuCoreFlavor flavor, int order, uint size)
    {
        var rig = new CoreRig(flavor);
        var ex = Assert.Throws<KernelBugException>(() => rig.Core.IommuUnmap(rig.Domain, size + size / 2, order));
        Assert.Contains("iommu_unmap: BUG_ON", ex.Site);
        Assert.Empty(rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0)]
    [InlineData(IommuCoreFlavor.Mainline30, -19)]
    [InlineData(IommuCoreFlavor.Mainline30, 4)]
    [InlineData(IommuCoreFlavor.Caf30, 0)]
    [InlineData(IommuCoreFlavor.Caf30, -19)]
    [InlineData(IommuCoreFlavor.Caf30, 4)]
    public void ReturnsTheDriversValueVerbatim_WhateverItMeans(IommuCoreFlavor flavor, int driverResult)
    {
        // MSM returns 0/-errno, AMD and the 3.2 OMAP driver an order (e.g. 4 after a 4K request): all pass through.
        var rig = new CoreRig(flavor);
        rig.Ops.UnmapResult = driverResult;
        Assert.Equal(driverResult, rig.Core.IommuUnmap(rig.Domain, 0x10000, 0));
        Assert.Equal([new OpCall("unmap", rig.Domain, Iova: 0x10000, Order: 0)], rig.Ops.Calls);
    }
}
