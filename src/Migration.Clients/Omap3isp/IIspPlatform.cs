using Migration.Hardware;
using Migration.Kernel;

namespace Migration.Clients.Omap3isp;

/// <summary>
/// What the omap3isp core reads from the platform it was probed on, whichever era booted it: the "omap3isp"
/// platform device, the kernel and user memory it works with, and the failure-injection knobs.
/// </summary>
public interface IIspPlatform
{
    /// <summary>The simulated SoC (physical memory and the ISP MMU).</summary>
    Soc Soc { get; }

    /// <summary>Kernel memory services (kzalloc, vmalloc_32_user, vmalloc_to_page).</summary>
    KernelMemory KernelMemory { get; }

    /// <summary>&amp;pdev->dev of the "omap3isp" platform device (drvdata = the isp_device after probe).</summary>
    Device Device { get; }

    /// <summary>current->mm of the application: USERPTR buffers and the FPC/LSC tables are read from it.</summary>
    UserAddressSpace UserSpace { get; }

    /// <summary>Failure injection for isp_probe (not kernel state).</summary>
    IspProbeFailure FailAt { get; }

    /// <summary>Whether omap3isp_hist_init obtains a system DMA channel (HIST_CONFIG_DMA = 1, omap.md §6.2).</summary>
    bool HistDmaChannelAvailable { get; }
}
