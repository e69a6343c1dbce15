using Generic.Iommu;
using Generic.Omap;
using Generic.Omap3isp;
using Migration.Clients.Omap3isp;
using Migration.Drivers.Omap;
using Migration.Kernel;
using Migration.Scenarios.KnownBad;
using PortedIommuDriver = Generic.Omap.OmapIommuDriver;

namespace Migration.Scenarios.Omap3isp;

/// <summary>omap3isp on Linux 3.3 (omap.md §7.7): a generic domain attached at probe, omap-iovmm on the generic API.</summary>
internal class PortedIspWorld : IspWorld
{
    private readonly PortedIommuDriver _driver;
    private readonly IspPlatform _platform;

    /// <summary>
    /// A 3.3 world on omap-iovmm, or with <paramref name="backend"/> DmaMapping the port onto the DMA API; with
    /// <paramref name="knownBad"/> the pieces that port replaces are its (test-only). <paramref name="nameByClientBuffers"/>
    /// when compared buffer by buffer (default: for every backend but iovmm, whose areas both eras place alike).
    /// </summary>
    public PortedIspWorld(IspMemoryBackend backend = IspMemoryBackend.Iovmm, KnownBadPort? knownBad = null, bool? nameByClientBuffers = null)
        : this((backend == IspMemoryBackend.Iovmm
            ? "Linux 3.3: omap3isp on a generic IOMMU domain with omap-iovmm (omap_iommu_vmap/vmalloc(domain, dev, ...))"
            : "omap3isp ported onto the DMA-mapping API over a generic IOMMU domain (dma_map_sg, dma_alloc_coherent; no iovmm)")
            + (knownBad is null ? "" : $", with the known-bad port {knownBad.Name} (test-only)"),
            backend, sharedSpace: null, knownBad, nameByClientBuffers ?? backend != IspMemoryBackend.Iovmm)
    {
    }

    /// <summary>
    /// A 3.3 world named <paramref name="name"/> whose ISP uses <paramref name="backend"/> (with
    /// <paramref name="sharedSpace"/> for the shared-space port); with <paramref name="knownBad"/> the ISP's domain
    /// and DMA ops are what that port makes of them.
    /// </summary>
    protected PortedIspWorld(string name, IspMemoryBackend backend, SharedAddressSpace? sharedSpace, KnownBadPort? knownBad)
        : this(name, backend, sharedSpace, knownBad, backend != IspMemoryBackend.Iovmm)
    {
    }

    private PortedIspWorld(string name, IspMemoryBackend backend, SharedAddressSpace? sharedSpace, KnownBadPort? knownBad, bool nameByClientBuffers)
        : base(name, nameByClientBuffers)
    {
        var bus = new BusType("platform");
        _driver = PortedIommuDriver.Register(Soc, Kmem, bus);
        // The histogram takes the IOMMU path (no system DMA channel), so all three statistics engines are compared.
        _platform = new IspPlatform(Soc, Kmem, _driver, knownBad?.OmapBus(bus) ?? bus)
        {
            HistDmaChannelAvailable = false,
            MemoryBackend = backend,
            SharedSpace = sharedSpace,
            WrapDmaOps = knownBad is null ? null : knownBad.DmaOps,
        };
    }

    /// <summary>The ISP's domain, once probed.</summary>
    protected IommuDomain? IspDomain => (ProbedIsp as IspDevice)?.Domain;

    protected override UserAddressSpace UserSpace => _platform.UserSpace;

    protected override uint Root() => IspDomain?.Priv is OmapIommuDomain d ? d.Pgtable : 0;

    protected override IReadOnlyList<IovmArea> Areas() => _driver.FindDevice("isp")?.Instance.Mmap ?? [];

    protected override int ProbeIsp(out IspDeviceCore? isp)
    {
        int ret = IspDevice.Probe(_platform, out IspDevice? dev);
        isp = dev;
        return ret;
    }
}
