using Generic.Omap;
using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>
/// The isp_probe error path for every injected failure (omap.md §6.1, §7.7): detach + domain free after a
/// successful attach, domain free after a failed attach, then omap3isp_put, which in 3.3 saves the IOMMU
/// context through dev_to_omap_iommu(isp->dev) without a NULL guard.
/// </summary>
public class ProbeErrorPathTests
{
    public static TheoryData<IspProbeFailure, int, string[]> Failures => new()
    {
        { IspProbeFailure.Reset, -110, [] },
        { IspProbeFailure.IoremapResource, -19, [] },
        { IspProbeFailure.Iommu, -19, ["iommu_domain_alloc", "iommu_attach_device", "iommu_domain_free"] },
        { IspProbeFailure.Irq, -22, ["iommu_domain_alloc", "iommu_attach_device", "iommu_detach_device", "iommu_domain_free"] },
        { IspProbeFailure.ModuleInit, -12, ["iommu_domain_alloc", "iommu_attach_device", "iommu_detach_device", "iommu_domain_free"] },
        { IspProbeFailure.EntityRegistration, -22, ["iommu_domain_alloc", "iommu_attach_device", "iommu_detach_device", "iommu_domain_free"] },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Iovmm_EveryFailure_UnwindsTheIommu_ThenOopsesInOmap3ispPut(IspProbeFailure failAt, int errno, string[] iommuCalls)
    {
        _ = errno; // 3.3 never gets to return it
        var rig = new IspRig(probe: false);
        rig.Platform.FailAt = failAt;

        var oops = Assert.Throws<KernelBugException>(() => IspDevice.Probe(rig.Platform, out _));

        Assert.Contains("omap2_iommu_save_ctx", oops.Message, StringComparison.Ordinal);
        var isp = Assert.IsType<IspDevice>(rig.Platform.Device.DriverData); // the oops left drvdata set
        Assert.Equal([.. iommuCalls, "omap_iommu_save_ctx"], isp.Memory.Calls.Select(c => c.Callee));
        Assert.Equal(0, isp.RefCount);
        Assert.False(isp.IrqRequested);
        AssertNoIommuStateLeft(rig, failAt);
        if (failAt == IspProbeFailure.Iommu)
            Assert.Equal(unchecked((uint)-Errno.ENODEV), isp.Memory.Calls[1].Result); // iommu_enable: reset never completes
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public void Dma_EveryFailure_ReturnsTheErrno_WithDetachAndDomainFree(IspProbeFailure failAt, int errno, string[] iommuCalls)
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping, probe: false);
        rig.Platform.FailAt = failAt;

        Assert.Equal(errno, IspDevice.Probe(rig.Platform, out IspDevice? isp));

        Assert.Null(isp);
        Assert.Null(rig.Platform.Device.DriverData);
        Assert.Same(rig.Platform.BoardDmaOps, rig.Platform.Device.ArchDataDmaOps);
        AssertNoIommuStateLeft(rig, failAt);
        Assert.Equal(0, rig.Platform.IommuDriver.Devices.Count(d => d.Refcount != 0));
        _ = iommuCalls;
    }

    [Fact]
    public void Dma_ProbeAfterAFailedProbe_Succeeds_OnTheSameDevice()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping, probe: false);
        rig.Platform.FailAt = IspProbeFailure.EntityRegistration;
        Assert.Equal(-Errno.EINVAL, IspDevice.Probe(rig.Platform, out _));

        rig.Platform.FailAt = IspProbeFailure.None;
        Assert.Equal(0, IspDevice.Probe(rig.Platform, out IspDevice? isp));

        Assert.NotNull(isp!.Domain);
        Assert.True(rig.Mmu.IsEnabled);
    }

    // No page-table memory and no attachment left: L1 table freed, no L2 table, MMU off and detached.
    private static void AssertNoIommuStateLeft(IspRig rig, IspProbeFailure failAt)
    {
        Assert.Equal(rig.BaselineKmalloc, rig.Kmem.KmallocCount);
        Assert.Equal(0, rig.IspIommu.Instance.L2Cache.LiveObjects);
        Assert.Equal(0u, rig.IspIommu.Refcount);
        uint iopgd = rig.IspIommu.Instance.Iopgd;
        if (failAt == IspProbeFailure.Iommu)
        {
            // omap_iommu_attach set obj->iopgd before the failed enable and leaves it (omap.md §7.3): it now
            // points at the L1 table iommu_domain_free gave back.
            Assert.NotEqual(0u, iopgd);
            Assert.False(rig.Platform.Soc.Pages.IsAllocated(iopgd));
        }
        else
        {
            Assert.Equal(0u, iopgd);
        }
        Assert.Null(((OmapIommuArchData)rig.Platform.Device.ArchDataIommu!).IommuDev);
        Assert.False(rig.Mmu.IsEnabled);
        Assert.False(rig.Mmu.ResetHangs); // the injection is undone
        Assert.Empty(rig.Areas);
    }
}
