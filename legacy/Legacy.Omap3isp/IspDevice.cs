using Legacy.Omap;
using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Legacy.Omap3isp;

/// <summary>
/// struct isp_device of Linux 3.0 (drivers/media/video/omap3isp/isp.c): the one ISP core (<see cref="IspDeviceCore"/>)
/// with 3.0's IOMMU calls on the OMAP vendor API: iommu_get at probe, iommu_put on the error path and at remove,
/// iommu_save_ctx / iommu_restore_ctx in the context functions (omap.md §6.1).
/// </summary>
public sealed class IspDevice : IspDeviceCore
{
    private readonly Dictionary<IspVideoNode, IspVideo> _videos = new();

    private IspDevice(IspPlatform platform)
        : base(platform)
    {
        Platform = platform;
        Ccdc = new IspCcdc(this);
        Aewb = new IspStat(this, IspStatModule.Aewb, dmaChannel: false);
        Af = new IspStat(this, IspStatModule.Af, dmaChannel: false);
        Hist = new IspStat(this, IspStatModule.Hist, dmaChannel: platform.HistDmaChannelAvailable);
        foreach (IspVideoNode node in Enum.GetValues<IspVideoNode>())
            _videos.Add(node, new IspVideo(this, node));
    }

    /// <summary>The platform device this instance was probed from (isp->dev, isp->pdata).</summary>
    public IspPlatform Platform { get; }

    /// <summary>isp->iommu: the "isp" IOMMU taken with iommu_get, or null when that failed.</summary>
    public OmapIommu? Iommu { get; private set; }

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
    /// isp_probe(pdev): 0 and the device, or the first failure's -errno with <paramref name="isp"/> null. Every
    /// failure after omap3isp_get goes through error_isp: iommu_put(isp->iommu) (a no-op for NULL) and
    /// omap3isp_put, whose isp_save_ctx still saves the just-put IOMMU's registers (omap.md §6.1).
    /// </summary>
    public static int Probe(IspPlatform p, out IspDevice? isp) => IspProbe(p, () => new IspDevice(p), out isp);

    /// <summary>
    /// isp_remove(pdev): isp_cleanup_modules, then omap3isp_get / iommu_put / omap3isp_put, free_irq, clocks off.
    /// A second remove is a model error (the platform device is gone).
    /// </summary>
    public override void Remove()
    {
        if (Removed)
            throw new InvalidOperationException("isp_remove: the device was already removed");
        RemoveModules(() => OmapIommu.Put(Iommu));
    }

    /// <inheritdoc />
    public override string ToString() => $"omap3isp (ref_count {RefCount}, iommu {(Iommu is null ? "NULL" : Iommu.Name)})";

    /// <summary>isp_probe's body after the clocks, with 3.0's IOMMU step and error_isp's iommu_put (NULL-safe: always called).</summary>
    protected override int ProbeAfterClocks() => ProbeModules(AttachIommu, _ => OmapIommu.Put(Iommu));

    /// <summary>isp_save_ctx: iommu_save_ctx(isp->iommu) if there is an IOMMU.</summary>
    protected override bool SaveCtx()
    {
        if (Iommu is null)
            return false;
        OmapIommu.SaveCtx(Iommu);
        return true;
    }

    /// <summary>isp_restore_ctx: iommu_restore_ctx(isp->iommu) if there is an IOMMU.</summary>
    protected override bool RestoreCtx()
    {
        if (Iommu is null)
            return false;
        OmapIommu.RestoreCtx(Iommu);
        return true;
    }

    // isp_probe's IOMMU step: isp->iommu = iommu_get("isp"); IS_ERR_OR_NULL → isp->iommu = NULL, -ENODEV.
    private int AttachIommu()
    {
        ErrPtr<OmapIommu> iommu = GetIspIommu();
        if (iommu.IsErrOrNull)
        {
            Iommu = null;
            return -Errno.ENODEV;
        }
        Iommu = iommu.Value;
        return 0;
    }

    // iommu_get("isp"): the first user enables the MMU (the refcount is restored by iommu_get itself on failure).
    private ErrPtr<OmapIommu> GetIspIommu()
    {
        return OmapIommu.Get(Platform.IommuDriver, "isp");
    }
}
