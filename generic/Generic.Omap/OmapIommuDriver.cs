using Generic.Iommu;
using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Generic.Omap;

/// <summary>
/// The "omap-iommu" platform driver of Linux 3.3 (drivers/iommu/omap-iommu.c: omap_iommu_init,
/// omap_iommu_probe, omap_iommu_attach/detach, iommu_enable/disable, iommu_fault_handler) together with
/// the arch registration iommu2.c performs (3.1+ attribute encoding, omap.md §7.1).
/// </summary>
public sealed class OmapIommuDriver
{
    private readonly List<OmapIommuDevice> _bound = new();

    private OmapIommuDriver(KernelMemory kernelMemory, Omap2IommuArch arch)
    {
        KernelMemory = kernelMemory;
        Arch = arch;
        // omap_iommu_init: kmem_cache_create("iopte_cache", IOPTE_TABLE_SIZE, 1 << 10, ...).
        L2Cache = new SlabCache("iopte_cache", kernelMemory.Pages, IopgtableFormat.IOPTE_TABLE_SIZE);
        Ops = new OmapIommuOps(this);
        PagesOps = new OmapIommuPagesOps(this);
    }

    /// <summary>Kernel memory services (kzalloc of the domain tables).</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>arch_iommu: omap2_iommu_ops installed by iommu2.c.</summary>
    public Omap2IommuArch Arch { get; }

    /// <summary>iopte_cachep: the 1 KiB L2 table cache.</summary>
    public SlabCache L2Cache { get; }

    /// <summary>omap_iommu_ops.</summary>
    public OmapIommuOps Ops { get; }

    /// <summary>The same driver with the batched ops (map_pages / unmap_pages / iotlb_sync, Linux 5.x).</summary>
    public OmapIommuPagesOps PagesOps { get; }

    /// <summary>Devices bound by omap_iommu_probe, in probe order.</summary>
    public IReadOnlyList<OmapIommuDevice> Devices => _bound;

    /// <summary>
    /// Boots the 3.3 OMAP IOMMU stack on <paramref name="soc"/>: installs omap2_iommu_ops (3.1+ attribute
    /// encoding), omap_iommu_init (iopte_cache, bus_set_iommu(&amp;platform_bus_type, &amp;omap_iommu_ops) on
    /// <paramref name="bus"/>, platform_driver_register) and probes every OMAP MMU of the SoC (§7.3).
    /// With <paramref name="batchedOps"/> the bus gets <see cref="PagesOps"/> instead of the 3.3 ops.
    /// Throws when bus_set_iommu or a probe fails (a boot failure).
    /// </summary>
    public static OmapIommuDriver Register(Soc soc, KernelMemory kernelMemory, BusType bus, bool batchedOps = false)
    {
        ArgumentNullException.ThrowIfNull(soc);
        ArgumentNullException.ThrowIfNull(kernelMemory);
        ArgumentNullException.ThrowIfNull(bus);
        var driver = new OmapIommuDriver(kernelMemory, new Omap2IommuArch(OmapAttributeEncoding.Linux31));
        int err = bus.SetIommu(batchedOps ? driver.PagesOps : driver.Ops);
        if (err != 0)
            throw new InvalidOperationException($"bus_set_iommu({bus}) for omap-iommu failed: {Errno.Describe(err)}");
        for (int i = 0; i < soc.OmapMmus.Count; i++)
        {
            err = driver.Probe(soc.OmapMmus[i], new Device($"omap-iommu.{i}"));
            if (err != 0)
                throw new InvalidOperationException($"omap-iommu probe of \"{soc.OmapMmus[i].Config.Name}\" failed: {Errno.Describe(err)}");
        }
        return driver;
    }

    /// <summary>
    /// omap_iommu_probe(pdev) (3.2+): allocates the object (-ENOMEM) and requests the fault IRQ; unlike
    /// 3.0 no L1 table is allocated, the table comes with the domain at attach (§7.3, §8.19).
    /// </summary>
    public int Probe(OmapMmu mmu, Device pdev)
    {
        ArgumentNullException.ThrowIfNull(mmu);
        ArgumentNullException.ThrowIfNull(pdev);
        if (_bound.Any(d => d.Mmu == mmu))
            throw new InvalidOperationException($"\"{mmu.Config.Name}\" is already bound");
        if (!KernelMemory.TryKzalloc())
            return -Errno.ENOMEM; // kzalloc(sizeof(*obj) + MMU_REG_SIZE)
        var obj = new OmapIommuDevice(new OmapIommuInstance(mmu, Arch, L2Cache, KernelMemory), pdev);
        mmu.Interrupt.Handler = _ => FaultHandler(obj); // request_irq(IRQF_SHARED, dev_name(&pdev->dev), obj)
        pdev.DriverData = obj; // platform_set_drvdata
        _bound.Add(obj);
        return 0;
    }

    /// <summary>driver_find_device(&amp;omap_iommu_driver.driver, NULL, name, device_match_by_alias): the bound IOMMU or NULL.</summary>
    public OmapIommuDevice? FindDevice(string name) => _bound.FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// omap_iommu_attach(name, iopgd) (3.3, §7.3): NULL for an unknown name (not an error to the caller);
    /// refcount++ and -EBUSY if now above 1; obj->iopgd = iopgd; enable (-EINVAL, -ENODEV; refcount
    /// restored, iopgd left set); flush_iotlb_all. The module reference always succeeds (owner is built in).
    /// </summary>
    internal ErrPtr<OmapIommuDevice> Attach(string name, uint iopgd)
    {
        OmapIommuDevice? obj = FindDevice(name);
        if (obj is null)
            return ErrPtr<OmapIommuDevice>.Null;
        if (++obj.Refcount > 1)
        {
            obj.Refcount--; // "already attached!"
            return ErrPtr<OmapIommuDevice>.Error(-Errno.EBUSY);
        }
        obj.Instance.Iopgd = iopgd;
        int err = Enable(obj);
        if (err != 0)
        {
            obj.Refcount--;
            return ErrPtr<OmapIommuDevice>.Error(err);
        }
        OmapTlb.FlushAll(obj.Instance);
        return ErrPtr<OmapIommuDevice>.Of(obj);
    }

    /// <summary>omap_iommu_detach(obj): refcount--, disable at 0, obj->iopgd = NULL; NULL does nothing.</summary>
    internal void Detach(OmapIommuDevice? obj)
    {
        if (obj is null)
            return;
        if (--obj.Refcount == 0)
            Disable(obj);
        obj.Instance.Iopgd = 0;
    }

    /// <summary>
    /// iommu_fault_handler (3.2+, omap.md §4.7 steps 1-3, §7.6): refcount 0 → IRQ_NONE; decode and
    /// acknowledge; no error → IRQ_HANDLED; report_iommu_fault(obj->domain, obj->dev, da, 0) returning 0 →
    /// IRQ_HANDLED; otherwise disable the MMU and return IRQ_NONE.
    /// </summary>
    internal IrqReturn FaultHandler(OmapIommuDevice obj)
    {
        IommuDomain? domain = obj.Domain;
        if (obj.Refcount == 0)
            return IrqReturn.None;

        obj.Instance.Clock.Enable();
        uint errs = Arch.FaultIsr(obj.Instance, out uint da);
        obj.Instance.Clock.Disable();
        if (errs == 0)
            return IrqReturn.Handled;

        if (domain is null)
            throw new KernelBugException("report_iommu_fault: NULL pointer dereference of domain->handler"); // obj->domain never set
        if (IommuApi.ReportFault(domain, obj.Dev, da, 0) == 0) // flags 0: IOMMU_FAULT_READ whatever the cause
            return IrqReturn.Handled;

        Disable(obj);
        LastUnhandledFault = (da, errs);
        return IrqReturn.None; // the kernel logs the L1 (and L2) entry for da here
    }

    /// <summary>The (da, errs) of the last fault nobody handled: what the kernel's dev_err would have printed.</summary>
    public (uint Da, uint Errs)? LastUnhandledFault { get; private set; }

    // iommu_enable(obj): the arch enable with the clock on (arch_iommu is always installed here).
    private static int Enable(OmapIommuDevice obj)
    {
        obj.Instance.Clock.Enable();
        int err = obj.Instance.Arch.Enable(obj.Instance);
        obj.Instance.Clock.Disable();
        return err;
    }

    // iommu_disable(obj).
    private static void Disable(OmapIommuDevice obj)
    {
        obj.Instance.Clock.Enable();
        obj.Instance.Arch.Disable(obj.Instance);
        obj.Instance.Clock.Disable();
    }
}
