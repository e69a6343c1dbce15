using Migration.Hardware;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Legacy.Omap.Tests;

/// <summary>The 3.0 fault interrupt handler (omap.md §2.5, §4.7, §8.22).</summary>
public class FaultInterruptTests
{
    private static (LegacyOmapRig Rig, LegacyOmapRig.FaultRecorder Recorder, object Priv) RigWithCallback(int answer)
    {
        var rig = new LegacyOmapRig(getIsp: false);
        var recorder = new LegacyOmapRig.FaultRecorder { Answer = answer };
        object priv = new();
        Assert.Equal(0, OmapIommu.SetIsr(rig.Driver, "isp", recorder.Callback, priv));
        Assert.False(OmapIommu.Get(rig.Driver, "isp").IsErrOrNull);
        return (rig, recorder, priv);
    }

    [Fact]
    public void UnmappedAccess_WithWalkerOn_SetsTranslationFaultStatusAndFaultAddress()
    {
        var rig = new LegacyOmapRig();
        rig.IspMmu.Write(MMU_IRQENABLE, 0); // observe the raw status before any handler acknowledges it

        OmapMmuTranslation t = rig.IspMmu.Translate(0x12345678);

        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        Assert.Equal(MMU_IRQ_TRANSLATIONFAULT, t.FaultBits);
        Assert.Equal(0x2u, rig.Reg(MMU_IRQSTATUS));
        Assert.Equal(0x12345678u, rig.Reg(MMU_FAULT_AD));
        Assert.Equal(0, rig.IspMmu.Interrupt.Raised);
    }

    [Fact]
    public void CallbackReturningZero_Handles_AcknowledgesAndKeepsTheMmuOn()
    {
        var (rig, recorder, priv) = RigWithCallback(answer: 0);

        OmapMmuTranslation t = rig.IspMmu.Translate(0x00ABC123);

        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        var call = Assert.Single(recorder.Calls);
        Assert.Same(rig.Isp, call.Obj);
        Assert.Equal(0x00ABC123u, call.Da);
        Assert.Equal(0x2u, call.Errs); // OMAP_IOMMU_ERR_TRANS_FAULT
        Assert.Same(priv, call.Priv);
        Assert.Equal(0u, call.IrqStatusDuringCall); // acknowledged before the callback runs (2.6.39+)
        Assert.Equal(0u, rig.Reg(MMU_IRQSTATUS));
        Assert.Equal(0x00ABC123u, rig.Reg(MMU_FAULT_AD));
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
        Assert.Equal(1, rig.IspMmu.Interrupt.Raised);
        Assert.Equal(0, rig.IspMmu.Interrupt.Unhandled);
        Assert.Null(rig.Driver.LastUnhandledFault);
        Assert.Equal(0, rig.IspMmu.Clock.EnableCount);
    }

    [Fact]
    public void HandledFault_ReturnsIrqHandled()
    {
        var (rig, recorder, _) = RigWithCallback(answer: 0);
        rig.IspMmu.Write(MMU_IRQENABLE, 0);
        _ = rig.IspMmu.Translate(0x00300000);

        IrqReturn ret = rig.IspMmu.Interrupt.Raise();

        Assert.Equal(IrqReturn.Handled, ret);
        Assert.Single(recorder.Calls);
        Assert.Equal(0u, rig.Reg(MMU_IRQSTATUS));
    }

    [Fact]
    public void NoCallback_DisablesTheMmuAndRecordsTheFault()
    {
        var rig = new LegacyOmapRig();
        rig.IspMmu.Write(MMU_IRQENABLE, 0);
        _ = rig.IspMmu.Translate(0x00400ABC);

        IrqReturn ret = rig.IspMmu.Interrupt.Raise();

        Assert.Equal(IrqReturn.None, ret);
        Assert.Equal(0u, rig.Reg(MMU_CNTL) & 0xE);
        Assert.Equal(0u, rig.Reg(MMU_SYSCONFIG));
        Assert.Equal(0u, rig.Reg(MMU_IRQSTATUS)); // acknowledged by fault_isr before the decision
        Assert.Equal(1, rig.IspMmu.Interrupt.Unhandled);
        Assert.Equal(((uint)0x00400ABC, (uint)0x2), rig.Driver.LastUnhandledFault);
        Assert.Equal(0, rig.IspMmu.Clock.EnableCount);
    }

    [Fact]
    public void NoCallback_DeviceAccessFault_DisablesTheMmu_AndLaterAccessesBypass()
    {
        var rig = new LegacyOmapRig();

        OmapMmuTranslation t = rig.IspMmu.Translate(0x00800000);

        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        Assert.Equal(1, rig.IspMmu.Interrupt.Raised);
        Assert.Equal(1, rig.IspMmu.Interrupt.Unhandled);
        Assert.Equal(0u, rig.Reg(MMU_CNTL) & 0xE);
        Assert.False(rig.IspMmu.IsEnabled);
        Assert.Equal(((uint)0x00800000, (uint)0x2), rig.Driver.LastUnhandledFault);
        Assert.Equal(1u, rig.Isp.Refcount); // the user still holds it
        Assert.Equal(OmapMmuOutcome.Bypass, rig.IspMmu.Translate(0x00800000).Outcome);
    }

    [Fact]
    public void AfterAnUnhandledFault_OnlyAFreshFirstGetReenables()
    {
        var rig = new LegacyOmapRig();
        _ = rig.IspMmu.Translate(0x00800000);
        Assert.False(rig.IspMmu.IsEnabled);

        ErrPtr<OmapIommu> second = OmapIommu.Get(rig.Driver, "isp");
        Assert.False(rig.IspMmu.IsEnabled); // refcount 1 -> 2: no enable

        OmapIommu.Put(second);
        OmapIommu.Put(rig.Isp);
        _ = OmapIommu.Get(rig.Driver, "isp");
        Assert.True(rig.IspMmu.IsEnabled);
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
    }

    [Fact]
    public void CallbackReturningNonZero_DisablesTheMmu()
    {
        var (rig, recorder, _) = RigWithCallback(answer: -1);

        _ = rig.IspMmu.Translate(0x00900000);

        Assert.Single(recorder.Calls);
        Assert.Equal(0u, rig.Reg(MMU_CNTL) & 0xE);
        Assert.Equal(1, rig.IspMmu.Interrupt.Unhandled);
        Assert.Equal(((uint)0x00900000, (uint)0x2), rig.Driver.LastUnhandledFault);
    }

    [Fact]
    public void RefcountZero_ReturnsIrqNone_WithoutTouchingStatusOrCallback()
    {
        var (rig, recorder, _) = RigWithCallback(answer: 0);
        OmapIommu.SaveCtx(rig.Isp);
        OmapIommu.Put(rig.Isp);
        OmapIommu.RestoreCtx(rig.Isp); // MMU running again with no user
        Assert.Equal(0u, rig.Isp.Refcount);
        Assert.True(rig.IspMmu.IsEnabled);

        OmapMmuTranslation t = rig.IspMmu.Translate(0x00A00000);

        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        Assert.Equal(1, rig.IspMmu.Interrupt.Raised);
        Assert.Equal(1, rig.IspMmu.Interrupt.Unhandled);
        Assert.Empty(recorder.Calls);
        Assert.Equal(0x2u, rig.Reg(MMU_IRQSTATUS)); // not acknowledged
        Assert.Equal(0x00A00000u, rig.Reg(MMU_FAULT_AD));
        Assert.True(rig.IspMmu.IsEnabled); // not disabled either
        Assert.Null(rig.Driver.LastUnhandledFault);
        Assert.Equal(IrqReturn.None, rig.IspMmu.Interrupt.Raise());
        Assert.Equal(0, rig.IspMmu.Clock.EnableCount);
    }

    [Fact]
    public void NoPendingStatus_IsHandledWithoutCallingTheCallback()
    {
        var (rig, recorder, _) = RigWithCallback(answer: -1);

        IrqReturn ret = rig.IspMmu.Interrupt.Raise();

        Assert.Equal(IrqReturn.Handled, ret);
        Assert.Empty(recorder.Calls);
        Assert.True(rig.IspMmu.IsEnabled);
        Assert.Null(rig.Driver.LastUnhandledFault);
    }

    [Fact]
    public void SeveralPendingCauses_ArePassedAsOneErrsMask_WithTheLastFaultAddress()
    {
        var (rig, recorder, _) = RigWithCallback(answer: 0);
        rig.IspMmu.Write(MMU_IRQENABLE, 0);
        _ = rig.IspMmu.Translate(0x00100000); // translation fault (walker on)
        rig.IspMmu.Write(MMU_CNTL, MMU_CNTL_MMU_EN);
        _ = rig.IspMmu.Translate(0x00200000); // TLB miss (walker off)
        Assert.Equal(0x3u, rig.Reg(MMU_IRQSTATUS));

        Assert.Equal(IrqReturn.Handled, rig.IspMmu.Interrupt.Raise());

        var call = Assert.Single(recorder.Calls);
        Assert.Equal(OmapIommuErrors.OMAP_IOMMU_ERR_TLB_MISS | OmapIommuErrors.OMAP_IOMMU_ERR_TRANS_FAULT, call.Errs);
        Assert.Equal(0x00200000u, call.Da);
        Assert.Equal(0u, rig.Reg(MMU_IRQSTATUS));
    }

    [Fact]
    public void MappedAccess_RaisesNoInterrupt()
    {
        var (rig, recorder, _) = RigWithCallback(answer: 0);
        SgTable sgt = rig.SgOfPages(1, out _);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);

        Assert.True(rig.IspMmu.Translate(da).Succeeded);

        Assert.Equal(0, rig.IspMmu.Interrupt.Raised);
        Assert.Empty(recorder.Calls);
        Assert.Equal(0u, rig.Reg(MMU_IRQSTATUS));
    }
}
