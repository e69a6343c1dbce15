using Generic.Iommu;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Generic.Omap.Tests;

/// <summary>The 3.2+ fault path: report_iommu_fault(obj->domain, obj->dev, da, 0) (omap.md §7.6, §8.22).</summary>
public class FaultTests
{
    private static List<(IommuDomain Domain, Device Dev, uint Iova, int Flags)> SetRecorder(GenericOmapRig rig, int answer)
    {
        var calls = new List<(IommuDomain, Device, uint, int)>();
        IommuApi.SetFaultHandler(rig.Domain, (d, dev, iova, flags) =>
        {
            calls.Add((d, dev, iova, flags));
            return answer;
        });
        return calls;
    }

    [Fact]
    public void HandlerReturningZero_GetsDomainIommuDeviceDaAndFlagsZero_AndTheMmuStaysOn()
    {
        var rig = new GenericOmapRig();
        var calls = SetRecorder(rig, 0);

        OmapMmuTranslation t = rig.IspMmu.Translate(0x00ABC123);

        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        var call = Assert.Single(calls);
        Assert.Same(rig.Domain, call.Domain);
        Assert.Same(rig.Isp.Dev, call.Dev); // the IOMMU's own device, not the ISP client
        Assert.Equal(0x00ABC123u, call.Iova);
        Assert.Equal(0, call.Flags);
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
        Assert.Equal(0u, rig.Reg(MMU_IRQSTATUS)); // acknowledged
        Assert.Equal(1, rig.IspMmu.Interrupt.Raised);
        Assert.Equal(0, rig.IspMmu.Interrupt.Unhandled);
        Assert.Null(rig.Driver.LastUnhandledFault);
    }

    [Fact]
    public void NoHandler_Enosys_DisablesTheMmu_AndReturnsIrqNone()
    {
        var rig = new GenericOmapRig();

        Assert.Equal(OmapMmuOutcome.Fault, rig.IspMmu.Translate(0x00ABC123).Outcome);

        Assert.Equal(0u, rig.Reg(MMU_CNTL));
        Assert.Equal(1, rig.IspMmu.Interrupt.Unhandled);
        Assert.Equal((0x00ABC123u, MMU_IRQ_TRANSLATIONFAULT), rig.Driver.LastUnhandledFault);
        Assert.Equal(OmapMmuOutcome.Bypass, rig.IspMmu.Translate(0x00ABC123).Outcome);
    }

    [Fact]
    public void HandlerReturningNonZero_DisablesTheMmu()
    {
        var rig = new GenericOmapRig();
        var calls = SetRecorder(rig, 1);

        _ = rig.IspMmu.Translate(0x00ABC123);

        Assert.Single(calls);
        Assert.Equal(0u, rig.Reg(MMU_CNTL));
        Assert.Equal(1, rig.IspMmu.Interrupt.Unhandled);
    }

    [Fact]
    public void FaultWhileDetached_IsIrqNone_WithoutCallingTheHandler()
    {
        var rig = new GenericOmapRig();
        var calls = SetRecorder(rig, 0);
        IommuApi.DetachDevice(rig.Domain, rig.IspClient);

        // The MMU is off, so only another device on the shared line can raise it now.
        Assert.Equal(Migration.Hardware.IrqReturn.None, rig.IspMmu.Interrupt.Raise());

        Assert.Empty(calls);
    }
}
