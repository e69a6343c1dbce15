using Generic.Iommu;
using Migration.Hardware.Omap;
using Migration.Kernel;
using Migration.Drivers.Omap3isp;

namespace Generic.Omap3isp;

/// <summary>
/// struct isp_device of Linux 3.3 (isp.c): probe with its error path, remove, the omap3isp_get/put reference
/// count with context save/restore, system PM prepare/complete, and the modules whose memory calls go through
/// <see cref="Memory"/> (omap.md §6.1, §7.7).
/// </summary>
public sealed class IspDevice
{
    private readonly Dictionary<IspVideoNode, IspVideo> _videos = new();

    private IspDevice(IspPlatform platform)
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

    /// <summary>The register words that carry device addresses.</summary>
    public IspRegisters Registers { get; } = new();

    /// <summary>isp->domain (3.3): the IOMMU domain the ISP device is attached to; null before probe and after remove.</summary>
    public IommuDomain? Domain => Memory.Domain;

    /// <summary>isp->dev: the ISP platform device (the client handle every 3.3 iovmm call takes).</summary>
    public Device Dev => Platform.Device;

    /// <summary>isp->ref_count.</summary>
    public int RefCount { get; private set; }

    /// <summary>isp->has_context: set by the first omap3isp_get, so later 0→1 transitions restore the context.</summary>
    public bool HasContext { get; private set; }

    /// <summary>Whether the ISP functional clocks are enabled (isp_enable_clocks on 0→1, isp_disable_clocks on →0).</summary>
    public bool ClocksEnabled { get; private set; }

    /// <summary>Whether the ISP interrupt is requested (request_irq in probe, free_irq in remove and on the error path).</summary>
    public bool IrqRequested { get; private set; }

    /// <summary>Whether isp_remove has run to its end.</summary>
    public bool Removed { get; private set; }

    /// <summary>How many times isp_save_ctx saved the IOMMU context (omap_iommu_save_ctx returned).</summary>
    public int IommuCtxSaves { get; private set; }

    /// <summary>How many times isp_restore_ctx restored the IOMMU context (omap_iommu_restore_ctx returned).</summary>
    public int IommuCtxRestores { get; private set; }

    /// <summary>isp->isp_ccdc.</summary>
    public IspCcdc Ccdc { get; }

    /// <summary>isp->isp_aewb.</summary>
    public IspStat Aewb { get; }

    /// <summary>isp->isp_af.</summary>
    public IspStat Af { get; }

    /// <summary>isp->isp_hist.</summary>
    public IspStat Hist { get; }

    /// <summary>The video node <paramref name="node"/>.</summary>
    public IspVideo Video(IspVideoNode node) => _videos[node];

    /// <summary>
    /// isp_probe (3.3): clocks on (omap3isp_get), isp_reset (-ETIMEDOUT), sub-module windows mapped (-ENODEV), the
    /// IOMMU domain allocated on the platform bus and the ISP device attached, the IRQ requested (-EINVAL), modules
    /// initialised (-ENOMEM) and entities registered (-EINVAL), then omap3isp_put. Failures unwind through
    /// error_modules, error_irq, detach_dev (iommu_detach_device), free_domain (iommu_domain_free) and error_isp
    /// (omap3isp_put). In the 3.3 iovmm port that put saves the IOMMU context through dev_to_omap_iommu(isp->dev),
    /// which is NULL once detached or when never attached: every failure after the clocks are on ends in an oops
    /// (<see cref="KernelBugException"/>) after the domain is gone. The DMA port guards the save and returns the errno.
    /// Returns 0 with <paramref name="isp"/> set, or the -errno with <paramref name="isp"/> null.
    /// </summary>
    public static int Probe(IspPlatform p, out IspDevice? isp)
    {
        ArgumentNullException.ThrowIfNull(p);
        isp = null;
        if (!p.KernelMemory.TryKzalloc())
            return -Errno.ENOMEM; // kzalloc(sizeof(*isp))
        var dev = new IspDevice(p);
        p.Device.DriverData = dev; // platform_set_drvdata

        _ = dev.Get(); // isp_get_clocks, then omap3isp_get: clocks on (the model's clocks never fail)
        int ret;
        bool detach = false, freeIrq = false, cleanupModules = false;
        if (p.FailAt == IspProbeFailure.Reset)
        {
            ret = -IspErrno.ETIMEDOUT; // isp_reset: "cannot reset ISP"
        }
        else if (p.FailAt == IspProbeFailure.IoremapResource)
        {
            ret = -Errno.ENODEV; // isp_map_mem_resource of a sub-module window
        }
        else
        {
            ret = AttachIommu(dev, p);
            if (ret == 0)
            {
                detach = true;
                if (p.FailAt == IspProbeFailure.Irq)
                {
                    ret = -Errno.EINVAL; // request_irq: "Unable to request IRQ"
                }
                else
                {
                    dev.IrqRequested = true;
                    freeIrq = true;
                    if (p.FailAt == IspProbeFailure.ModuleInit)
                    {
                        ret = -Errno.ENOMEM; // isp_initialize_modules cleans up its own partial work
                    }
                    else
                    {
                        cleanupModules = true;
                        if (p.FailAt == IspProbeFailure.EntityRegistration)
                            ret = -Errno.EINVAL; // isp_register_entities
                    }
                }
            }
        }

        if (ret == 0)
        {
            dev.Put(); // isp_power_settings(isp, 1); omap3isp_put(isp)
            isp = dev;
            return 0;
        }

        if (cleanupModules)
            dev.CleanupModules(); // error_modules
        if (freeIrq)
            dev.IrqRequested = false; // error_irq: free_irq
        if (detach)
            dev.Memory.Detach("isp_probe"); // detach_dev + free_domain
        dev.Put(); // error_isp: 3.3 iovmm oopses here in isp_save_ctx
        p.Device.DriverData = null; // error: isp_put_clocks, iounmap, platform_set_drvdata(pdev, NULL), kfree(isp)
        return ret;
    }

    /// <summary>
    /// isp_remove (3.3): entities unregistered, isp_cleanup_modules (LSC requests, FPC table, statistics buffers
    /// freed), then omap3isp_get, iommu_detach_device + iommu_domain_free, omap3isp_put — the 3.0 bracket around
    /// the IOMMU release kept by the port (the reference is silent on the order). Detach clears the domain's page
    /// table but not the iovma list (§8.19). In the iovmm port the put's isp_save_ctx then dereferences
    /// dev_to_omap_iommu(isp->dev) = NULL (no guard in 3.3, §7.7): <see cref="KernelBugException"/>. The DMA port
    /// skips the save once isp->domain is NULL and finishes (free_irq, clocks, drvdata).
    /// </summary>
    public void Remove()
    {
        CleanupModules();
        _ = Get();
        Memory.Detach("isp_remove");
        Put();
        IrqRequested = false;
        Removed = true;
        Platform.Device.DriverData = null;
    }

    /// <summary>
    /// omap3isp_get: on 0→1 the clocks go on and the context saved by an earlier put is restored (the first get
    /// only sets has_context); the reference count is incremented. Returns this device.
    /// </summary>
    public IspDevice? Get()
    {
        if (RefCount == 0)
        {
            ClocksEnabled = true; // isp_enable_clocks
            if (HasContext)
                RestoreContext();
            else
                HasContext = true; // "We don't want to restore context before saving it!"
        }
        RefCount++;
        return this;
    }

    /// <summary>omap3isp_put: BUG on a zero count; on →0 the context is saved (isp_save_ctx) and the clocks go off.</summary>
    public void Put()
    {
        Bug.On(RefCount == 0, "omap3isp_put: BUG_ON(isp->ref_count == 0)");
        if (--RefCount == 0)
        {
            SaveContext(); // isp_disable_interrupts; isp_save_ctx
            ClocksEnabled = false;
        }
    }

    /// <summary>isp_pm_prepare: nothing when the ISP is unused (ref_count 0); else modules suspended and the context saved. Returns 0.</summary>
    public int PmPrepare()
    {
        if (RefCount == 0)
            return 0;
        SaveContext();
        return 0;
    }

    /// <summary>isp_pm_complete: nothing when the ISP is unused; else the context restored and the modules resumed.</summary>
    public void PmComplete()
    {
        if (RefCount == 0)
            return;
        RestoreContext();
    }

    // isp_probe's IOMMU step; FailAt.Iommu makes the ISP MMU's soft reset hang for the attach (fault injection,
    // not kernel state), so iommu_enable returns -ENODEV through omap_iommu_attach (omap.md §2.6, §7.3).
    private static int AttachIommu(IspDevice dev, IspPlatform p)
    {
        OmapMmu? mmu = p.FailAt == IspProbeFailure.Iommu ? p.Soc.FindOmapMmu("isp") : null;
        bool hung = mmu?.ResetHangs ?? false;
        if (mmu is not null)
            mmu.ResetHangs = true;
        try
        {
            return dev.Memory.Attach();
        }
        finally
        {
            if (mmu is not null)
                mmu.ResetHangs = hung;
        }
    }

    // isp_save_ctx: isp_save_context(isp, isp_reg_list) then the IOMMU context.
    private void SaveContext()
    {
        if (Memory.SaveContext())
            IommuCtxSaves++;
    }

    // isp_restore_ctx: isp_restore_context, the IOMMU context, then the CCDC and preview contexts.
    private void RestoreContext()
    {
        if (Memory.RestoreContext())
            IommuCtxRestores++;
        Ccdc.RestoreContext();
    }

    // isp_cleanup_modules: AEWB, AF, histogram, resizer, preview, CCDC, CCP2, CSI2.
    private void CleanupModules()
    {
        Aewb.Free();
        Af.Free();
        Hist.Free();
        Ccdc.Cleanup();
    }
}
