namespace Generic.Omap;

/// <summary>
/// struct omap_iommu_domain (3.2+, omap.md §7.3): domain->priv of an OMAP domain. The L1 table belongs
/// to the domain, not to the IOMMU; the spinlock is a no-op in this single-threaded model.
/// </summary>
public sealed class OmapIommuDomain
{
    /// <summary>Creates the domain data around the zeroed 16 KiB L1 table at physical address <paramref name="pgtable"/>.</summary>
    public OmapIommuDomain(uint pgtable) => Pgtable = pgtable;

    /// <summary>omap_domain->pgtable: the L1 table (its physical address here; the kernel keeps the kzalloc'ed virtual one).</summary>
    public uint Pgtable { get; }

    /// <summary>omap_domain->iommu_dev: the one IOMMU attached to this domain, or NULL.</summary>
    public OmapIommuDevice? IommuDev { get; set; }
}
