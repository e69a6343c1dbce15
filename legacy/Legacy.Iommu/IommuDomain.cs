namespace Legacy.Iommu;

/// <summary>
/// struct iommu_domain of Era A with the CAF msm-3.0 fault-handler backport (generic.md §3.1):
/// <c>void *priv</c> and <c>iommu_fault_handler_t handler</c>, plus what the model needs to know
/// about the allocation (the flags and the core that allocated it). Only
/// <see cref="IommuCore.IommuDomainAlloc"/> creates one, as only iommu_domain_alloc does in the kernel.
/// </summary>
public sealed class IommuDomain
{
    internal IommuDomain(IommuCore core, int flags)
    {
        Core = core;
        Flags = flags;
    }

    /// <summary>domain->priv: owned by the IOMMU driver, filled in by ops->domain_init (generic.md §3.1).</summary>
    public object? Priv { get; set; }

    /// <summary>
    /// domain->handler, set by iommu_set_fault_handler. Starts null: CAF kzalloc's the domain; mainline 3.0
    /// kmalloc's it, so the real field is uninitialised garbage until set, modelled here as null (generic.md §4.2, §9.9).
    /// </summary>
    public IommuFaultHandler? Handler { get; internal set; }

    /// <summary>The flags iommu_domain_alloc(flags) handed to ops->domain_init (CAF); always 0 for mainline, whose iommu_domain_alloc(void) has none.</summary>
    public int Flags { get; }

    /// <summary>The booted core whose iommu_domain_alloc created this domain (the kernel has one implicit core).</summary>
    public IommuCore Core { get; }

    /// <inheritdoc />
    public override string ToString() => $"iommu_domain(flags 0x{Flags:x}, priv {Priv ?? "NULL"})";
}
