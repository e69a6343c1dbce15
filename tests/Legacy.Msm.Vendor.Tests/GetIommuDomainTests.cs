using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.Msm.Vendor.Tests;

public class GetIommuDomainTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(MAX_DOMAINS)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void OutOfRange_IsNull(int domainNum)
    {
        Assert.Null(new VendorRig().Domains.MsmGetIommuDomain(domainNum));
    }

    [Fact]
    public void InRange_IsTheBootAllocatedDomainOfThatNumber()
    {
        var rig = new VendorRig();
        for (int i = 0; i < MAX_DOMAINS; i++)
        {
            Assert.Same(rig.Domains.Domains[i].Domain, rig.Domains.MsmGetIommuDomain(i));
            Assert.True(rig.Core.IsDomainAllocated(rig.Domain(i)));
        }
        // The video contexts sit in domain 0, the camera ones in domain 1.
        Assert.Same(VendorRig.Priv(rig.Domain(VIDEO_DOMAIN)), VendorRig.CtxData(rig.Ctx("vcodec_b_mm2")).AttachedTo);
        Assert.Same(VendorRig.Priv(rig.Domain(CAMERA_DOMAIN)), VendorRig.CtxData(rig.Ctx("jpegd_dst")).AttachedTo);
    }

    [Fact]
    public void NoDomainsLayout_AlwaysNull()
    {
        Assert.Null(new VendorRig(VendorRig.NoDomains).Domains.MsmGetIommuDomain(0));
    }
}
