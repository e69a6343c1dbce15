namespace Migration.Kernel;

/// <summary>
/// struct device, reduced to what the IOMMU code uses: a name, the parent (an MSM context's IOMMU
/// instance), the driver's private data (dev_get_drvdata), platform data and archdata.iommu.
/// </summary>
public sealed class Device
{
    /// <summary>Creates a device named <paramref name="name"/> under <paramref name="parent"/>.</summary>
    public Device(string name, Device? parent = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Parent = parent;
    }

    /// <summary>dev_name(dev).</summary>
    public string Name { get; }

    /// <summary>dev->parent.</summary>
    public Device? Parent { get; }

    /// <summary>dev_get_drvdata / dev_set_drvdata.</summary>
    public object? DriverData { get; set; }

    /// <summary>dev->platform_data.</summary>
    public object? PlatformData { get; set; }

    /// <summary>dev->archdata.iommu (3.3+ OMAP clients carry their IOMMU's name here).</summary>
    public object? ArchDataIommu { get; set; }

    /// <summary>dev->archdata.dma_ops (ARM, 3.5+): the device's DMA mapping ops; null means the direct ops.</summary>
    public object? ArchDataDmaOps { get; set; }

    /// <summary>*dev->dma_mask: the highest bus address the device can reach (DMA_BIT_MASK(32) by default).</summary>
    public ulong DmaMask { get; set; } = 0xFFFFFFFF;

    /// <inheritdoc />
    public override string ToString() => Parent is null ? Name : $"{Parent.Name}/{Name}";
}
