using Generic.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>isp_probe / isp_remove of 3.3 on both backends (omap.md §6.1, §7.3, §7.7).</summary>
public class ProbeTests
{
    [Theory]
    [InlineData(IspMemoryBackend.Iovmm)]
    [InlineData(IspMemoryBackend.DmaMapping)]
    public void Probe_AllocatesADomainOnThePlatformBus_AttachesTheIspDevice_AndSavesTheContextAtTheFinalPut(IspMemoryBackend backend)
    {
        var rig = new IspRig(backend);

        Assert.Same(rig.Isp, rig.Platform.Device.DriverData);
        Assert.Same(rig.IspIommu, ((OmapIommuArchData)rig.Platform.Device.ArchDataIommu!).IommuDev);
        Assert.Same(rig.Domain, rig.IspIommu.Domain);
        Assert.Equal(1u, rig.IspIommu.Refcount);
        Assert.Equal(rig.Pgtable, rig.IspIommu.Instance.Iopgd);
        Assert.True(rig.Mmu.IsEnabled);
        Assert.Equal(rig.Pgtable, rig.Mmu.Read(OmapMmuRegisters.MMU_TTB));
        Assert.True(rig.L1IsZero());
        Assert.Equal(0, rig.Isp.RefCount);
        Assert.True(rig.Isp.HasContext);
        Assert.False(rig.Isp.ClocksEnabled);
        Assert.True(rig.Isp.IrqRequested);
        // omap3isp_put → isp_save_ctx → omap_iommu_save_ctx(isp->dev): the 64 words, TTB among them.
        Assert.Equal(0x11u, rig.IspIommu.Instance.Ctx[0]);
        Assert.Equal(rig.Pgtable, rig.IspIommu.Instance.Ctx[OmapMmuRegisters.MMU_TTB / 4]);
        Assert.Equal(
            ["iommu_domain_alloc", "iommu_attach_device", "omap_iommu_save_ctx"],
            rig.Isp.Memory.Calls.Select(c => c.Callee));
        Assert.Equal(["isp_probe", "isp_probe", "isp_save_ctx"], rig.Isp.Memory.Calls.Select(c => c.Caller));
    }

    [Fact]
    public void DmaBackend_SetsIommuDmaOpsOverTheDomain_WithAnIovaSpaceFrom0x1000()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);

        var ops = Assert.IsType<Generic.Iommu.Dma.IommuDmaOps>(rig.Platform.Device.ArchDataDmaOps);
        Assert.Same(rig.DmaMem.DmaOps, ops);
        Assert.Same(rig.Domain, ops.Domain);
        Assert.Equal(0x1000u, rig.Iova.Start);
        Assert.Equal(0xFFFFF000ul, rig.Iova.End);
        Assert.Equal(0, ops.ProtFor(Generic.Iommu.Dma.DmaDataDirection.Bidirectional)); // IOMMU_FLAG
    }

    [Fact]
    public void Iovmm_Remove_DetachesAndFreesTheDomain_ThenOopsesInIspSaveCtx()
    {
        var rig = new IspRig();

        var oops = Assert.Throws<KernelBugException>(rig.Isp.Remove);

        Assert.Contains("omap2_iommu_save_ctx", oops.Message, StringComparison.Ordinal);
        // omap3isp_get; iommu_detach_device; iommu_domain_free; omap3isp_put → save_ctx(dev_to_omap_iommu = NULL).
        Assert.Equal(
            [("isp_remove", "iommu_detach_device"), ("isp_remove", "iommu_domain_free"), ("isp_save_ctx", "omap_iommu_save_ctx")],
            rig.Isp.Memory.Calls.TakeLast(3).Select(c => (c.Caller, c.Callee)));
        Assert.Null(rig.Isp.Domain);
        Assert.Null(((OmapIommuArchData)rig.Platform.Device.ArchDataIommu!).IommuDev);
        Assert.Equal(0u, rig.IspIommu.Refcount);
        Assert.Equal(0u, rig.IspIommu.Instance.Iopgd);
        Assert.False(rig.Mmu.IsEnabled);
        Assert.Equal(rig.BaselineKmalloc, rig.Kmem.KmallocCount); // the 16 KiB L1 table is freed
        Assert.Equal(0, rig.IspIommu.Instance.L2Cache.LiveObjects);
        Assert.False(rig.Isp.Removed); // the oops stops isp_remove before free_irq
    }

    [Fact]
    public void Dma_Remove_SkipsTheSaveOnceTheDomainIsGone_AndFinishes()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);

        rig.Isp.Remove();

        Assert.True(rig.Isp.Removed);
        Assert.False(rig.Isp.IrqRequested);
        Assert.Null(rig.Platform.Device.DriverData);
        Assert.Null(rig.Isp.Domain);
        Assert.Same(rig.Platform.BoardDmaOps, rig.Platform.Device.ArchDataDmaOps);
        Assert.Equal(0, rig.Isp.RefCount);
        Assert.Equal(0u, rig.IspIommu.Refcount);
        Assert.False(rig.Mmu.IsEnabled);
        Assert.Equal(rig.BaselineKmalloc, rig.Kmem.KmallocCount);
        Assert.Equal(
            [("isp_remove", "iommu_detach_device"), ("isp_remove", "iommu_domain_free")],
            rig.Isp.Memory.Calls.TakeLast(2).Select(c => (c.Caller, c.Callee)));
    }
}
