using Migration.Clients.Omap3isp;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Migration.Clients.Omap3isp;

/// <summary>
/// struct isp_device (isp.c) as both eras have it: probe with its failure points and error labels, remove, the
/// omap3isp_get/put reference count that saves and restores the context, system-sleep prepare/complete, and the
/// sub-modules that map memory (omap.md §6.1). The era seam is the abstract members: the IOMMU step of isp_probe
/// and its release, isp_save_ctx/isp_restore_ctx's IOMMU calls, and the sub-modules' memory calls.
/// </summary>
public abstract class IspDeviceCore
{
    /// <summary>A device probed from <paramref name="platform"/>.</summary>
    protected IspDeviceCore(IIspPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Host = platform;
    }

    /// <summary>isp->ref_count: omap3isp_get/put users.</summary>
    public int RefCount { get; private set; }

    /// <summary>isp->has_context: set by the first omap3isp_get; later 0→1 transitions restore the saved context.</summary>
    public bool HasContext { get; private set; }

    /// <summary>True while the ISP functional/interface clocks are on (isp_enable_clocks / isp_disable_clocks).</summary>
    public bool ClocksEnabled { get; private set; }

    /// <summary>True while the ISP interrupt is requested (request_irq … free_irq).</summary>
    public bool IrqRequested { get; private set; }

    /// <summary>True once isp_remove has run to its end.</summary>
    public bool Removed { get; private set; }

    /// <summary>How many times isp_save_ctx saved the IOMMU context (the era's call returned).</summary>
    public int IommuCtxSaves { get; private set; }

    /// <summary>How many times isp_restore_ctx restored the IOMMU context (the era's call returned).</summary>
    public int IommuCtxRestores { get; private set; }

    /// <summary>The device-address registers of the ISP sub-modules.</summary>
    public IspRegisters Registers { get; } = new();

    /// <summary>isp->isp_ccdc.</summary>
    public abstract IspCcdcCore Ccdc { get; }

    /// <summary>isp->isp_aewb.</summary>
    public abstract IspStatEngine Aewb { get; }

    /// <summary>isp->isp_af.</summary>
    public abstract IspStatEngine Af { get; }

    /// <summary>isp->isp_hist.</summary>
    public abstract IspStatEngine Hist { get; }

    /// <summary>The platform the device was probed from, as the core reads it.</summary>
    protected IIspPlatform Host { get; }

    /// <summary>The video node <paramref name="node"/> (its struct isp_video and the queue of its one file handle).</summary>
    public abstract IspVideoCore Video(IspVideoNode node);

    /// <summary>
    /// isp_remove(pdev): unregister entities, isp_cleanup_modules (the LSC/FPC tables and statistics buffers freed),
    /// then omap3isp_get, the era's IOMMU release, omap3isp_put, free_irq, clocks off.
    /// </summary>
    public abstract void Remove();

    /// <summary>
    /// omap3isp_get(isp): the first user enables the clocks and restores the saved context, except on the very
    /// first get ever, which only records that a context will exist (has_context). Returns the device.
    /// </summary>
    public IspDeviceCore? Get()
    {
        if (RefCount == 0)
        {
            ClocksEnabled = true; // isp_enable_clocks (cannot fail in the model)
            if (HasContext)
                IspRestoreCtx();
            else
                HasContext = true; // "We don't want to restore context before saving it!"
        }
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
            IspSaveCtx(); // isp_disable_interrupts; isp_save_ctx
            ClocksEnabled = false; // isp_disable_clocks
        }
    }

    /// <summary>isp_pm_prepare: with users, suspend the modules and save the context; 0.</summary>
    public int PmPrepare()
    {
        if (RefCount == 0)
            return 0;
        // isp_suspend_modules, isp_disable_interrupts; isp_reset only when a module failed to stop (never here).
        IspSaveCtx();
        return 0;
    }

    /// <summary>isp_pm_complete: with users, restore the context and resume the modules.</summary>
    public void PmComplete()
    {
        if (RefCount == 0)
            return;
        IspRestoreCtx();
        // isp_enable_interrupts, isp_resume_modules
    }

    /// <summary>
    /// isp_probe(pdev) up to its end: kzalloc of the device (-ENOMEM), platform_set_drvdata, omap3isp_get (clocks on,
    /// cannot fail in the model), then <see cref="ProbeAfterClocks"/>; on failure drvdata is cleared (isp_put_clocks,
    /// iounmap, kfree). 0 with <paramref name="isp"/> set, or the -errno with it null.
    /// </summary>
    protected static int IspProbe<T>(IIspPlatform p, Func<T> create, out T? isp)
        where T : IspDeviceCore
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(create);
        isp = null;
        if (!p.KernelMemory.TryKzalloc())
            return -Errno.ENOMEM; // kzalloc(sizeof(*isp))
        T dev = create();
        p.Device.DriverData = dev; // platform_set_drvdata

        // isp_map_mem_resource(OMAP3_ISP_IOMEM_MAIN) and isp_get_clocks: always present on the simulated SoC.
        _ = dev.Get();
        int ret = dev.ProbeAfterClocks();
        if (ret < 0)
        {
            p.Device.DriverData = null;
            return ret;
        }
        isp = dev;
        return 0;
    }

    /// <summary>
    /// The part of isp_probe between omap3isp_get and the final omap3isp_put, with its error labels: the era passes
    /// its IOMMU step to <see cref="ProbeModules"/>.
    /// </summary>
    protected abstract int ProbeAfterClocks();

    /// <summary>
    /// isp_probe's sequence after the clocks: isp_reset (-ETIMEDOUT), the sub-module windows (-ENODEV), the IOMMU
    /// step <paramref name="attachIommu"/> (its errno), request_irq (-EINVAL), isp_initialize_modules (-ENOMEM),
    /// isp_register_entities (-EINVAL), then isp_power_settings and omap3isp_put. A failure unwinds error_modules
    /// (isp_cleanup_modules), error_irq (free_irq), then <paramref name="releaseIommu"/> (told whether the IOMMU
    /// step succeeded) and error_isp's omap3isp_put, whose isp_save_ctx still runs (omap.md §6.1, §7.7).
    /// <see cref="IspProbeFailure.Iommu"/> makes the ISP MMU's soft reset hang during the IOMMU step (fault
    /// injection, not kernel state), so the era's enable returns -ENODEV (omap.md §2.6, §4.6).
    /// </summary>
    protected int ProbeModules(Func<int> attachIommu, Action<bool> releaseIommu)
    {
        ArgumentNullException.ThrowIfNull(attachIommu);
        ArgumentNullException.ThrowIfNull(releaseIommu);
        int ret;
        bool attached = false;
        if (Host.FailAt == IspProbeFailure.Reset)
        {
            ret = -IspErrno.ETIMEDOUT; // isp_reset: SYSSTATUS.RESETDONE never set
            goto error_isp;
        }
        // ISP_REVISION read, resource map lookup, then isp_map_mem_resource of every sub-module window.
        if (Host.FailAt == IspProbeFailure.IoremapResource)
        {
            ret = -Errno.ENODEV;
            goto error_isp;
        }

        ret = WithIspMmuHang(attachIommu);
        if (ret != 0)
            goto error_isp;
        attached = true;

        // Interrupt: platform_get_irq then request_irq(isp_isr, IRQF_SHARED); a request_irq failure is -EINVAL.
        if (Host.FailAt == IspProbeFailure.Irq)
        {
            ret = -Errno.EINVAL;
            goto error_isp;
        }
        IrqRequested = true;

        // isp_initialize_modules: the sub-module inits allocate only kernel memory (no IOMMU call) and clean up
        // their own partial work; a failing kzalloc (e.g. omap3isp_hist_init's config) is the failure chosen here.
        if (Host.FailAt == IspProbeFailure.ModuleInit)
        {
            ret = -Errno.ENOMEM;
            goto error_irq;
        }
        // isp_register_entities: media_device_register / v4l2_device_register; -EINVAL chosen for the failure.
        if (Host.FailAt == IspProbeFailure.EntityRegistration)
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
        releaseIommu(attached);
        Put();
        return ret;
    }

    /// <summary>
    /// isp_remove's body around the era's IOMMU release <paramref name="releaseIommu"/>: isp_cleanup_modules, then
    /// omap3isp_get / release / omap3isp_put (the 3.0 bracket the port kept), free_irq, drvdata cleared.
    /// </summary>
    protected void RemoveModules(Action releaseIommu)
    {
        ArgumentNullException.ThrowIfNull(releaseIommu);
        CleanupModules();
        _ = Get();
        releaseIommu();
        Put();
        IrqRequested = false;
        Host.Device.DriverData = null;
        Removed = true;
    }

    /// <summary>isp_save_ctx's IOMMU part: true when the era's save call was made and returned.</summary>
    protected abstract bool SaveCtx();

    /// <summary>isp_restore_ctx's IOMMU part: true when the era's restore call was made and returned.</summary>
    protected abstract bool RestoreCtx();

    // isp_save_ctx: isp_save_context(isp, isp_reg_list), then the IOMMU's registers.
    private void IspSaveCtx()
    {
        if (SaveCtx())
            IommuCtxSaves++;
    }

    // isp_restore_ctx: ISP registers, the IOMMU's registers, then the CCDC and preview contexts.
    private void IspRestoreCtx()
    {
        if (RestoreCtx())
            IommuCtxRestores++;
        Ccdc.RestoreContext();
    }

    // isp_cleanup_modules: aewb, af, hist, resizer, preview, ccdc, ccp2, csi2 (only these four touch the IOMMU).
    private void CleanupModules()
    {
        Aewb.Free();
        Af.Free();
        Hist.Free();
        Ccdc.Cleanup();
    }

    private int WithIspMmuHang(Func<int> attachIommu)
    {
        OmapMmu? mmu = Host.FailAt == IspProbeFailure.Iommu ? Host.Soc.FindOmapMmu("isp") : null;
        bool before = mmu?.ResetHangs ?? false;
        if (mmu is not null)
            mmu.ResetHangs = true;
        try
        {
            return attachIommu();
        }
        finally
        {
            if (mmu is not null)
                mmu.ResetHangs = before;
        }
    }
}
