namespace Migration.Analyzers.Fixes;

/// <summary>
/// The generic world's C# API the code fixes write (found by metadata name in the compilation being fixed; the
/// analyzers reference neither world).
/// </summary>
internal static class GenericWorldNames
{
    /// <summary>Generic.Iommu.IommuApi: iommu_domain_alloc/attach/map/unmap.</summary>
    public const string IommuApi = "Generic.Iommu.IommuApi";

    /// <summary>Generic.Iommu.IommuDomain: struct iommu_domain of 3.3.</summary>
    public const string IommuDomain = "Generic.Iommu.IommuDomain";

    /// <summary>Generic.Iommu.BusType: struct bus_type (iommu_domain_alloc's argument).</summary>
    public const string BusType = "Generic.Iommu.BusType";

    /// <summary>Generic.Iommu.Dma.DmaApi: the DMA-mapping API.</summary>
    public const string DmaApi = "Generic.Iommu.Dma.DmaApi";

    /// <summary>Migration.Kernel.Device: struct device (shared by both worlds).</summary>
    public const string Device = "Migration.Kernel.Device";

    /// <summary>Migration.Kernel.ErrValue: IS_ERR_VALUE helpers (shared).</summary>
    public const string ErrValue = "Migration.Kernel.ErrValue";

    /// <summary>Migration.Kernel.Errno (shared).</summary>
    public const string Errno = "Migration.Kernel.Errno";
}
