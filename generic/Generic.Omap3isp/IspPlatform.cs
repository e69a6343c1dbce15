using Generic.Iommu;
using Generic.Iommu.Dma;
using Generic.Omap;
using Migration.Clients.Omap3isp;
using Migration.Hardware;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// What isp_probe gets in Linux 3.3: the "omap3isp" platform device (with dev.archdata.iommu = {"isp"}, set by
/// omap3_init_camera in arch/arm/mach-omap2/devices.c; omap.md §7.7) on the SoC whose kernel runs the 3.3 OMAP
/// IOMMU driver on the platform bus, plus the knobs a test uses to walk the probe error path, the histogram's
/// two buffer paths and the two ports of the memory calls.
/// </summary>
public sealed class IspPlatform : IIspPlatform
{
    /// <summary>Creates the platform description for a booted 3.3 world (<paramref name="iommuDriver"/> registered on <paramref name="bus"/>).</summary>
    public IspPlatform(Soc soc, KernelMemory kernelMemory, OmapIommuDriver iommuDriver, BusType bus)
    {
        ArgumentNullException.ThrowIfNull(soc);
        ArgumentNullException.ThrowIfNull(kernelMemory);
        ArgumentNullException.ThrowIfNull(iommuDriver);
        ArgumentNullException.ThrowIfNull(bus);
        Soc = soc;
        KernelMemory = kernelMemory;
        IommuDriver = iommuDriver;
        Bus = bus;
        BoardDmaOps = new DirectDmaOps(kernelMemory, soc.Pages);
        Device = new Device("omap3isp") { ArchDataIommu = new OmapIommuArchData("isp") };
        // ARM before 3.5 has no per-device dma ops: every device uses the direct (arm_dma_ops) behaviour.
        DmaApi.SetDmaOps(Device, BoardDmaOps);
        SystemDmaDevice = new Device("omap-dma-engine");
        DmaApi.SetDmaOps(SystemDmaDevice, BoardDmaOps);
        UserSpace = new UserAddressSpace(kernelMemory);
    }

    /// <summary>
    /// Boots a default 3.3 world: <see cref="Soc.CreateDefault"/>, kernel memory on its RAM, the platform bus and
    /// the OMAP IOMMU driver registered on it (bus_set_iommu, probe of every MMU), as the subsys_initcalls do
    /// before omap3isp loads (omap.md §7.3).
    /// </summary>
    public static IspPlatform Boot(IspMemoryBackend backend = IspMemoryBackend.Iovmm)
    {
        Soc soc = Soc.CreateDefault();
        var kmem = new KernelMemory(soc.Pages);
        var bus = new BusType("platform");
        OmapIommuDriver driver = OmapIommuDriver.Register(soc, kmem, bus);
        return new IspPlatform(soc, kmem, driver, bus) { MemoryBackend = backend };
    }

    /// <summary>The simulated SoC (physical memory and the ISP MMU).</summary>
    public Soc Soc { get; }

    /// <summary>Kernel memory services (kmalloc, vmalloc_32_user, the pages of coherent allocations).</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>The bound 3.3 "omap-iommu" platform driver (the ISP MMU is its device named "isp").</summary>
    public OmapIommuDriver IommuDriver { get; }

    /// <summary>&amp;platform_bus_type, whose iommu_ops iommu_domain_alloc(pdev->dev.bus) uses.</summary>
    public BusType Bus { get; }

    /// <summary>&amp;pdev->dev of the "omap3isp" platform device: archdata.iommu = {"isp"}, drvdata = the isp_device after probe.</summary>
    public Device Device { get; }

    /// <summary>
    /// The device the histogram's system DMA channel allocates through in the DMA-mapping port (the later
    /// ispstat passes a NULL device for the DMA-engine case): the sDMA does not sit behind the ISP MMU.
    /// </summary>
    public Device SystemDmaDevice { get; }

    /// <summary>The direct dma_map_ops every device has before an IOMMU mapping is attached (arm_dma_ops).</summary>
    public DirectDmaOps BoardDmaOps { get; }

    /// <summary>current->mm of the application: USERPTR buffers and the FPC table are read from it.</summary>
    public UserAddressSpace UserSpace { get; }

    /// <summary>Failure injection for isp_probe (not kernel state).</summary>
    public IspProbeFailure FailAt { get; set; }

    /// <summary>
    /// Whether omap3isp_hist_init obtains a system DMA channel (omap_request_dma succeeds, HIST_CONFIG_DMA = 1):
    /// the histogram then uses dma_alloc_coherent; otherwise it falls back to the IOMMU path (omap.md §6.2).
    /// </summary>
    public bool HistDmaChannelAvailable { get; set; } = true;

    /// <summary>Which port of the memory calls isp_probe sets up (default: the 3.3 iovmm port).</summary>
    public IspMemoryBackend MemoryBackend { get; set; } = IspMemoryBackend.Iovmm;

    /// <summary>
    /// The prot mapping the DMA-mapping port hands <see cref="IommuDmaOps"/>; null means <see cref="IspDmaProt.ForDirection"/>
    /// (what iovmm gave the OMAP driver). Set it to <see cref="IommuDmaOps.DirectionToProt"/> to see the default
    /// __dma_direction_to_prot turn every page into a 16M supersection request (omap.md §7.3).
    /// </summary>
    public Func<DmaDataDirection, int>? DmaProt { get; set; }

    /// <summary>
    /// What the DMA-mapping port installs as the ISP's dma_map_ops, given the <see cref="IommuDmaOps"/> it built
    /// (null: those ops themselves; a known-bad port wraps them).
    /// </summary>
    public Func<IDmaMapOps, IDmaMapOps>? WrapDmaOps { get; set; }

    /// <summary>The address space the <see cref="IspMemoryBackend.SharedSpace"/> port maps every buffer through (null otherwise).</summary>
    public SharedAddressSpace? SharedSpace { get; set; }
}
