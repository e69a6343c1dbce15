using System.Globalization;
using Migration.Hardware.Memory;
using Migration.Kernel;

namespace Legacy.Iommu;

/// <summary>
/// The Era A generic IOMMU core of one booted kernel: drivers/base/iommu.c of Linux 2.6.34–3.1 or of
/// CAF msm-3.0, plus the report_iommu_fault inline of include/linux/iommu.h (generic.md §4, §8.1).
/// The kernel's globals (the single <c>static struct iommu_ops *iommu_ops</c>) live in this object
/// rather than in statics so that each test, and each world, boots its own kernel.
/// </summary>
public sealed class IommuCore
{
    // SZ_4K / PAGE_SIZE on ARM (generic.md §2.5).
    private const uint SZ_4K = 0x1000;

    // ~PAGE_MASK: the offset-in-page bits that iommu_map_range/unmap_range BUG on (generic.md §8.1).
    private const uint PAGE_OFFSET_MASK = SZ_4K - 1;

    // kmalloc'ed/kzalloc'ed struct iommu_domain objects not yet kfree'd, to observe leaks.
    private readonly HashSet<IommuDomain> _liveDomains = new(ReferenceEqualityComparer.Instance);

    private IIommuOps? _ops;

    /// <summary>Boots a core of the given flavour with no IOMMU registered (iommu_ops == NULL).</summary>
    public IommuCore(IommuCoreFlavor flavor)
    {
        if (!Enum.IsDefined(flavor))
            throw new ArgumentOutOfRangeException(nameof(flavor), flavor, "unknown Era A core flavour");
        Flavor = flavor;
    }

    /// <summary>Which drivers/base/iommu.c this core is: mainline 2.6.34–3.1 or CAF msm-3.0.</summary>
    public IommuCoreFlavor Flavor { get; }

    /// <summary>The global <c>static struct iommu_ops *iommu_ops</c>; null until register_iommu.</summary>
    public IIommuOps? Ops => _ops;

    /// <summary>Failure injection for the kmalloc (mainline) / kzalloc (CAF) of struct iommu_domain in iommu_domain_alloc.</summary>
    public AllocationFaultInjector DomainAllocFaults { get; } = new();

    /// <summary>struct iommu_domain objects iommu_domain_alloc allocated and iommu_domain_free has not kfree'd yet.</summary>
    public int LiveDomainCount => _liveDomains.Count;

    /// <summary>True while <paramref name="domain"/> is allocated by this core and not yet kfree'd by iommu_domain_free.</summary>
    public bool IsDomainAllocated(IommuDomain domain) => _liveDomains.Contains(domain);

    /// <summary>register_iommu(ops): stores the single global ops; a second call is BUG() (generic.md §4.1, §9.11).</summary>
    public void RegisterIommu(IIommuOps ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        // drivers/base/iommu.c: if (iommu_ops) BUG(); — fatal, not an error return (generic.md §4.1).
        Bug.On(_ops is not null, "register_iommu: iommu_ops already set (BUG)");
        _ops = ops;
    }

    /// <summary>iommu_found(): true iff the global iommu_ops is set (generic.md §4.1).</summary>
    public bool IommuFound() => _ops is not null;

    /// <summary>
    /// iommu_domain_alloc(void) (mainline) / iommu_domain_alloc(int flags) (CAF): the domain, or NULL on
    /// any failure — allocation, or a non-zero ops->domain_init, whose errno is swallowed (generic.md §4.2, §9.9).
    /// CAF returns NULL with no IOMMU registered and passes <paramref name="flags"/> to domain_init; mainline
    /// ignores <paramref name="flags"/> (passes 0) and oopses on the NULL iommu_ops.
    /// </summary>
    public IommuDomain? IommuDomainAlloc(int flags = 0)
    {
        // CAF checks iommu_found() first and returns NULL (generic.md §8.1).
        if (IsCaf && !IommuFound())
            return null;

        // kmalloc (mainline 3.0) / kzalloc (CAF): a failed allocation is NULL (generic.md §4.2).
        if (DomainAllocFaults.ShouldFail())
            return null;
        var domain = new IommuDomain(this, IsCaf ? flags : 0);
        _liveDomains.Add(domain);

        // Mainline dereferences iommu_ops here with no check: the kmalloc'ed domain is lost in the oops.
        int ret = OpsOrOops("iommu_domain_alloc").DomainInit(domain, domain.Flags);
        if (ret != 0)
        {
            // out_free: kfree(domain); return NULL — any non-zero value, no errno propagated (generic.md §9.9).
            _liveDomains.Remove(domain);
            return null;
        }
        return domain;
    }

    /// <summary>
    /// iommu_domain_free(domain): ops->domain_destroy then kfree. Does NOT detach attached devices
    /// (generic.md §4.2, §9.10). CAF with no IOMMU: no-op (§8.1); mainline: NULL dereference oops.
    /// </summary>
    public void IommuDomainFree(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (IsCaf && !IommuFound())
            return;
        OpsOrOops("iommu_domain_free").DomainDestroy(domain);
        // kfree(domain): frees the object whichever core allocated it.
        domain.Core._liveDomains.Remove(domain);
    }

    /// <summary>iommu_attach_device(domain, dev): the driver's result; CAF with no IOMMU: -ENODEV (generic.md §4.2, §8.1).</summary>
    public int IommuAttachDevice(IommuDomain domain, Device dev)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(dev);
        if (IsCaf && !IommuFound())
            return -Errno.ENODEV;
        return OpsOrOops("iommu_attach_device").AttachDev(domain, dev);
    }

    /// <summary>iommu_detach_device(domain, dev): no result; CAF with no IOMMU: no-op (generic.md §4.2, §8.1).</summary>
    public void IommuDetachDevice(IommuDomain domain, Device dev)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(dev);
        if (IsCaf && !IommuFound())
            return;
        OpsOrOops("iommu_detach_device").DetachDev(domain, dev);
    }

    /// <summary>
    /// iommu_map(domain, iova, paddr, gfp_order, prot) (order-based, generic.md §4.3): size = 0x1000UL &lt;&lt;
    /// gfp_order; BUG() if iova or paddr is not a multiple of size; else ops->map's result, with the
    /// order (not the size) passed through. CAF with no IOMMU: -ENODEV before any check (§8.1).
    /// </summary>
    public int IommuMap(IommuDomain domain, uint iova, uint paddr, int gfpOrder, int prot)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (IsCaf && !IommuFound())
            return -Errno.ENODEV;

        // size = 0x1000UL << gfp_order; invalid_mask = size - 1; BUG_ON((iova | paddr) & invalid_mask)
        // — fatal, there is no error return (generic.md §4.3 step 3, §9.1).
        uint size = OrderToSize(gfpOrder);
        uint invalidMask = unchecked(size - 1);
        Bug.On(((iova | paddr) & invalidMask) != 0,
            $"iommu_map: BUG_ON((iova | paddr) & invalid_mask): iova {Hex(iova)}, paddr {Hex(paddr)}, gfp_order {gfpOrder}, size {Hex(size)}");

        // The alignment BUG comes before the (mainline) NULL iommu_ops dereference, as in the source.
        return OpsOrOops("iommu_map").Map(domain, iova, paddr, gfpOrder, prot);
    }

    /// <summary>
    /// iommu_unmap(domain, iova, gfp_order) (order-based, generic.md §4.4): BUG() only if iova is not a
    /// multiple of 0x1000UL &lt;&lt; gfp_order; returns ops->unmap's value unchanged, whatever it means
    /// (0/-errno for MSM, an order for AMD/OMAP, §9.2). CAF with no IOMMU: -ENODEV (§8.1).
    /// </summary>
    public int IommuUnmap(IommuDomain domain, uint iova, int gfpOrder)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (IsCaf && !IommuFound())
            return -Errno.ENODEV;

        uint size = OrderToSize(gfpOrder);
        uint invalidMask = unchecked(size - 1);
        // paddr is not involved in unmap (generic.md §4.4).
        Bug.On((iova & invalidMask) != 0,
            $"iommu_unmap: BUG_ON(iova & invalid_mask): iova {Hex(iova)}, gfp_order {gfpOrder}, size {Hex(size)}");

        return OpsOrOops("iommu_unmap").Unmap(domain, iova, gfpOrder);
    }

    /// <summary>iommu_iova_to_phys(domain, iova): the driver's result (0 = not mapped); CAF with no IOMMU: 0 (generic.md §4.5, §8.1).</summary>
    public uint IommuIovaToPhys(IommuDomain domain, uint iova)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (IsCaf && !IommuFound())
            return 0;
        return OpsOrOops("iommu_iova_to_phys").IovaToPhys(domain, iova);
    }

    /// <summary>iommu_domain_has_cap(domain, cap): the driver's result; CAF with no IOMMU: -ENODEV (generic.md §4.5, §8.1).</summary>
    public int IommuDomainHasCap(IommuDomain domain, uint cap)
    {
        ArgumentNullException.ThrowIfNull(domain);
        // CAF returns -ENODEV here, not the 0 of the !CONFIG_IOMMU_API stub (generic.md §8.1 vs §4.6).
        if (IsCaf && !IommuFound())
            return -Errno.ENODEV;
        return OpsOrOops("iommu_domain_has_cap").DomainHasCap(domain, cap);
    }

    /// <summary>
    /// iommu_map_range(domain, iova, sg, len, prot) (CAF, generic.md §8.1, §9.14): -ENODEV with no IOMMU;
    /// BUG() if iova is not 4 KiB aligned; else ops->map_range's result — no splitting, no rollback.
    /// The same body in both flavours: the call exists only in CAF trees.
    /// </summary>
    public int IommuMapRange(IommuDomain domain, uint iova, ReadOnlySpan<Scatterlist> sg, uint len, int prot)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!IommuFound())
            return -Errno.ENODEV;
        Bug.On((iova & PAGE_OFFSET_MASK) != 0, $"iommu_map_range: BUG_ON(iova & ~PAGE_MASK): iova {Hex(iova)}");
        return _ops!.MapRange(domain, iova, sg, len, prot);
    }

    /// <summary>
    /// iommu_unmap_range(domain, iova, len) (CAF, generic.md §8.1): -ENODEV with no IOMMU; BUG() if iova
    /// is not 4 KiB aligned; else ops->unmap_range's result. The same body in both flavours.
    /// </summary>
    public int IommuUnmapRange(IommuDomain domain, uint iova, uint len)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!IommuFound())
            return -Errno.ENODEV;
        Bug.On((iova & PAGE_OFFSET_MASK) != 0, $"iommu_unmap_range: BUG_ON(iova & ~PAGE_MASK): iova {Hex(iova)}");
        return _ops!.UnmapRange(domain, iova, len);
    }

    /// <summary>
    /// iommu_get_pt_base_addr(domain) (CAF, generic.md §8.1): 0 with no IOMMU, else the physical address
    /// of the domain's first-level table from ops->get_pt_base_addr. The same body in both flavours.
    /// </summary>
    public uint IommuGetPtBaseAddr(IommuDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!IommuFound())
            return 0;
        return _ops!.GetPtBaseAddr(domain);
    }

    /// <summary>
    /// iommu_set_fault_handler(domain, handler) (pre-token form, generic.md §4.5): BUG() if domain is NULL;
    /// stores the handler (NULL uninstalls it). Needs no registered IOMMU in either flavour.
    /// </summary>
    public void IommuSetFaultHandler(IommuDomain? domain, IommuFaultHandler? handler)
    {
        // BUG_ON(!domain) (generic.md §4.5).
        Bug.On(domain is null, "iommu_set_fault_handler: BUG_ON(!domain)");
        domain.Handler = handler;
    }

    /// <summary>
    /// report_iommu_fault(domain, dev, iova, flags) (include/linux/iommu.h inline, generic.md §4.5, §9.13):
    /// the installed handler's return value; with no handler, 0 (<see cref="IommuCoreFlavor.Mainline30"/>,
    /// the first register_iommu-era version) or -ENOSYS (<see cref="IommuCoreFlavor.Caf30"/>).
    /// <paramref name="flags"/> reaches the handler unchanged.
    /// </summary>
    public int ReportIommuFault(IommuDomain domain, Device dev, uint iova, int flags)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(dev);
        IommuFaultHandler? handler = domain.Handler;
        if (handler is not null)
            return handler(domain, dev, iova, flags);
        // generic.md §4.5/§9.13: the first version of the mechanism, which still lived beside
        // register_iommu, returned 0; the CAF 3.0 backport returns -ENOSYS, which its MSM fault
        // interrupt relies on to print its own register dump (msm.md §5.12).
        return IsCaf ? -Errno.ENOSYS : 0;
    }

    private bool IsCaf => Flavor == IommuCoreFlavor.Caf30;

    // The global iommu_ops as a wrapper uses it. Mainline 2.6.34–3.1 dereferences it unchecked, so a
    // NULL iommu_ops is a fatal oops (generic.md §4.2, §9.11); CAF callers have already checked
    // iommu_found(), so for them this never fires.
    private IIommuOps OpsOrOops(string function) =>
        _ops ?? throw new KernelBugException(
            $"{function}: NULL pointer dereference oops: iommu_ops is NULL (no IOMMU registered; mainline " +
            "2.6.34-3.1 wrappers do not check iommu_found(), generic.md §4.2, §9.11)");

    // 0x1000UL << gfp_order in 32-bit unsigned long (generic.md §4.3 step 2). Shifts of 32 or more are
    // undefined in C; ARM's register-specified LSL uses the bottom byte of the count and yields 0 for
    // 32..255, which is what the compiled kernel computes. A shifted-out size is 0, whose mask is
    // 0xFFFFFFFF, so any non-zero iova/paddr then hits the BUG.
    private static uint OrderToSize(int gfpOrder)
    {
        int shift = gfpOrder & 0xFF;
        return shift >= 32 ? 0u : unchecked(SZ_4K << shift);
    }

    private static string Hex(uint value) => "0x" + value.ToString("x8", CultureInfo.InvariantCulture);
}
