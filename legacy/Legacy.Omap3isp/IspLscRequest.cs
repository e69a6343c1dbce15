using Migration.Drivers.Omap;

namespace Legacy.Omap3isp;

/// <summary>struct ispccdc_lsc_config_req (ispccdc.h): one lens-shading configuration and its gain table.</summary>
public sealed class IspLscRequest
{
    internal IspLscRequest(uint size) => Size = size;

    /// <summary>req->config.size: the gain table size the application asked for.</summary>
    public uint Size { get; }

    /// <summary>req->enable.</summary>
    public bool Enable { get; internal set; }

    /// <summary>req->table: the da of the iommu_vmalloc'ed gain table (0 when none).</summary>
    public uint Table { get; internal set; }

    /// <summary>req->iovm: the area find_iovm_area returned (its sgt was dma_map_sg'ed), or null.</summary>
    public IovmArea? Iovm { get; internal set; }

    /// <summary>The kernel address da_to_va returned for the table (where copy_from_user wrote it).</summary>
    public uint KernelAddress { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"lsc request (table 0x{Table:x8}, size {Size})";
}
