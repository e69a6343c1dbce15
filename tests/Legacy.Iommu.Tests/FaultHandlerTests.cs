using Migration.Kernel;

namespace Legacy.Iommu.Tests;

/// <summary>iommu_set_fault_handler and report_iommu_fault (generic.md §3.2, §4.5, §9.13).</summary>
public class FaultHandlerTests
{
    private sealed record FaultCall(IommuDomain Domain, Device Dev, uint Iova, int Flags);

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0)]
    [InlineData(IommuCoreFlavor.Caf30, -38)]
    public void NoHandler_DefaultReturn(IommuCoreFlavor flavor, int expected)
    {
        var rig = new CoreRig(flavor);
        Assert.Null(rig.Domain.Handler);
        Assert.Equal(expected, rig.Core.ReportIommuFault(rig.Domain, new Device("ctx"), 0x40001000, IommuFaultFlags.IOMMU_FAULT_READ));
        Assert.Empty(rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0)]
    [InlineData(IommuCoreFlavor.Mainline30, -16)]
    [InlineData(IommuCoreFlavor.Caf30, 0)]
    [InlineData(IommuCoreFlavor.Caf30, -16)]
    [InlineData(IommuCoreFlavor.Caf30, 1)]
    public void Handler_GetsExactArguments_AndItsValueIsReturned(IommuCoreFlavor flavor, int handlerResult)
    {
        var rig = new CoreRig(flavor);
        var seen = new List<FaultCall>();
        IommuFaultHandler handler = (d, dev, iova, flags) =>
        {
            seen.Add(new FaultCall(d, dev, iova, flags));
            return handlerResult;
        };
        rig.Core.IommuSetFaultHandler(rig.Domain, handler);
        Assert.Same(handler, rig.Domain.Handler);

        var ctx = new Device("ctx1");
        Assert.Equal(handlerResult, rig.Core.ReportIommuFault(rig.Domain, ctx, 0x4000ABCD, IommuFaultFlags.IOMMU_FAULT_WRITE));
        Assert.Equal([new FaultCall(rig.Domain, ctx, 0x4000ABCD, 1)], seen);
        Assert.Empty(rig.Ops.Calls);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void SetFaultHandler_NullDomain_IsBug(IommuCoreFlavor flavor)
    {
        var core = new IommuCore(flavor);
        var ex = Assert.Throws<KernelBugException>(() => core.IommuSetFaultHandler(null, (_, _, _, _) => 0));
        Assert.Equal("iommu_set_fault_handler: BUG_ON(!domain)", ex.Site);
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30, 0)]
    [InlineData(IommuCoreFlavor.Caf30, -38)]
    public void SecondHandlerReplacesTheFirst_NullUninstalls(IommuCoreFlavor flavor, int noHandler)
    {
        var rig = new CoreRig(flavor);
        var dev = new Device("ctx");
        rig.Core.IommuSetFaultHandler(rig.Domain, (_, _, _, _) => 7);
        rig.Core.IommuSetFaultHandler(rig.Domain, (_, _, _, _) => 9);
        Assert.Equal(9, rig.Core.ReportIommuFault(rig.Domain, dev, 0, 0));
        rig.Core.IommuSetFaultHandler(rig.Domain, null);
        Assert.Equal(noHandler, rig.Core.ReportIommuFault(rig.Domain, dev, 0, 0));
    }

    [Theory]
    [InlineData(IommuCoreFlavor.Mainline30)]
    [InlineData(IommuCoreFlavor.Caf30)]
    public void Handlers_ArePerDomain(IommuCoreFlavor flavor)
    {
        var rig = new CoreRig(flavor);
        IommuDomain? second = rig.Core.IommuDomainAlloc();
        Assert.NotNull(second);
        rig.Core.IommuSetFaultHandler(rig.Domain, (_, _, _, _) => 5);
        Assert.Null(second.Handler);
        Assert.Equal(5, rig.Core.ReportIommuFault(rig.Domain, new Device("a"), 0, 0));
    }

    [Fact]
    public void FaultPath_NeedsNoRegisteredIommu()
    {
        // set_fault_handler and the report_iommu_fault inline touch only the domain, never iommu_ops.
        var bare = new IommuCore(IommuCoreFlavor.Mainline30);
        var other = new CoreRig(IommuCoreFlavor.Caf30);
        bare.IommuSetFaultHandler(other.Domain, (_, _, iova, _) => (int)(iova >> 12));
        Assert.Equal(0x40001, bare.ReportIommuFault(other.Domain, new Device("ctx"), 0x40001000, 0));
    }
}
