namespace Legacy.Msm;

/// <summary>
/// struct msm_buffer_node (subsystem_map.c, msm.md §7.6 step 5): the bookkeeping of one mapped buffer,
/// indexed by vaddr (KADDR) or by the result pointer, and by phys when kernel-mapped.
/// </summary>
internal sealed class MsmBufferNode
{
    public MsmBufferNode(uint phys) => Phys = phys;

    /// <summary>node->phys: the buffer's physical address (key of the phys index for KADDR buffers).</summary>
    public uint Phys { get; }

    /// <summary>node->buf: the result returned to the caller.</summary>
    public MsmMappedBuffer? Buf { get; set; }

    /// <summary>node->subsystems: the caller's subsys_ids array itself (stored, not copied).</summary>
    public int[]? Subsystems { get; set; }

    /// <summary>node->length: map_size (2× the rounded length with IOMMU_2X).</summary>
    public uint Length { get; set; }

    /// <summary>node->nsubsys.</summary>
    public uint Nsubsys { get; set; }

    /// <summary>The key the node was inserted under in buffer_root: the boxed vaddr, or the buffer.</summary>
    public object? Key { get; set; }
}
