using Legacy.Iommu;

namespace Legacy.Msm.Vendor.Tests;

public class MsmUseIommuTests
{
    [Fact]
    public void BootedBoardWithRegisteredIommu_Is1()
    {
        Assert.Equal(1, new VendorRig().Domains.MsmUseIommu());
    }

    [Fact]
    public void NoBoardDomains_Is0EvenWithARegisteredIommu()
    {
        var rig = new VendorRig(VendorRig.NoDomains);
        Assert.True(rig.Core.IommuFound());
        Assert.Equal(0, rig.Domains.MsmUseIommu());
    }

    [Fact]
    public void CoreWithoutRegisteredIommu_Is0AndEveryDomainIsNull()
    {
        var rig = new VendorRig();
        var bare = new IommuCore(IommuCoreFlavor.Caf30);
        var domains = new MsmIommuDomains(bare, rig.Msm, MsmIovaLayout.Msm8960);
        Assert.Equal(0, domains.MsmUseIommu());
        Assert.All(Enumerable.Range(0, MsmDomainNumbers.MAX_DOMAINS), i => Assert.Null(domains.MsmGetIommuDomain(i)));
        Assert.Equal(MsmDomainNumbers.MAX_DOMAINS, domains.Log.Count);
    }
}
