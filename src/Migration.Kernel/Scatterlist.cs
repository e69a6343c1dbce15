namespace Migration.Kernel;

/// <summary>
/// One scatterlist entry (struct scatterlist, include/asm-generic/scatterlist.h on ARM 3.0):
/// a physical page, an offset into it and a length, plus the DMA address/length a dma_map_sg fills in.
/// </summary>
public struct Scatterlist
{
    /// <summary>Physical address of the page (page_to_phys(sg_page(sg))); 4 KiB aligned.</summary>
    public uint PagePhys;

    /// <summary>sg->offset: byte offset of the data inside the first page.</summary>
    public uint Offset;

    /// <summary>sg->length: bytes of data described by this entry.</summary>
    public uint Length;

    /// <summary>sg->dma_address: filled by dma_map_sg.</summary>
    public uint DmaAddress;

    /// <summary>sg_dma_len(sg): on ARM 3.0 this is sg->length (there is no separate dma_length).</summary>
    public readonly uint DmaLength => Length;

    /// <summary>sg_phys(sg): page physical address plus offset.</summary>
    public readonly uint Phys => PagePhys + Offset;

    /// <summary>sg_set_page(sg, page, len, offset).</summary>
    public void SetPage(uint pagePhys, uint length, uint offset)
    {
        if ((pagePhys & 0xFFF) != 0)
            throw new ArgumentException($"page address 0x{pagePhys:x8} is not 4 KiB aligned", nameof(pagePhys));
        PagePhys = pagePhys;
        Length = length;
        Offset = offset;
    }

    /// <inheritdoc />
    public override readonly string ToString() => $"sg(page 0x{PagePhys:x8} +0x{Offset:x} len 0x{Length:x})";
}
