namespace Generic.Iommu;

/// <summary>struct iommu_domain (3.3): its ops, the driver's priv, and the fault handler (kzalloc'ed: starts NULL).</summary>
public sealed class IommuDomain
{
    internal IommuDomain(IIommuOps ops) => Ops = ops;

    /// <summary>domain->ops.</summary>
    public IIommuOps Ops { get; }

    /// <summary>domain->priv: the driver's per-domain data.</summary>
    public object? Priv { get; set; }

    /// <summary>domain->handler (iommu_set_fault_handler); null until set.</summary>
    public IommuFaultHandler? Handler { get; internal set; }

    /// <summary>The page choice and rollback iommu_map uses on this domain (the core's; a known-bad port replaces it).</summary>
    public IommuMapPolicy MapPolicy { get; set; } = IommuMapPolicy.Default;
}

/// <summary>iommu_fault_handler_t (3.2-3.4): int (*)(struct iommu_domain *, struct device *, unsigned long iova, int flags).</summary>
public delegate int IommuFaultHandler(IommuDomain domain, Migration.Kernel.Device dev, uint iova, int flags);
