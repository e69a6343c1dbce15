using Migration.Kernel;

namespace Migration.Clients.Omap3isp;

/// <summary>
/// One video buffer as the queue sees it in both eras: struct isp_video_buffer (ispqueue.h) with the isp_addr of
/// struct isp_buffer (ispvideo.h). Each era adds what its prepare keeps (the scatterlist, pinned pages, DMA state).
/// </summary>
public abstract class IspVideoBufferCore
{
    /// <summary>Buffer <paramref name="index"/> of <paramref name="length"/> bytes of kind <paramref name="memory"/>.</summary>
    protected IspVideoBufferCore(int index, uint length, IspMemoryType memory)
    {
        Index = index;
        Length = length;
        Memory = memory;
    }

    /// <summary>buf->vbuf.index.</summary>
    public int Index { get; }

    /// <summary>
    /// buf->vbuf.memory: Mmap or a USERPTR kind (as requested; the 3.0 prepare rewrites it from the VMA it found,
    /// buf->vm_flags &amp; VM_PFNMAP).
    /// </summary>
    public IspMemoryType Memory { get; internal set; }

    /// <summary>buf->vbuf.length: the format's sizeimage at REQBUFS (what is mapped, also for USERPTR).</summary>
    public uint Length { get; }

    /// <summary>buf->vbuf.m.userptr (0 for MMAP buffers and until the first QBUF).</summary>
    public uint Userptr { get; internal set; }

    /// <summary>buf->vaddr: the vmalloc_32_user memory of an MMAP buffer (0 otherwise).</summary>
    public uint KernelAddress { get; internal set; }

    /// <summary>buffer->isp_addr: the da programmed into the hardware (0 while unmapped).</summary>
    public uint IspAddr { get; internal set; }

    /// <summary>
    /// The sg_table behind <see cref="IspAddr"/>: the one ispmmu_vmap mapped (iovmm), or the queue's list that
    /// dma_map_sg mapped (DMA port); null while unmapped.
    /// </summary>
    public SgTable? Sgt { get; internal set; }

    /// <summary>buf->prepared.</summary>
    public bool Prepared { get; internal set; }

    /// <summary>buf->state.</summary>
    public IspVideoBufferState State { get; internal set; }

    /// <summary>buf->offset: byte offset of the data in its first page (USERPTR; 0 for MMAP).</summary>
    public uint Offset { get; internal set; }

    /// <summary>buf->paddr: the physical start of a VM_PFNMAP buffer.</summary>
    public uint Paddr { get; internal set; }

    /// <summary>buf->vm_flags &amp; VM_PFNMAP: the USERPTR memory found at the last prepare was a PFNMAP mapping.</summary>
    public bool PfnMap { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"buffer {Index} ({Memory}, 0x{Length:x} bytes, isp_addr 0x{IspAddr:x8}, {State})";
}
