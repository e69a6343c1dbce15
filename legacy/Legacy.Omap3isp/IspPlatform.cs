using Legacy.Omap;
using Migration.Clients.Omap3isp;
using Migration.Hardware;
using Migration.Kernel;

namespace Legacy.Omap3isp;

/// <summary>
/// What isp_probe gets in Linux 3.0: the "omap3isp" platform device (struct platform_device and its
/// isp_platform_data), on the SoC whose kernel runs the 3.0 OMAP IOMMU driver, plus the knobs a test uses
/// to walk the probe error path and the histogram's two buffer paths.
/// </summary>
public sealed class IspPlatform : IIspPlatform
{
    /// <summary>Creates the platform description for a booted 3.0 world.</summary>
    public IspPlatform(Soc soc, KernelMemory kernelMemory, OmapIommuDriver iommuDriver)
    {
        ArgumentNullException.ThrowIfNull(soc);
        ArgumentNullException.ThrowIfNull(kernelMemory);
        ArgumentNullException.ThrowIfNull(iommuDriver);
        Soc = soc;
        KernelMemory = kernelMemory;
        IommuDriver = iommuDriver;
        Device = new Device("omap3isp");
        UserSpace = new UserAddressSpace(kernelMemory);
    }

    /// <summary>The simulated SoC (physical memory and the ISP MMU).</summary>
    public Soc Soc { get; }

    /// <summary>Kernel memory services (kmalloc, vmalloc_32_user, dma_alloc_coherent's pages).</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>The bound "omap-iommu" platform driver that iommu_get("isp") searches.</summary>
    public OmapIommuDriver IommuDriver { get; }

    /// <summary>&amp;pdev->dev of the "omap3isp" platform device (drvdata = the isp_device after probe).</summary>
    public Device Device { get; init; }

    /// <summary>current->mm of the application: USERPTR buffers and the FPC/LSC tables are copied from it.</summary>
    public UserAddressSpace UserSpace { get; init; }

    /// <summary>Failure injection for isp_probe (not kernel state).</summary>
    public IspProbeFailure FailAt { get; set; }

    /// <summary>
    /// Whether omap3isp_hist_init obtains a system DMA channel (omap_request_dma succeeds, HIST_CONFIG_DMA = 1):
    /// the histogram then uses dma_alloc_coherent; otherwise it falls back to the IOMMU path (omap.md §6.2).
    /// </summary>
    public bool HistDmaChannelAvailable { get; set; } = true;
}
