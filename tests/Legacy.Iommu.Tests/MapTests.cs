using Migration.Kernel;

namespace Legacy.Iommu.Tests;

/// <summary>Order-based iommu_map: size = 4096 &lt;&lt; order, BUG on misaligned iova or paddr, order passed through (generic.md §4.3, §9.1).</summary>
public class MapTests
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
    public void AlignedMap_PassesTheOrderNotTheSize(IommuCoreFlavor flavor, int order, uint size)
    {
        var rig = new CoreRig(flavor);
        uint iova = 3 * size, paddr = 5 * size;
        Assert.Equal(0, rig.Core.IommuMap(rig.Domain, iova, paddr, order, IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE));
        Assert.Equal([new OpCall("map", rig.Domain, Iova: iova, Paddr: paddr, Order: order, Prot: 3)], rig.Ops.Calls);
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
    public void IovaHalfASizeOff_IsBug_DriverNotCalled(IommuCoreFlavor flavor, int order, uint size)
    {
        var rig = new CoreRig(flavor);
        var ex = Assert.Throws<KernelBugException>(() => rig.Core.IommuMap(rig.Domain, size + size / 2, 0, order, 0));
        Assert.Contains("iommu_map: BUG_ON", ex.Site);
        Assert.Empty(rig.Ops.Calls);
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
    public void PaddrHalfASizeOff_IsBug_DriverNotCalled(IommuCoreFlavor flavor, int order, uint size)
    {
        var rig = new CoreRig(flavor);
        var ex = Assert.Throws<KernelBugException>(() => rig.Core.IommuMap(rig.Domain, size, 2 * size + size / 2, order, 0));
        Assert.Contains("iommu_map: BUG_ON", ex.Site);
        Assert.Empty(rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void SizeIs4096ShiftedByOrder_ForEveryOrderThatFits(IommuCoreFlavor flavor)
    {
        var rig = new CoreRig(flavor);
        for (int order = 0; order <= 19; order++)
        {
            uint size = 0x1000u << order;
            Assert.Throws<KernelBugException>(() => rig.Core.IommuMap(rig.Domain, size >> 1, size >> 1, order, 0));
            Assert.Equal(0, rig.Core.IommuMap(rig.Domain, size, size, order, 0));
        }
        Assert.Equal(Enumerable.Range(0, 20).ToArray(), rig.Ops.Calls.Select(c => c.Order).ToArray());
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 20)]
    [InlineData(IommuCoreFlavor.Mainline30, 32)]
    [InlineData(IommuCoreFlavor.Caf30, 20)]
    [InlineData(IommuCoreFlavor.Caf30, 32)]
    public void OrderWhoseSizeShiftsOut_MasksEverything(IommuCoreFlavor flavor, int order)
    {
        // 0x1000UL << order is 0 in 32 bits (ARM LSL semantics for 32+), so invalid_mask is 0xFFFFFFFF.
        var rig = new CoreRig(flavor);
        Assert.Throws<KernelBugException>(() => rig.Core.IommuMap(rig.Domain, 0x80000000, 0, order, 0));
        Assert.Throws<KernelBugException>(() => rig.Core.IommuMap(rig.Domain, 0, 0x1000, order, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.Domain, 0, 0, order, 0));
        Assert.Equal([new OpCall("map", rig.Domain, Order: order)], rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, -22)]
    [InlineData(IommuCoreFlavor.Mainline30, -17)]
    [InlineData(IommuCoreFlavor.Caf30, -22)]
    [InlineData(IommuCoreFlavor.Caf30, -12)]
    public void Map_ReturnsTheDriversResultVerbatim(IommuCoreFlavor flavor, int driverResult)
    {
        var rig = new CoreRig(flavor);
        rig.Ops.MapResult = driverResult;
        Assert.Equal(driverResult, rig.Core.IommuMap(rig.Domain, 0x40000000, 0x50000000, 8, 0));
        Assert.Single(rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void Prot_IsNotInterpreted(IommuCoreFlavor flavor)
    {
        var rig = new CoreRig(flavor);
        rig.Core.IommuMap(rig.Domain, 0x2000, 0x3000, 0, 0x7F);
        Assert.Equal([new OpCall("map", rig.Domain, Iova: 0x2000, Paddr: 0x3000, Order: 0, Prot: 0x7F)], rig.Ops.Calls);
    }
}
