namespace Legacy.Iommu.Tests;

/// <summary>iommu_iova_to_phys and iommu_domain_has_cap with a registered driver (generic.md §4.5).</summary>
public class QueryTests
{
    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0x12345678u)]
    [InlineData(IommuCoreFlavor.Mainline30, 0u)]
    [InlineData(IommuCoreFlavor.Caf30, 0x80001ABCu)]
    [InlineData(IommuCoreFlavor.Caf30, 0u)]
    public void IovaToPhys_ReturnsTheDriversResult(IommuCoreFlavor flavor, uint driverResult)
    {
        var rig = new CoreRig(flavor);
        rig.Ops.IovaToPhysResult = driverResult;
        Assert.Equal(driverResult, rig.Core.IommuIovaToPhys(rig.Domain, 0x40001ABC));
        Assert.Equal([new OpCall("iova_to_phys", rig.Domain, Iova: 0x40001ABC)], rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0)]
    [InlineData(IommuCoreFlavor.Mainline30, 1)]
    [InlineData(IommuCoreFlavor.Caf30, 0)]
    [InlineData(IommuCoreFlavor.Caf30, 1)]
    public void HasCap_ReturnsTheDriversResult(IommuCoreFlavor flavor, int driverResult)
    {
        var rig = new CoreRig(flavor);
        rig.Ops.HasCapResult = driverResult;
        Assert.Equal(driverResult, rig.Core.IommuDomainHasCap(rig.Domain, IommuCap.IOMMU_CAP_INTR_REMAP));
        Assert.Equal([new OpCall("domain_has_cap", rig.Domain, Cap: 2)], rig.Ops.Calls);
    }
}
