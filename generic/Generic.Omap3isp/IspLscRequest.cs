using Migration.Drivers.Omap;

namespace Generic.Omap3isp;

/// <summary>struct ispccdc_lsc_config_req (ispccdc.h): one lens-shading configuration with its gain table.</summary>
public sealed class IspLscRequest
{
    internal IspLscRequest(uint size) => Size = size;

    /// <summary>req->config.size: the gain table size userspace asked for.</summary>
    public uint Size { get; }

    /// <summary>req->enable.</summary>
    public bool Enable { get; internal set; }

    /// <summary>req->table: the table's da (0 when the allocation failed).</summary>
    public uint Table { get; internal set; }

    /// <summary>The table's kernel address (omap_da_to_va in 3.3, dma_alloc_coherent's return in the DMA port).</summary>
    public uint KernelAddress { get; internal set; }

    /// <summary>req->iovm: the iovmm area whose sgt was dma_map_sg'ed (3.3 only; null in the DMA port).</summary>
    public IovmArea? Iovm { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"lsc request (table 0x{Table:x8}, size {Size})";
}
