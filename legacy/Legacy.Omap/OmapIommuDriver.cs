using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Legacy.Omap;

/// <summary>
/// The "omap-iommu" platform driver of Linux 3.0 (arch/arm/plat-omap/iommu.c omap_iommu_driver,
/// omap_iommu_probe/remove, the fault interrupt) together with the arch registration
/// (install_iommu_arch) that arch/arm/mach-omap2/iommu2.c performs at init.
/// </summary>
public sealed class OmapIommuDriver
{
    private readonly List<OmapIommu> _bound = new();

    private OmapIommuDriver(KernelMemory kernelMemory)
    {
        KernelMemory = kernelMemory;
        // omap_iommu_init: kmem_cache_create("iopte_cache", IOPTE_TABLE_SIZE, IOPTE_TABLE_SIZE, ...).
        L2Cache = new SlabCache("iopte_cache", kernelMemory.Pages, IopgtableFormat.IOPTE_TABLE_SIZE);
    }

    /// <summary>Kernel memory services.</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>iopte_cachep: the 1 KiB, 1 KiB-aligned L2 table cache.</summary>
    public SlabCache L2Cache { get; }

    /// <summary>arch_iommu: the installed arch function table, or null.</summary>
    public Omap2IommuArch? InstalledArch { get; private set; }

    /// <summary>Devices currently bound, in probe order.</summary>
    public IReadOnlyList<OmapIommu> Devices => _bound;

    /// <summary>
    /// Boots the 3.0 OMAP IOMMU stack on <paramref name="soc"/>: installs omap2_iommu_ops (3.0 attribute
    /// encoding), registers the platform driver and probes every OMAP MMU of the SoC.
    /// </summary>
    public static OmapIommuDriver Register(Soc soc, KernelMemory kernelMemory)
    {
        ArgumentNullException.ThrowIfNull(soc);
        ArgumentNullException.ThrowIfNull(kernelMemory);
        var driver = new OmapIommuDriver(kernelMemory);
        driver.InstallArch(new Omap2IommuArch(OmapAttributeEncoding.Linux30));
        foreach (OmapMmu mmu in soc.OmapMmus)
        {
            int err = driver.Probe(mmu);
            if (err != 0)
                throw new InvalidOperationException($"omap-iommu probe of \"{mmu.Config.Name}\" failed: {Errno.Describe(err)}");
        }
        return driver;
    }

    /// <summary>install_iommu_arch(ops): -EBUSY when one is installed already.</summary>
    public int InstallArch(Omap2IommuArch ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        if (InstalledArch is not null)
            return -Errno.EBUSY;
        InstalledArch = ops;
        return 0;
    }

    /// <summary>uninstall_iommu_arch(ops): logs when ops differs, clears anyway.</summary>
    public void UninstallArch(Omap2IommuArch ops)
    {
        _ = ops; // "not your arch" is only logged
        InstalledArch = null;
    }

    /// <summary>iommu_arch_version(): the installed table's version (0x11).</summary>
    public uint ArchVersion() => InstalledArch?.Version
        ?? throw new KernelBugException("iommu_arch_version: NULL arch_iommu dereference");

    /// <summary>
    /// omap_iommu_probe: allocates the object and its 16 KiB L1 table (order-2 pages, zeroed, BUG unless
    /// 16K aligned) and requests the fault IRQ. 0 or -ENOMEM.
    /// </summary>
    public int Probe(OmapMmu mmu)
    {
        ArgumentNullException.ThrowIfNull(mmu);
        if (_bound.Any(d => d.Mmu == mmu))
            throw new InvalidOperationException($"\"{mmu.Config.Name}\" is already bound");
        Omap2IommuArch arch = InstalledArch
            ?? throw new InvalidOperationException("install the arch functions (iommu2.c) before probing");
        if (!KernelMemory.TryKzalloc())
            return -Errno.ENOMEM; // kzalloc(sizeof(*obj) + MMU_REG_SIZE)

        uint pgd = KernelMemory.Pages.AllocPages(KernelMemory.GetOrder(IopgtableFormat.IOPGD_TABLE_SIZE), zero: true);
        if (pgd == 0)
            return -Errno.ENOMEM;
        Bug.On((pgd & (IopgtableFormat.IOPGD_TABLE_SIZE - 1)) != 0, "omap_iommu_probe: BUG_ON(!IS_ALIGNED(p, IOPGD_TABLE_SIZE))");

        var instance = new OmapIommuInstance(mmu, arch, L2Cache, KernelMemory) { Iopgd = pgd };
        var obj = new OmapIommu(this, instance) { IsBound = true };
        mmu.Interrupt.Handler = _ => FaultHandler(obj); // request_irq(IRQF_SHARED)
        _bound.Add(obj);
        return 0;
    }

    /// <summary>
    /// omap_iommu_remove: clears every mapping (frees the L2 tables, flushes the TLB), frees the L1 table
    /// and the IRQ. The only place the 3.0 page table is ever reset (§8.19).
    /// </summary>
    public void Remove(OmapIommu obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (!_bound.Remove(obj))
            throw new InvalidOperationException($"{obj} is not bound to this driver");
        OmapPageTable.ClearEntryAll(obj.Instance);
        obj.Mmu.Interrupt.Handler = null;
        KernelMemory.Pages.FreePages(obj.Instance.Iopgd, KernelMemory.GetOrder(IopgtableFormat.IOPGD_TABLE_SIZE));
        obj.Instance.Iopgd = 0;
        obj.IsBound = false;
    }

    /// <summary>driver_find_device(&amp;omap_iommu_driver.driver, NULL, name, device_match_by_alias).</summary>
    public OmapIommu? FindDevice(string name) => _bound.FirstOrDefault(d => d.Name == name);

    /// <summary>iommu_enable(obj): -EINVAL for NULL, -ENODEV without arch, else the arch enable under the clock.</summary>
    internal int Enable(OmapIommu? obj)
    {
        if (obj is null)
            return -Errno.EINVAL;
        if (InstalledArch is null)
            return -Errno.ENODEV;
        obj.Instance.Clock.Enable();
        int err = obj.Instance.Arch.Enable(obj.Instance);
        obj.Instance.Clock.Disable();
        return err;
    }

    /// <summary>iommu_disable(obj).</summary>
    internal void Disable(OmapIommu? obj)
    {
        if (obj is null)
            return;
        obj.Instance.Clock.Enable();
        obj.Instance.Arch.Disable(obj.Instance);
        obj.Instance.Clock.Disable();
    }

    /// <summary>
    /// iommu_fault_handler (3.0, omap.md §4.7): decode and acknowledge the fault, offer it to the callback;
    /// unhandled faults disable the MMU and return IRQ_NONE.
    /// </summary>
    internal IrqReturn FaultHandler(OmapIommu obj)
    {
        if (obj.Refcount == 0)
            return IrqReturn.None;

        obj.Instance.Clock.Enable();
        uint errs = obj.Instance.Arch.FaultIsr(obj.Instance, out uint da);
        obj.Instance.Clock.Disable();
        if (errs == 0)
            return IrqReturn.Handled;

        if (obj.Isr is not null && obj.Isr(obj, da, errs, obj.IsrPriv) == 0)
            return IrqReturn.Handled;

        Disable(obj);
        LastUnhandledFault = (da, errs);
        return IrqReturn.None; // the kernel logs the L1 (and L2) entry for da here
    }

    /// <summary>The (da, errs) of the last fault nobody handled: what the kernel's dev_err would have printed.</summary>
    public (uint Da, uint Errs)? LastUnhandledFault { get; private set; }
}
