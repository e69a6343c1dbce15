namespace Migration.Equivalence;

/// <summary>
/// One leaf entry of a page table as the hardware walker decodes it: the page it maps, the raw descriptor
/// and where that descriptor lives (for strict comparison and for naming the call that wrote it).
/// </summary>
/// <param name="Iova">First device address of the page.</param>
/// <param name="Size">Page size: 4 KiB, 64 KiB, 1 MiB or 16 MiB.</param>
/// <param name="Pa">Physical address of <paramref name="Iova"/>.</param>
/// <param name="Attributes">The walker's attribute word (format specific; compared as is).</param>
/// <param name="Descriptor">The raw descriptor word the walker decoded.</param>
/// <param name="DescriptorAddress">Physical address of that descriptor (the one covering <paramref name="Iova"/>).</param>
/// <param name="Level">1 for a section/supersection (first level), 2 for a small/large page.</param>
public readonly record struct PageEntry(uint Iova, uint Size, uint Pa, uint Attributes, uint Descriptor, uint DescriptorAddress, int Level)
{
    /// <summary>A short human form: size, descriptor value and attributes, e.g. "4K pte 0x80001002 attrs 0x0".</summary>
    public string Describe() => $"{SizeName(Size)} {(Level == 1 ? "pgd" : "pte")} 0x{Descriptor:x8} @pa 0x{DescriptorAddress:x8} attrs 0x{Attributes:x}";

    /// <summary>"4K", "64K", "1M" or "16M".</summary>
    public static string SizeName(uint size) => size switch
    {
        0x1000 => "4K",
        0x10000 => "64K",
        0x100000 => "1M",
        0x1000000 => "16M",
        _ => $"0x{size:x}",
    };
}
