using Generic.Iommu;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Generic.Omap.Tests;

/// <summary>omap_iommu_attach_dev / detach_dev of 3.3 (omap.md §7.3, §8.19, §8.25).</summary>
public class AttachDetachTests
{
    [Fact]
    public void Attach_EnablesTheMmuOnTheDomainTable_AndLinksEverything()
    {
        var rig = new GenericOmapRig();

        Assert.Equal(0x6u, rig.Reg(MMU_CNTL)); // MMU_EN | TWL_EN
        Assert.Equal(rig.OmapDomain.Pgtable, rig.Reg(MMU_TTB));
        Assert.Equal(0u, rig.OmapDomain.Pgtable & 0x3FFF);
        Assert.Equal(rig.OmapDomain.Pgtable, rig.Isp.Instance.Iopgd);
        Assert.Equal(1u, rig.Isp.Refcount);
        Assert.Same(rig.Isp, rig.OmapDomain.IommuDev);
        Assert.Same(rig.Isp, rig.IspArchData.IommuDev);
        Assert.Same(rig.Domain, rig.Isp.Domain);
    }

    [Fact]
    public void Probe_AllocatesNoTable_TheMmuIsOffUntilAttach()
    {
        var rig = new GenericOmapRig(attach: false);

        Assert.Equal(4, rig.Driver.Devices.Count);
        Assert.Equal(0u, rig.Isp.Instance.Iopgd);
        Assert.Equal(0u, rig.Isp.Refcount);
        Assert.False(rig.IspMmu.IsEnabled);
        Assert.Equal("omap-iommu.0", rig.Isp.Dev.Name);
        Assert.Same(rig.Isp, rig.Isp.Dev.DriverData);
    }

    [Fact]
    public void HardwareWalker_TranslatesMappedDas()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x111000, 0));

        OmapMmuTranslation section = rig.IspMmu.Translate(0x400ABCDE);
        OmapMmuTranslation large = rig.IspMmu.Translate(0x4010F123);
        OmapMmuTranslation small = rig.IspMmu.Translate(0x40110FFF);

        Assert.Equal((OmapMmuOutcome.Walked, 0x500ABCDEu, 0x100000u), (section.Outcome, section.Pa, section.PageSize));
        Assert.Equal((OmapMmuOutcome.Walked, 0x5010F123u, 0x10000u), (large.Outcome, large.Pa, large.PageSize));
        Assert.Equal((OmapMmuOutcome.Walked, 0x50110FFFu, 0x1000u), (small.Outcome, small.Pa, small.PageSize));
    }

    [Fact]
    public void SecondAttach_OfTheSameDomain_IsEbusy()
    {
        var rig = new GenericOmapRig();
        Device ivaClient = GenericOmapRig.Client("iva", "iva2");

        Assert.Equal(-16, IommuApi.AttachDevice(rig.Domain, ivaClient));

        OmapIommuDevice iva2 = rig.Driver.FindDevice("iva2")!;
        Assert.Equal(0u, iva2.Refcount);
        Assert.Equal(0u, iva2.Instance.Iopgd);
        Assert.Null(((OmapIommuArchData)ivaClient.ArchDataIommu!).IommuDev);
        Assert.Same(rig.Isp, rig.OmapDomain.IommuDev);
    }

    [Fact]
    public void SecondDomain_OnTheSameIommu_IsEbusy_AndKeepsTheFirstTable()
    {
        var rig = new GenericOmapRig();
        IommuDomain second = IommuApi.DomainAlloc(rig.Bus)!;
        Device other = GenericOmapRig.Client("other", "isp");

        Assert.Equal(-16, IommuApi.AttachDevice(second, other));

        Assert.Equal(1u, rig.Isp.Refcount);
        Assert.Equal(rig.OmapDomain.Pgtable, rig.Isp.Instance.Iopgd);
        Assert.Equal(rig.OmapDomain.Pgtable, rig.Reg(MMU_TTB));
        Assert.Null(((OmapIommuDomain)second.Priv!).IommuDev);
        Assert.Same(rig.Domain, rig.Isp.Domain);
    }

    [Fact]
    public void Attach_UnknownIommuName_StoresThroughNull()
    {
        var rig = new GenericOmapRig(attach: false);
        Device client = GenericOmapRig.Client("cam", "nosuch");

        var ex = Assert.Throws<KernelBugException>(() => IommuApi.AttachDevice(rig.Domain, client));

        Assert.Contains("NULL pointer dereference", ex.Site);
        Assert.Null(rig.OmapDomain.IommuDev);
    }

    [Fact]
    public void Attach_WhenResetHangs_IsEnodev_AndRestoresTheRefcount()
    {
        var rig = new GenericOmapRig(attach: false);
        rig.IspMmu.ResetHangs = true;

        Assert.Equal(-19, IommuApi.AttachDevice(rig.Domain, rig.IspClient));

        Assert.Equal(0u, rig.Isp.Refcount);
        Assert.Equal(rig.OmapDomain.Pgtable, rig.Isp.Instance.Iopgd); // obj->iopgd is not reset on the error path
        Assert.Null(rig.OmapDomain.IommuDev);
        Assert.Null(rig.IspArchData.IommuDev);
        Assert.Null(rig.Isp.Domain);
    }

    [Fact]
    public void Detach_ClearsTheTable_DisablesTheMmu_AndClearsTheLinks()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x111000, 0));
        Assert.Equal(1, rig.Driver.L2Cache.LiveObjects);

        IommuApi.DetachDevice(rig.Domain, rig.IspClient);

        Assert.True(rig.L1TableIsZero());
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
        Assert.Equal(0u, rig.Reg(MMU_CNTL));
        Assert.False(rig.IspMmu.IsEnabled);
        Assert.Equal(0u, rig.Isp.Refcount);
        Assert.Equal(0u, rig.Isp.Instance.Iopgd);
        Assert.Null(rig.OmapDomain.IommuDev);
        Assert.Null(rig.IspArchData.IommuDev);
        Assert.Same(rig.Domain, rig.Isp.Domain); // obj->domain is never cleared in 3.3
    }

    [Fact]
    public void Detach_ThenReattach_StartsFromAnEmptyTable()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x1000, 0));
        IommuApi.DetachDevice(rig.Domain, rig.IspClient);

        Assert.Equal(0, IommuApi.AttachDevice(rig.Domain, rig.IspClient));

        Assert.Equal(0u, IommuApi.IovaToPhys(rig.Domain, 0x40000000)); // §8.19: detach cleared the domain's table
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
    }

    [Fact]
    public void Detach_OfADeviceWhoseIommuIsNotTheDomains_DoesNothing()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x1000, 0));
        Device stranger = GenericOmapRig.Client("stranger", "iva2");

        IommuApi.DetachDevice(rig.Domain, stranger);

        Assert.Equal(0x50000000u, IommuApi.IovaToPhys(rig.Domain, 0x40000000));
        Assert.Equal(1u, rig.Isp.Refcount);
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
        Assert.Same(rig.Isp, rig.OmapDomain.IommuDev);
    }

    [Fact]
    public void Detach_WithNeitherSideAttached_ClearsThroughNull()
    {
        var rig = new GenericOmapRig(attach: false);

        Assert.Throws<KernelBugException>(() => IommuApi.DetachDevice(rig.Domain, rig.IspClient));
    }
}
