using Migration.Kernel;

namespace Generic.Iommu;

/// <summary>struct bus_type, reduced to its iommu_ops (3.2+: one IOMMU driver per bus).</summary>
public sealed class BusType
{
    /// <summary>Creates the bus <paramref name="name"/> ("platform").</summary>
    public BusType(string name) => Name = name;

    /// <summary>The bus name.</summary>
    public string Name { get; }

    /// <summary>bus->iommu_ops; null until bus_set_iommu.</summary>
    public IIommuOps? IommuOps { get; private set; }

    /// <summary>bus_set_iommu(bus, ops): -EBUSY when the bus already has ops, else 0 (generic.md §4.1).</summary>
    public int SetIommu(IIommuOps ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        if (IommuOps is not null)
            return -Errno.EBUSY;
        IommuOps = ops;
        return 0;
    }

    /// <summary>iommu_present(bus).</summary>
    public bool IommuPresent => IommuOps is not null;

    /// <inheritdoc />
    public override string ToString() => Name;
}
