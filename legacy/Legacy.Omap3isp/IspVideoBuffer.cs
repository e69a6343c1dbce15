using Migration.Kernel;

namespace Legacy.Omap3isp;

/// <summary>
/// One video buffer: struct isp_video_buffer (ispqueue.h) with the isp_addr of struct isp_buffer (ispvideo.h).
/// </summary>
public sealed class IspVideoBuffer
{
    internal IspVideoBuffer(int index, uint length, IspMemoryType memory)
    {
        Index = index;
        Length = length;
        Memory = memory;
    }

    /// <summary>buf->vbuf.index.</summary>
    public int Index { get; }

    /// <summary>
    /// buf->vbuf.memory: Mmap or a USERPTR kind. For USERPTR buffers the prepare step sets UserPtr or
    /// UserPtrPfnMap from the VMA it found (buf->vm_flags &amp; VM_PFNMAP).
    /// </summary>
    public IspMemoryType Memory { get; internal set; }

    /// <summary>buf->vbuf.length: the format's sizeimage at REQBUFS (what is mapped, also for USERPTR).</summary>
    public uint Length { get; }

    /// <summary>buf->vbuf.m.userptr (0 for MMAP buffers).</summary>
    public uint Userptr { get; internal set; }

    /// <summary>buf->vaddr: the vmalloc_32_user memory of an MMAP buffer (0 otherwise).</summary>
    public uint KernelAddress { get; internal set; }

    /// <summary>buffer->isp_addr: the da programmed into the hardware (0 while unmapped).</summary>
    public uint IspAddr { get; internal set; }

    /// <summary>The sg_table ispmmu_vmap handed to iommu_vmap for <see cref="IspAddr"/> (null while unmapped).</summary>
    public SgTable? Sgt { get; internal set; }

    /// <summary>buf->prepared.</summary>
    public bool Prepared { get; internal set; }

    /// <summary>buf->state.</summary>
    public IspVideoBufferState State { get; internal set; }

    /// <summary>buf->offset: byte offset of the data in its first page (USERPTR).</summary>
    public uint Offset { get; internal set; }

    /// <summary>buf->sglist / buf->sglen: the scatterlist ispqueue built (null before prepare and after cleanup).</summary>
    public Scatterlist[]? Sglist { get; internal set; }

    /// <summary>buf->pages: the pinned user pages (get_user_pages), or null.</summary>
    internal uint[]? Pages { get; set; }

    /// <summary>buf->paddr: the physical start of a VM_PFNMAP buffer (offset included).</summary>
    internal uint Paddr { get; set; }

    /// <summary>buf->npages.</summary>
    internal int Npages { get; set; }

    /// <summary>buf->vm_flags &amp; VM_PFNMAP.</summary>
    internal bool PfnMap { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"buffer {Index} ({Memory}, isp_addr 0x{IspAddr:x8}, {State})";
}
