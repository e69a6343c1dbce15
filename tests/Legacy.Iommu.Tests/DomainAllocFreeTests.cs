using Migration.Kernel;

namespace Legacy.Iommu.Tests;

/// <summary>iommu_domain_alloc and iommu_domain_free (generic.md §4.2, §8.1, §9.9, §9.10).</summary>
public class DomainAllocFreeTests
{
    private static (IommuCore Core, RecordingIommuOps Ops) Booted(IommuCoreFlavor flavor)
    {
        var core = new IommuCore(flavor);
        var ops = new RecordingIommuOps();
        core.RegisterIommu(ops);
        return (core, ops);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void Alloc_CallsDomainInitOnce_AndReturnsTheInitialisedDomain(IommuCoreFlavor flavor)
    {
        var (core, ops) = Booted(flavor);
        IommuDomain? d = core.IommuDomainAlloc();
        Assert.NotNull(d);
        Assert.Equal([new OpCall("domain_init", d, Flags: 0)], ops.Calls);
        Assert.Equal("fake-priv", d.Priv);
        Assert.Same(core, d.Core);
        Assert.Equal(0, d.Flags);
        Assert.Null(d.Handler);
        Assert.Equal(1, core.LiveDomainCount);
        Assert.True(core.IsDomainAllocated(d));
    }

    [Fact]
    public void Caf_FlagsArePassedToDomainInit()
    {
        var (core, ops) = Booted(IommuCoreFlavor.Caf30);
        IommuDomain? d = core.IommuDomainAlloc(0x1);
        Assert.NotNull(d);
        Assert.Equal([new OpCall("domain_init", d, Flags: 0x1)], ops.Calls);
        Assert.Equal(0x1, d.Flags);
    }

    [Fact]
    public void Mainline_HasNoFlags_DomainInitGetsZero()
    {
        var (core, ops) = Booted(IommuCoreFlavor.Mainline30);
        IommuDomain? d = core.IommuDomainAlloc(0x1);
        Assert.NotNull(d);
        Assert.Equal([new OpCall("domain_init", d, Flags: 0)], ops.Calls);
        Assert.Equal(0, d.Flags);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, -12)]
    [InlineData(IommuCoreFlavor.Mainline30, -22)]
    [InlineData(IommuCoreFlavor.Mainline30, 1)]
    [InlineData(IommuCoreFlavor.Caf30, -12)]
    [InlineData(IommuCoreFlavor.Caf30, -22)]
    [InlineData(IommuCoreFlavor.Caf30, 1)]
    public void DomainInitFailure_ReturnsNull_FreesTheDomain_NoDestroy(IommuCoreFlavor flavor, int initResult)
    {
        var (core, ops) = Booted(flavor);
        ops.DomainInitResult = initResult;
        IommuDomain? d = core.IommuDomainAlloc();
        Assert.Null(d);
        Assert.Equal(["domain_init"], ops.OpNames);
        Assert.Equal(0, core.LiveDomainCount);
        Assert.False(core.IsDomainAllocated(ops.Calls[0].Domain));
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void AllocationFailure_ReturnsNull_WithoutCallingDomainInit(IommuCoreFlavor flavor)
    {
        var (core, ops) = Booted(flavor);
        core.DomainAllocFaults.FailAt(1);
        Assert.Null(core.IommuDomainAlloc());
        Assert.Empty(ops.Calls);
        Assert.Equal(0, core.LiveDomainCount);
        Assert.NotNull(core.IommuDomainAlloc());
        Assert.Equal(1, core.LiveDomainCount);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void TwoAllocations_AreDistinctDomains(IommuCoreFlavor flavor)
    {
        var (core, _) = Booted(flavor);
        IommuDomain? a = core.IommuDomainAlloc();
        IommuDomain? b = core.IommuDomainAlloc();
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotSame(a, b);
        Assert.Equal(2, core.LiveDomainCount);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void Free_CallsDomainDestroy_AndReleasesTheDomain(IommuCoreFlavor flavor)
    {
        var rig = new CoreRig(flavor);
        rig.Core.IommuDomainFree(rig.Domain);
        Assert.Equal([new OpCall("domain_destroy", rig.Domain)], rig.Ops.Calls);
        Assert.Equal(0, rig.Core.LiveDomainCount);
        Assert.False(rig.Core.IsDomainAllocated(rig.Domain));
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void Free_DoesNotDetachAttachedDevices(IommuCoreFlavor flavor)
    {
        var rig = new CoreRig(flavor);
        var dev = new Device("ctx");
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.Domain, dev));
        rig.Core.IommuDomainFree(rig.Domain);
        Assert.Equal(["attach_dev", "domain_destroy"], rig.Ops.OpNames);
    }

    [Fact]
    public void Caf_NoIommu_AllocReturnsNull_WithoutAllocating()
    {
        var core = new IommuCore(IommuCoreFlavor.Caf30);
        Assert.Null(core.IommuDomainAlloc(0x1));
        Assert.Equal(0, core.DomainAllocFaults.Calls);
        Assert.Equal(0, core.LiveDomainCount);
    }

    [Fact]
    public void Mainline_NoIommu_AllocIsNullDereference()
    {
        var core = new IommuCore(IommuCoreFlavor.Mainline30);
        var ex = Assert.Throws<KernelBugException>(() => core.IommuDomainAlloc());
        Assert.Contains("iommu_domain_alloc: NULL pointer dereference", ex.Site);
    }
}
