using Migration.Kernel;

namespace Legacy.Iommu.Tests;

/// <summary>register_iommu and iommu_found (generic.md §4.1, §9.11).</summary>
public class RegistrationTests
{
    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void Fresh_NothingRegistered(IommuCoreFlavor flavor)
    {
        var core = new IommuCore(flavor);
        Assert.Equal(flavor, core.Flavor);
        Assert.False(core.IommuFound());
        Assert.Null(core.Ops);
        Assert.Equal(0, core.LiveDomainCount);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void Register_SetsTheGlobalOps(IommuCoreFlavor flavor)
    {
        var core = new IommuCore(flavor);
        var ops = new RecordingIommuOps();
        core.RegisterIommu(ops);
        Assert.True(core.IommuFound());
        Assert.Same(ops, core.Ops);
        Assert.Empty(ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void SecondRegister_IsBug_AndKeepsTheFirstOps(IommuCoreFlavor flavor)
    {
        var core = new IommuCore(flavor);
        var first = new RecordingIommuOps();
        core.RegisterIommu(first);
        var ex = Assert.Throws<KernelBugException>(() => core.RegisterIommu(new RecordingIommuOps()));
        Assert.Contains("register_iommu", ex.Site);
        Assert.Same(first, core.Ops);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void RegisteringTheSameOpsTwice_IsAlsoBug(IommuCoreFlavor flavor)
    {
        var core = new IommuCore(flavor);
        var ops = new RecordingIommuOps();
        core.RegisterIommu(ops);
        Assert.Throws<KernelBugException>(() => core.RegisterIommu(ops));
    }

    [Fact]
    public void Register_NullOps_IsCSharpMisuse() =>
        Assert.Throws<ArgumentNullException>(() => new IommuCore(IommuCoreFlavor.Caf30).RegisterIommu(null!));

    [Fact]
    public void Cores_AreIndependentKernels()
    {
        var a = new IommuCore(IommuCoreFlavor.Caf30);
        var b = new IommuCore(IommuCoreFlavor.Caf30);
        a.RegisterIommu(new RecordingIommuOps());
        Assert.True(a.IommuFound());
        Assert.False(b.IommuFound());
        b.RegisterIommu(new RecordingIommuOps());
        Assert.True(b.IommuFound());
    }

    [Fact]
    public void UnknownFlavor_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IommuCore((IommuCoreFlavor)7));
}
