using Legacy.Omap3isp;
using Migration.Clients.Omap3isp;
using Migration.Drivers.Omap;
using Migration.Kernel;
using LegacyIommuDriver = Legacy.Omap.OmapIommuDriver;

namespace Migration.Scenarios.Omap3isp;

/// <summary>omap3isp on Linux 3.0: iommu_get("isp") at probe, the vendor iovmm calls at every §6.1 call site.</summary>
internal sealed class LegacyIspWorld : IspWorld
{
    private readonly LegacyIommuDriver _driver;
    private readonly IspPlatform _platform;

    /// <summary>A 3.0 world; <paramref name="nameByClientBuffers"/> when compared buffer by buffer with the DMA port.</summary>
    public LegacyIspWorld(bool nameByClientBuffers = false)
        : base("Linux 3.0: omap3isp on the OMAP vendor API (iommu_get, iommu_vmap/vmalloc, find_iovm_area, da_to_va)", nameByClientBuffers)
    {
        _driver = LegacyIommuDriver.Register(Soc, Kmem);
        // The histogram takes the IOMMU path (no system DMA channel), so all three statistics engines are compared.
        _platform = new IspPlatform(Soc, Kmem, _driver) { HistDmaChannelAvailable = false };
    }

    protected override UserAddressSpace UserSpace => _platform.UserSpace;

    protected override uint Root() => _driver.FindDevice("isp")?.Instance.Iopgd ?? 0;

    protected override IReadOnlyList<IovmArea> Areas() => _driver.FindDevice("isp")?.Instance.Mmap ?? [];

    protected override int ProbeIsp(out IspDeviceCore? isp)
    {
        int ret = IspDevice.Probe(_platform, out IspDevice? dev);
        isp = dev;
        return ret;
    }
}
