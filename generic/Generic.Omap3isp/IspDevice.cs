using Generic.Iommu;
using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// struct isp_device of Linux 3.3 (isp.c): the one ISP core (<see cref="IspDeviceCore"/>) with the port's IOMMU calls
/// behind <see cref="Memory"/>: the domain allocated and the ISP device attached at probe, detached and freed on the
/// error path and at remove, the context saved and restored through the device (omap.md §6.1, §7.7).
/// </summary>
public sealed class IspDevice : IspDeviceCore
{
    private readonly Dictionary<IspVideoNode, IspVideo> _videos = new();

    private IspDevice(IspPlatform platform)
        : base(platform)
    {
        Platform = platform;
        Memory = platform.MemoryBackend switch
        {
            IspMemoryBackend.DmaMapping => new DmaIspMemory(platform),
            IspMemoryBackend.SharedSpace => new SharedSpaceIspMemory(platform),
            _ => new IovmmIspMemory(platform),
        };
        Ccdc = new IspCcdc(this);
        Aewb = new IspStat(this, IspStatModule.Aewb, dmaChannel: false);
        Af = new IspStat(this, IspStatModule.Af, dmaChannel: false);
        Hist = new IspStat(this, IspStatModule.Hist, dmaChannel: platform.HistDmaChannelAvailable);
        foreach (IspVideoNode node in Enum.GetValues<IspVideoNode>())
            _videos.Add(node, new IspVideo(this, node));
    }

    /// <summary>What probe was given.</summary>
    public IspPlatform Platform { get; }

    /// <summary>The seam behind which every memory call of the driver sits (the port chosen by <see cref="IspPlatform.MemoryBackend"/>).</summary>
    public IIspMemory Memory { get; }

    /// <summary>isp->domain (3.3): the IOMMU domain the ISP device is attached to; null before probe and after remove.</summary>
    public IommuDomain? Domain => Memory.Domain;

    /// <summary>isp->dev: the ISP platform device (the client handle every 3.3 iovmm call takes).</summary>
    public Device Dev => Platform.Device;

    /// <summary>isp->isp_ccdc.</summary>
    public override IspCcdc Ccdc { get; }

    /// <summary>isp->isp_aewb.</summary>
    public override IspStat Aewb { get; }

    /// <summary>isp->isp_af.</summary>
    public override IspStat Af { get; }

    /// <summary>isp->isp_hist.</summary>
    public override IspStat Hist { get; }

    /// <inheritdoc />
    public override IspVideo Video(IspVideoNode node) => _videos[node];

    /// <summary>
    /// isp_probe (3.3): as 3.0 with the IOMMU step now iommu_domain_alloc on the platform bus + iommu_attach_device,
    /// and the unwinding through detach_dev (iommu_detach_device) and free_domain (iommu_domain_free) before
    /// error_isp (omap3isp_put). In the 3.3 iovmm port that put saves the IOMMU context through
    /// dev_to_omap_iommu(isp->dev), which is NULL once detached or when never attached: every failure after the
    /// clocks are on ends in an oops (<see cref="KernelBugException"/>) after the domain is gone. The DMA port guards
    /// the save and returns the errno. Returns 0 with <paramref name="isp"/> set, or the -errno with it null.
    /// </summary>
    public static int Probe(IspPlatform p, out IspDevice? isp) => IspProbe(p, () => new IspDevice(p), out isp);

    /// <summary>
    /// isp_remove (3.3): isp_cleanup_modules, then omap3isp_get, iommu_detach_device + iommu_domain_free,
    /// omap3isp_put — the 3.0 bracket around the IOMMU release kept by the port (the reference is silent on the
    /// order). Detach clears the domain's page table but not the iovma list (§8.19). In the iovmm port the put's
    /// isp_save_ctx then dereferences dev_to_omap_iommu(isp->dev) = NULL (no guard in 3.3, §7.7):
    /// <see cref="KernelBugException"/>. The DMA port skips the save once isp->domain is NULL and finishes.
    /// </summary>
    public override void Remove() => RemoveModules(() => Memory.Detach("isp_remove"));

    /// <summary>isp_probe's body after the clocks, with the 3.3 attach and detach_dev/free_domain once attached.</summary>
    protected override int ProbeAfterClocks() => ProbeModules(Memory.Attach, attached =>
    {
        if (attached)
            Memory.Detach("isp_probe");
    });

    /// <summary>isp_save_ctx: omap_iommu_save_ctx(isp->dev) (unguarded in the 3.3 iovmm port, §7.7).</summary>
    protected override bool SaveCtx() => Memory.SaveContext();

    /// <summary>isp_restore_ctx: omap_iommu_restore_ctx(isp->dev).</summary>
    protected override bool RestoreCtx() => Memory.RestoreContext();
}
