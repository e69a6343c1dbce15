using Legacy.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;
using Migration.Drivers.Omap3isp;

namespace Legacy.Omap3isp;

/// <summary>
/// struct isp_device of Linux 3.0 (drivers/media/video/omap3isp/isp.c) as far as the OMAP vendor IOMMU API is
/// concerned: probe/remove with iommu_get/iommu_put, the omap3isp_get/put power refcount that saves and
/// restores the IOMMU context, system-sleep prepare/complete, and the sub-modules that map memory
/// (omap.md §6.1).
/// </summary>
public sealed class IspDevice
{
    private readonly Dictionary<IspVideoNode, IspVideo> _videos = new();

    private IspDevice(IspPlatform platform)
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

    /// <summary>isp->ref_count: omap3isp_get/put users.</summary>
    public int RefCount { get; private set; }

    /// <summary>isp->has_context: set by the first omap3isp_get; later 0→1 transitions restore the saved context.</summary>
    public bool HasContext { get; private set; }

    /// <summary>True while the ISP functional/interface clocks are on (isp_enable_clocks / isp_disable_clocks).</summary>
    public bool ClocksEnabled { get; private set; }

    /// <summary>True while the ISP interrupt is requested (request_irq … free_irq).</summary>
    public bool IrqRequested { get; private set; }

    /// <summary>True once isp_remove has run.</summary>
    public bool Removed { get; private set; }

    /// <summary>Model instrumentation: how many times isp_save_ctx called iommu_save_ctx.</summary>
    public int IommuCtxSaves { get; private set; }

    /// <summary>Model instrumentation: how many times isp_restore_ctx called iommu_restore_ctx.</summary>
    public int IommuCtxRestores { get; private set; }

    /// <summary>The device-address registers of the ISP sub-modules.</summary>
    public IspRegisters Registers { get; } = new();

    /// <summary>isp->isp_ccdc.</summary>
    public IspCcdc Ccdc { get; }

    /// <summary>isp->isp_aewb.</summary>
    public IspStat Aewb { get; }

    /// <summary>isp->isp_af.</summary>
    public IspStat Af { get; }

    /// <summary>isp->isp_hist.</summary>
    public IspStat Hist { get; }

    /// <summary>The video node <paramref name="node"/> (its struct isp_video and the queue of its one file handle).</summary>
    public IspVideo Video(IspVideoNode node) => _videos[node];

    /// <summary>
    /// isp_probe(pdev): 0 and the device, or the first failure's -errno with <paramref name="isp"/> null. Every
    /// failure after omap3isp_get goes through error_isp: iommu_put(isp->iommu) (a no-op for NULL) and
    /// omap3isp_put, whose isp_save_ctx still saves the just-put IOMMU's registers (omap.md §6.1).
    /// </summary>
    public static int Probe(IspPlatform p, out IspDevice? isp)
    {
        ArgumentNullException.ThrowIfNull(p);
        isp = null;
        if (!p.KernelMemory.TryKzalloc())
            return -Errno.ENOMEM; // kzalloc(sizeof(*isp))

        var dev = new IspDevice(p);
        p.Device.DriverData = dev; // platform_set_drvdata

        // isp_map_mem_resource(OMAP3_ISP_IOMEM_MAIN) and isp_get_clocks: always present on the simulated SoC.
        // omap3isp_get cannot fail here: the model's clocks always enable. It sets has_context (no restore).
        _ = dev.Get();

        int ret = dev.ProbeAfterClocks();
        if (ret < 0)
        {
            // error: isp_put_clocks, iounmap/release_mem_region, regulator_put, kfree(isp).
            p.Device.DriverData = null;
            return ret;
        }

        isp = dev;
        return 0;
    }

    // The part of isp_probe between omap3isp_get and the final omap3isp_put, with its error labels.
    private int ProbeAfterClocks()
    {
        int ret;
        if (Platform.FailAt == IspProbeFailure.Reset)
        {
            ret = -IspErrno.ETIMEDOUT; // isp_reset: SYSSTATUS.RESETDONE never set
            goto error_isp;
        }

        // ISP_REVISION read, resource map lookup, then isp_map_mem_resource of every sub-module window.
        if (Platform.FailAt == IspProbeFailure.IoremapResource)
        {
            ret = -Errno.ENODEV;
            goto error_isp;
        }

        // IOMMU
        ErrPtr<OmapIommu> iommu = GetIspIommu();
        if (iommu.IsErrOrNull)
        {
            Iommu = null;
            ret = -Errno.ENODEV;
            goto error_isp;
        }
        Iommu = iommu.Value;

        // Interrupt: platform_get_irq then request_irq(isp_isr, IRQF_SHARED); a request_irq failure is -EINVAL.
        if (Platform.FailAt == IspProbeFailure.Irq)
        {
            ret = -Errno.EINVAL;
            goto error_isp;
        }
        IrqRequested = true;

        // isp_initialize_modules: the sub-module inits allocate only kernel memory (no IOMMU call); a
        // failing kzalloc (e.g. omap3isp_hist_init's config) is the failure chosen here.
        if (Platform.FailAt == IspProbeFailure.ModuleInit)
        {
            ret = -Errno.ENOMEM;
            goto error_irq;
        }

        // isp_register_entities: media_device_register / v4l2_device_register; -EINVAL chosen for the failure.
        if (Platform.FailAt == IspProbeFailure.EntityRegistration)
        {
            ret = -Errno.EINVAL;
            goto error_modules;
        }

        // isp_power_settings(isp, 1); the probe's omap3isp_put saves the context (ISP and IOMMU).
        Put();
        return 0;

    error_modules:
        CleanupModules();
    error_irq:
        IrqRequested = false; // free_irq
    error_isp:
        OmapIommu.Put(Iommu); // iommu_put(NULL) returns at once
        Put();
        return ret;
    }

    // iommu_get("isp"); IspProbeFailure.Iommu makes the MMU's soft reset hang so the first user's enable
    // fails with -ENODEV (omap.md §2.6, §4.6) and the refcount is restored by iommu_get itself.
    private ErrPtr<OmapIommu> GetIspIommu()
    {
        OmapMmu? mmu = Platform.Soc.FindOmapMmu("isp");
        bool hang = Platform.FailAt == IspProbeFailure.Iommu && mmu is not null;
        bool before = mmu?.ResetHangs ?? false;
        if (hang)
            mmu!.ResetHangs = true;
        try
        {
            return OmapIommu.Get(Platform.IommuDriver, "isp");
        }
        finally
        {
            if (hang)
                mmu!.ResetHangs = before;
        }
    }

    /// <summary>
    /// isp_remove(pdev): unregister entities, isp_cleanup_modules (frees the LSC/FPC tables and statistics
    /// buffers), then omap3isp_get / iommu_put / omap3isp_put, free_irq, clocks off.
    /// </summary>
    public void Remove()
    {
        if (Removed)
            throw new InvalidOperationException("isp_remove: the device was already removed");
        CleanupModules();

        _ = Get();
        OmapIommu.Put(Iommu);
        Put();

        IrqRequested = false;
        Platform.Device.DriverData = null;
        Removed = true;
    }

    /// <summary>
    /// omap3isp_get(isp): the first user enables the clocks and restores the saved context, except on the very
    /// first get ever, which only records that a context will exist (has_context). Returns the device.
    /// </summary>
    public IspDevice? Get()
    {
        if (RefCount > 0)
        {
            RefCount++;
            return this;
        }

        ClocksEnabled = true; // isp_enable_clocks (cannot fail in the model)

        // "We don't want to restore context before saving it!"
        if (HasContext)
            RestoreCtx();
        else
            HasContext = true;

        // isp_enable_interrupts
        RefCount++;
        return this;
    }

    /// <summary>omap3isp_put(isp): BUG on an unbalanced put; the last user saves the context and stops the clocks.</summary>
    public void Put()
    {
        Bug.On(RefCount == 0, "omap3isp_put: BUG_ON(isp->ref_count == 0)");
        if (--RefCount == 0)
        {
            // isp_disable_interrupts
            SaveCtx();
            ClocksEnabled = false; // isp_disable_clocks
        }
    }

    /// <summary>isp_pm_prepare: with users, suspend the modules and save the context; 0.</summary>
    public int PmPrepare()
    {
        if (RefCount == 0)
            return 0;
        // isp_suspend_modules, isp_disable_interrupts
        SaveCtx();
        // isp_reset only when a module failed to stop: never in the model.
        return 0;
    }

    /// <summary>isp_pm_complete: with users, restore the context and resume the modules.</summary>
    public void PmComplete()
    {
        if (RefCount == 0)
            return;
        RestoreCtx();
        // isp_enable_interrupts, isp_resume_modules
    }

    // isp_save_ctx: isp_save_context(isp_reg_list), then the IOMMU's registers if there is an IOMMU.
    private void SaveCtx()
    {
        if (Iommu is not null)
        {
            OmapIommu.SaveCtx(Iommu);
            IommuCtxSaves++;
        }
    }

    // isp_restore_ctx: ISP registers, the IOMMU's registers (if any), then the CCDC and preview contexts.
    private void RestoreCtx()
    {
        if (Iommu is not null)
        {
            OmapIommu.RestoreCtx(Iommu);
            IommuCtxRestores++;
        }
        Ccdc.RestoreContext();
    }

    // isp_cleanup_modules: aewb, af, hist, resizer, preview, ccdc, ccp2, csi2 (only these four touch the IOMMU).
    private void CleanupModules()
    {
        Aewb.Cleanup();
        Af.Cleanup();
        Hist.Cleanup();
        Ccdc.Cleanup();
    }

    /// <inheritdoc />
    public override string ToString() => $"omap3isp (ref_count {RefCount}, iommu {(Iommu is null ? "NULL" : Iommu.Name)})";
}
