namespace Legacy.Msm;

/// <summary>
/// struct msm_mapped_buffer (msm.md §7.6): what msm_subsystem_map_buffer returns. Fields are settable as in
/// the C struct the caller holds; msm_subsystem_unmap_buffer reads them back (and rejects a struct that is
/// not the one it returned).
/// </summary>
public sealed class MsmMappedBuffer
{
    /// <summary>buf->vaddr: the kernel virtual address (KADDR), or 0 (NULL).</summary>
    public uint Vaddr { get; set; }

    /// <summary>buf->iova: iova[i] belongs to the i-th subsystem passed in; null when no IOVA was requested.</summary>
    public uint[]? Iova { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"msm_mapped_buffer(vaddr 0x{Vaddr:x8}, iova {(Iova is null ? "NULL" : "[" + string.Join(", ", Iova.Select(v => "0x" + v.ToString("x8", System.Globalization.CultureInfo.InvariantCulture))) + "]")})";
}
