using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.Msm.Vendor.Tests;

public class DomainInitTests
{
    [Fact]
    public void Boot8960_AttachesEveryBoardContextToItsDomain()
    {
        var rig = new VendorRig();
        Assert.Empty(rig.Domains.Log);
        foreach (MsmIommuDomainName name in MsmIovaLayout.Msm8960.ContextDomains)
            Assert.Same(VendorRig.Priv(rig.Domain(name.Domain)), VendorRig.CtxData(rig.Ctx(name.Name)).AttachedTo);
        int[] counts = Enumerable.Range(0, MAX_DOMAINS).Select(i => VendorRig.Priv(rig.Domain(i)).ListAttached.Count).ToArray();
        Assert.Equal([3, 8, 0, 0, 2, 0], counts);
        // Display contexts are left to the MDP driver (msm.md §7.3).
        Assert.Null(VendorRig.CtxData(rig.Ctx("mdp_vg1")).AttachedTo);
    }

    [Fact]
    public void Boot8064_AttachesRotDstToRotatorDst()
    {
        var rig = new VendorRig(MsmIovaLayout.Msm8064);
        Assert.Same(VendorRig.Priv(rig.Domain(ROTATOR_DST_DOMAIN)), VendorRig.CtxData(rig.Ctx("rot_dst")).AttachedTo);
        Assert.Single(VendorRig.Priv(rig.Domain(ROTATOR_SRC_DOMAIN)).ListAttached);
    }

    [Fact]
    public void Boot_AllocatesSixDistinctDomainsWithFlagsZero()
    {
        var rig = new VendorRig();
        var domains = Enumerable.Range(0, MAX_DOMAINS).Select(rig.Domain).ToList();
        Assert.Equal(MAX_DOMAINS, domains.Distinct().Count());
        Assert.All(domains, d => Assert.Equal(0, d.Flags));
        Assert.Equal(MAX_DOMAINS, rig.Core.LiveDomainCount);
    }

    [Fact]
    public void Boot_CreatesPoolsOnlyForNonEmptyPartitions()
    {
        var rig = new VendorRig();
        Assert.All(rig.Domains.Domains, d => Assert.Equal(3, d.Npools));
        Assert.All(rig.Domains.Domains[VIDEO_DOMAIN].IovaPools, p => Assert.NotNull(p.Gpool));
        for (int d = CAMERA_DOMAIN; d < MAX_DOMAINS; d++)
        {
            Assert.Null(rig.Domains.Domains[d].IovaPools[VIDEO_FIRMWARE_POOL].Gpool);
            Assert.Null(rig.Domains.Domains[d].IovaPools[VIDEO_MAIN_POOL].Gpool);
            MsmMemPool gen = rig.Domains.Domains[d].IovaPools[GEN_POOL];
            Assert.Equal((0x00020000u, 0x7FFE0000u), (gen.Paddr, gen.Size));
            Assert.Equal(0x7FFE0000UL, gen.Gpool!.Avail);
        }
    }

    [Fact]
    public void Boot_ReservesTheDummyBufferInKernelMemory()
    {
        var rig = new VendorRig();
        Assert.Equal(0x1FFFCu, MsmIommuDomains.IOMMU_DUMMY_SIZE);
        Assert.True(rig.Kmem.TryTranslate(rig.Domains.IommuDummy, out uint pa));
        Assert.Equal(rig.Domains.IommuDummyPhys, pa);
        Assert.True(rig.Soc.Pages.IsAllocated(pa));
        Assert.True(rig.Soc.Pages.IsAllocated(pa + MsmIommuDomains.IOMMU_DUMMY_SIZE - 1));
        Assert.Equal(1, rig.Kmem.KmallocCount);
    }

    [Fact]
    public void MissingContext_IsSkippedWithALog()
    {
        var layout = new MsmIovaLayout(
            [MsmIovaLayout.VideoPools],
            [new MsmIommuDomainName("no_such_ctx", VIDEO_DOMAIN), new MsmIommuDomainName("vcodec_a_mm1", VIDEO_DOMAIN)]);
        var rig = new VendorRig(layout);
        Assert.Equal(["iommu_domains: could not find context \"no_such_ctx\""], rig.Domains.Log);
        Assert.Same(VendorRig.Priv(rig.Video), VendorRig.CtxData(rig.Ctx("vcodec_a_mm1")).AttachedTo);
    }

    [Fact]
    public void ContextNamingAMissingDomain_IsSkippedSilently()
    {
        var layout = new MsmIovaLayout([MsmIovaLayout.VideoPools], [new MsmIommuDomainName("vpe_src", CAMERA_DOMAIN)]);
        var rig = new VendorRig(layout);
        Assert.Empty(rig.Domains.Log);
        Assert.Null(VendorRig.CtxData(rig.Ctx("vpe_src")).AttachedTo);
    }

    [Fact]
    public void ContextListedTwice_SecondAttachFailsBusyAndIsLogged()
    {
        var layout = new MsmIovaLayout(
            [MsmIovaLayout.VideoPools, MsmIovaLayout.GenPoolOnly],
            [new MsmIommuDomainName("vpe_src", VIDEO_DOMAIN), new MsmIommuDomainName("vpe_src", CAMERA_DOMAIN)]);
        var rig = new VendorRig(layout);
        string msg = Assert.Single(rig.Domains.Log);
        Assert.Contains("could not attach domain 1 to context vpe_src", msg);
        Assert.Contains("EBUSY", msg);
        Assert.Same(VendorRig.Priv(rig.Video), VendorRig.CtxData(rig.Ctx("vpe_src")).AttachedTo);
    }

    [Fact]
    public void FailedDomainAlloc_LeavesDomainNullWithoutPoolsOrContexts()
    {
        var rig = new VendorRig(beforeDomains: r => r.Core.DomainAllocFaults.FailAt(2));
        Assert.Null(rig.Domains.MsmGetIommuDomain(CAMERA_DOMAIN));
        Assert.Equal(["iommu_domains: could not allocate domain 1"], rig.Domains.Log);
        Assert.All(rig.Domains.Domains[CAMERA_DOMAIN].IovaPools, p => Assert.Null(p.Gpool));
        Assert.Null(VendorRig.CtxData(rig.Ctx("vfe_imgwr")).AttachedTo);
        Assert.Equal(0u, rig.Domains.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
        // The other domains boot normally and the IOMMU stays in use.
        Assert.NotNull(rig.Domains.MsmGetIommuDomain(DISPLAY_READ_DOMAIN));
        Assert.Equal(1, rig.Domains.MsmUseIommu());
    }
}
