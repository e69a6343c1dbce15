using Migration.Drivers.Omap;

namespace Migration.Clients.Omap3isp;

/// <summary>struct ispccdc_lsc_config_req (ispccdc.h): one lens-shading configuration with its gain table, the same in 3.0 and 3.3.</summary>
public sealed class IspLscRequest
{
    /// <summary>A request for a gain table of <paramref name="size"/> bytes (kzalloc + copy_from_user of the config).</summary>
    public IspLscRequest(uint size) => Size = size;

    /// <summary>req->config.size: the gain table size the application asked for.</summary>
    public uint Size { get; }

    /// <summary>req->enable.</summary>
    public bool Enable { get; set; }

    /// <summary>req->table: the table's da (0 when the allocation failed).</summary>
    public uint Table { get; set; }

    /// <summary>The table's kernel address (da_to_va on the iovmm path, dma_alloc_coherent's return in the DMA port).</summary>
    public uint KernelAddress { get; set; }

    /// <summary>req->iovm: the iovmm area whose sgt was dma_map_sg'ed (iovmm path only).</summary>
    public IovmArea? Iovm { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"lsc request (table 0x{Table:x8}, size {Size})";
}
