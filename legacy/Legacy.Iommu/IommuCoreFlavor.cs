namespace Legacy.Iommu;

/// <summary>Which Era A drivers/base/iommu.c an <see cref="IommuCore"/> models (generic.md §1, §4, §8.1).</summary>
public enum IommuCoreFlavor
{
    /// <summary>
    /// Mainline 2.6.34–3.1 (drivers/base/iommu.c): wrappers dereference the global iommu_ops with no
    /// NULL check, so any call with nothing registered is a fatal NULL dereference (generic.md §4.2,
    /// §9.11); iommu_domain_alloc kmalloc's the domain and passes no flags to domain_init;
    /// mainline 3.0 itself has no fault handler; the model gives this flavour the first, register_iommu-era
    /// version of the mechanism (iommu-next before the 3.2 bus rework, generic.md §3.1), whose
    /// report_iommu_fault returns 0 without a handler (generic.md §4.5, §9.13).
    /// </summary>
    Mainline30,

    /// <summary>
    /// Code Aurora msm-3.0: every wrapper checks iommu_found() first and returns -ENODEV / 0 / nothing
    /// (generic.md §8.1); iommu_domain_alloc(flags) kzalloc's the domain and passes flags to
    /// domain_init; report_iommu_fault without a handler returns -ENOSYS, the value the CAF MSM fault
    /// interrupt tests to decide whether to print its own diagnostics (generic.md §4.5, msm.md §5.12).
    /// </summary>
    Caf30,
}
