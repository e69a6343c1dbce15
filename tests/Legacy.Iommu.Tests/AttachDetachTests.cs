using Migration.Kernel;

namespace Legacy.Iommu.Tests;

/// <summary>iommu_attach_device / iommu_detach_device with a registered driver (generic.md §4.2).</summary>
public class AttachDetachTests
{
    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0)]
    [InlineData(IommuCoreFlavor.Mainline30, -16)]
    [InlineData(IommuCoreFlavor.Caf30, 0)]
    [InlineData(IommuCoreFlavor.Caf30, -22)]
    public void Attach_ReturnsTheDriversResult(IommuCoreFlavor flavor, int driverResult)
    {
        var rig = new CoreRig(flavor);
        rig.Ops.AttachResult = driverResult;
        var dev = new Device("ctx0");
        Assert.Equal(driverResult, rig.Core.IommuAttachDevice(rig.Domain, dev));
        Assert.Equal([new OpCall("attach_dev", rig.Domain, Dev: dev)], rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void Detach_CallsTheDriver(IommuCoreFlavor flavor)
    {
        var rig = new CoreRig(flavor);
        var dev = new Device("ctx0");
        rig.Core.IommuDetachDevice(rig.Domain, dev);
        Assert.Equal([new OpCall("detach_dev", rig.Domain, Dev: dev)], rig.Ops.Calls);
    }
}
