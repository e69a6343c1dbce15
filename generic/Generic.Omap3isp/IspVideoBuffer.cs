using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// One video buffer of a queue (struct isp_buffer = struct isp_video_buffer + isp_addr; ispqueue.h, ispvideo.h).
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

    /// <summary>buffer->isp_addr: the da programmed into the hardware; 0 when not prepared (or after cleanup).</summary>
    public uint IspAddr { get; internal set; }

    /// <summary>buf->vbuf.memory as requested at REQBUFS (whether a USERPTR is VM_PFNMAP is decided by its VMA at QBUF).</summary>
    public IspMemoryType Memory { get; }

    /// <summary>buf->vbuf.length: the queue's sizeimage.</summary>
    public uint Length { get; }

    /// <summary>buf->vbuf.m.userptr (USERPTR buffers; 0 until the first QBUF).</summary>
    public uint Userptr { get; internal set; }

    /// <summary>buf->sglist/sglen as an sg_table (null until prepared, and after cleanup).</summary>
    public SgTable? Sgt { get; internal set; }

    /// <summary>buf->sglist: the entries of <see cref="Sgt"/> (null when there is none).</summary>
    public Scatterlist[]? Sglist => Sgt?.Sgl;

    /// <summary>buf->prepared.</summary>
    public bool Prepared { get; internal set; }

    /// <summary>buf->state.</summary>
    public IspVideoBufferState State { get; internal set; }

    /// <summary>buf->vaddr: the vmalloc_32_user memory of an MMAP buffer (0 for USERPTR).</summary>
    public uint KernelAddress { get; internal set; }

    /// <summary>buf->vm_flags &amp; VM_PFNMAP: the USERPTR memory found at the last prepare was a PFNMAP mapping.</summary>
    public bool PfnMap { get; internal set; }

    /// <summary>buf->offset: userptr &amp; ~PAGE_MASK (0 for MMAP).</summary>
    public uint Offset { get; internal set; }

    /// <summary>buf->paddr: physical address of the first page of a PFNMAP buffer.</summary>
    public uint Paddr { get; internal set; }

    /// <summary>True while dma_map_sg of <see cref="Sgt"/> has not been undone.</summary>
    internal bool DmaMapped { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"buffer {Index} ({Memory}, 0x{Length:x} bytes, isp_addr 0x{IspAddr:x8}, {State})";
}
