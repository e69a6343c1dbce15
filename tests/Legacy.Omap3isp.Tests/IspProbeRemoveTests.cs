using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Legacy.Omap3isp.Tests;

/// <summary>isp_probe's iommu_get, its error path's iommu_put, and isp_remove's iommu_put (omap.md §6.1).</summary>
public class IspProbeRemoveTests
{
    [Fact]
    public void Probe_TakesTheIspIommu_EnablesItAndSavesTheContextOnTheFinalPut()
    {
        var rig = new IspRig();

        int ret = IspDevice.Probe(rig.Platform, out IspDevice? isp);

        Assert.Equal(0, ret);
        Assert.NotNull(isp);
        Assert.Same(rig.Iommu, isp.Iommu);
        Assert.Equal(1u, rig.Iommu.Refcount);
        Assert.True(rig.Mmu.IsEnabled);
        Assert.True(rig.Mmu.TableWalkerEnabled);
        Assert.Equal(rig.Iommu.Instance.Iopgd, rig.Mmu.Read(MMU_TTB));
        Assert.Same(isp, rig.Platform.Device.DriverData);
        // omap3isp_get in probe only sets has_context; the final omap3isp_put saves (isp_save_ctx).
        Assert.Equal(0, isp.RefCount);
        Assert.True(isp.HasContext);
        Assert.False(isp.ClocksEnabled);
        Assert.Equal(1, isp.IommuCtxSaves);
        Assert.Equal(0, isp.IommuCtxRestores);
        Assert.Equal(0x11u, rig.Iommu.Instance.Ctx[0]);
        Assert.Equal(0x6u, rig.Iommu.Instance.Ctx[MMU_CNTL / 4]);
        Assert.Equal(rig.Iommu.Instance.Iopgd, rig.Iommu.Instance.Ctx[MMU_TTB / 4]);
        Assert.True(isp.IrqRequested);
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void Probe_WithoutAnIspIommuDevice_FailsWithEnodev()
    {
        var rig = new IspRig();
        rig.Driver.Remove(rig.Iommu);

        int ret = IspDevice.Probe(rig.Platform, out IspDevice? isp);

        Assert.Equal(-Errno.ENODEV, ret);
        Assert.Null(isp);
    }

    [Theory]
    [InlineData(IspProbeFailure.Reset, -110, false)]
    [InlineData(IspProbeFailure.IoremapResource, -Errno.ENODEV, false)]
    [InlineData(IspProbeFailure.Iommu, -Errno.ENODEV, false)]
    [InlineData(IspProbeFailure.Irq, -Errno.EINVAL, true)]
    [InlineData(IspProbeFailure.ModuleInit, -Errno.ENOMEM, true)]
    [InlineData(IspProbeFailure.EntityRegistration, -Errno.EINVAL, true)]
    public void Probe_ErrorPath_PutsTheIommuAndLeavesNothingBehind(IspProbeFailure failAt, int expected, bool iommuWasTaken)
    {
        var rig = new IspRig();
        rig.Platform.FailAt = failAt;

        int ret = IspDevice.Probe(rig.Platform, out IspDevice? isp);

        Assert.Equal(expected, ret);
        Assert.Null(isp);
        Assert.Null(rig.Platform.Device.DriverData);
        Assert.Equal(0u, rig.Iommu.Refcount);
        Assert.False(rig.Mmu.IsEnabled);
        Assert.Empty(rig.Areas);
        uint[] ctx = rig.Iommu.Instance.Ctx;
        if (iommuWasTaken)
        {
            // error_isp: iommu_put disabled the MMU, then omap3isp_put's isp_save_ctx still saved the put
            // IOMMU's registers (isp->iommu is not cleared): the saved CNTL is the disabled one.
            Assert.Equal(0x11u, ctx[0]);
            Assert.Equal(0u, ctx[MMU_CNTL / 4]);
            Assert.Equal(rig.Iommu.Instance.Iopgd, ctx[MMU_TTB / 4]);
        }
        else
        {
            // isp->iommu is NULL (never taken, or reset to NULL after iommu_get failed): no iommu_save_ctx.
            Assert.All(ctx, w => Assert.Equal(0u, w));
        }
    }

    [Fact]
    public void Probe_IommuFailure_LeavesTheMmuUsableForTheNextProbe()
    {
        var rig = new IspRig();
        rig.Platform.FailAt = IspProbeFailure.Iommu;
        Assert.Equal(-Errno.ENODEV, IspDevice.Probe(rig.Platform, out _));
        Assert.False(rig.Mmu.ResetHangs);

        rig.Platform.FailAt = IspProbeFailure.None;
        IspDevice isp = rig.Probe();

        Assert.Equal(1u, rig.Iommu.Refcount);
        Assert.True(rig.Mmu.IsEnabled);
        Assert.Same(rig.Iommu, isp.Iommu);
    }

    [Fact]
    public void Probe_ErrorAfterTheIommu_ThenASecondProbeTakesItAgain()
    {
        var rig = new IspRig();
        rig.Platform.FailAt = IspProbeFailure.EntityRegistration;
        Assert.Equal(-Errno.EINVAL, IspDevice.Probe(rig.Platform, out _));

        rig.Platform.FailAt = IspProbeFailure.None;
        IspDevice isp = rig.Probe();

        Assert.Equal(1u, rig.Iommu.Refcount);
        Assert.Equal(1, isp.IommuCtxSaves);
    }

    [Fact]
    public void Probe_KzallocFailure_IsEnomemBeforeAnyIommuCall()
    {
        var rig = new IspRig();
        rig.Kmem.KzallocFaults.FailAt(1);

        Assert.Equal(-Errno.ENOMEM, IspDevice.Probe(rig.Platform, out IspDevice? isp));

        Assert.Null(isp);
        Assert.Equal(0u, rig.Iommu.Refcount);
        Assert.False(rig.Mmu.IsEnabled);
    }

    [Fact]
    public void Remove_GetsThePowerPutsTheIommuAndSavesTheDisabledContext()
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        // The context is lost while the ISP is off; remove's omap3isp_get restores it before iommu_put.
        rig.Mmu.Write(MMU_TTB, 0);

        isp.Remove();

        Assert.Equal(0u, rig.Iommu.Refcount);
        Assert.False(rig.Mmu.IsEnabled);
        Assert.Equal(1, isp.IommuCtxRestores);
        Assert.Equal(2, isp.IommuCtxSaves);
        Assert.Equal(0u, rig.Iommu.Instance.Ctx[MMU_CNTL / 4]);
        Assert.Equal(rig.Iommu.Instance.Iopgd, rig.Mmu.Read(MMU_TTB));
        Assert.Equal(0, isp.RefCount);
        Assert.False(isp.IrqRequested);
        Assert.True(isp.Removed);
        Assert.Null(rig.Platform.Device.DriverData);
    }

    [Fact]
    public void Remove_WhileTheIspIsOpen_KeepsTheOpenersReference()
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        Assert.NotNull(isp.Get());

        isp.Remove();

        Assert.Equal(0u, rig.Iommu.Refcount);
        Assert.Equal(1, isp.RefCount);
        Assert.Equal(1, isp.IommuCtxSaves); // no 1→0 transition inside remove
    }
}
