using Migration.Kernel;

namespace Legacy.Iommu.Tests;

/// <summary>
/// Wrappers called with no IOMMU registered: mainline 2.6.34–3.1 dereferences the NULL global ops (fatal,
/// generic.md §4.2, §9.11); CAF msm-3.0 checks iommu_found() first (generic.md §8.1). The domain comes
/// from another booted kernel, standing in for a pointer this kernel never allocated.
/// </summary>
public class NoIommuTests
{
    private static (IommuCore Bare, CoreRig Other) Setup(IommuCoreFlavor flavor) => (new IommuCore(flavor), new CoreRig(flavor));

    private static void AssertNullDeref(string function, Action call)
    {
        var ex = Assert.Throws<KernelBugException>(call);
        Assert.StartsWith(function + ": NULL pointer dereference oops", ex.Site);
    }

    [Fact]
    public void Mainline_IommuFound_IsFalse_WithoutOops() => Assert.False(new IommuCore(IommuCoreFlavor.Mainline30).IommuFound());

    [Fact]
    public void Mainline_EveryWrapper_IsNullDereference()
    {
        var (bare, other) = Setup(IommuCoreFlavor.Mainline30);
        IommuDomain d = other.Domain;
        var dev = new Device("ctx");
        AssertNullDeref("iommu_domain_alloc", () => bare.IommuDomainAlloc());
        AssertNullDeref("iommu_domain_free", () => bare.IommuDomainFree(d));
        AssertNullDeref("iommu_attach_device", () => bare.IommuAttachDevice(d, dev));
        AssertNullDeref("iommu_detach_device", () => bare.IommuDetachDevice(d, dev));
        AssertNullDeref("iommu_map", () => bare.IommuMap(d, 0x10000, 0x20000, 4, 0));
        AssertNullDeref("iommu_unmap", () => bare.IommuUnmap(d, 0x10000, 4));
        AssertNullDeref("iommu_iova_to_phys", () => bare.IommuIovaToPhys(d, 0x10000));
        AssertNullDeref("iommu_domain_has_cap", () => bare.IommuDomainHasCap(d, IommuCap.IOMMU_CAP_CACHE_COHERENCY));
        Assert.Empty(other.Ops.Calls);
        Assert.True(other.Core.IsDomainAllocated(d));
    }

    [Fact]
    public void Mainline_MisalignedMap_HitsTheAlignmentBugBeforeTheNullDereference()
    {
        var (bare, other) = Setup(IommuCoreFlavor.Mainline30);
        var map = Assert.Throws<KernelBugException>(() => bare.IommuMap(other.Domain, 0x1000, 0, 4, 0));
        Assert.StartsWith("iommu_map: BUG_ON((iova | paddr) & invalid_mask)", map.Site);
        var unmap = Assert.Throws<KernelBugException>(() => bare.IommuUnmap(other.Domain, 0x1000, 4));
        Assert.StartsWith("iommu_unmap: BUG_ON(iova & invalid_mask)", unmap.Site);
    }

    [Fact]
    public void Caf_ReturnsEnodev_Zero_OrNothing_AndNeverTouchesADriver()
    {
        var (bare, other) = Setup(IommuCoreFlavor.Caf30);
        IommuDomain d = other.Domain;
        var dev = new Device("ctx");
        Assert.Null(bare.IommuDomainAlloc(0x1));
        bare.IommuDomainFree(d);
        Assert.Equal(-Errno.ENODEV, bare.IommuAttachDevice(d, dev));
        bare.IommuDetachDevice(d, dev);
        Assert.Equal(-19, bare.IommuMap(d, 0x10000, 0x20000, 4, 0));
        Assert.Equal(-19, bare.IommuUnmap(d, 0x10000, 4));
        Assert.Equal(0u, bare.IommuIovaToPhys(d, 0x10000));
        Assert.Equal(-19, bare.IommuDomainHasCap(d, IommuCap.IOMMU_CAP_CACHE_COHERENCY));
        Assert.Empty(other.Ops.Calls);
        Assert.True(other.Core.IsDomainAllocated(d));
        Assert.Equal(0, bare.LiveDomainCount);
    }

    [Fact]
    public void Caf_MisalignedMapOrUnmap_IsEnodev_NotBug_BecauseTheCheckComesFirst()
    {
        var (bare, other) = Setup(IommuCoreFlavor.Caf30);
        Assert.Equal(-19, bare.IommuMap(other.Domain, 0x1000, 0x800, 4, 0));
        Assert.Equal(-19, bare.IommuUnmap(other.Domain, 0x1000, 4));
    }
}
