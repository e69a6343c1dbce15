using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Migration.Clients.Omap3isp;

/// <summary>
/// One omap3isp video node with the buffer queue of its (single) file handle, as both eras have it: struct
/// isp_video (ispvideo.c) and struct isp_video_queue (ispqueue.c). REQBUFS with the capture_mem limit, QBUF
/// preparing a buffer on its first queue (or after the userptr changed), DQBUF bookkeeping, and the release of every
/// buffer (omap.md §6.1, §6.2). How a buffer is prepared (its scatterlist and mapping) and cleaned up is the era's.
/// </summary>
public abstract class IspVideoCore
{
    /// <summary>ISP_VIDEO_MAX_BUFFERS (ispqueue.h): the size of queue->buffers[].</summary>
    public const int MaxBuffers = 16;

    /// <summary>capture_mem of the CCDC, CSI2 and CCP2 nodes: 3 × PAGE_ALIGN(4096 × 4096) = 48 MiB (§6.2).</summary>
    public const uint CaptureMemSmall = 48u << 20;

    /// <summary>capture_mem of the preview and resizer nodes: 96 MiB (§6.2).</summary>
    public const uint CaptureMemLarge = 96u << 20;

    /// <summary>PAGE_SIZE.</summary>
    protected const uint PAGE_SIZE = KernelMemory.PAGE_SIZE;

    private readonly IspRegisters _registers;
    private readonly KernelMemory _kmem;
    private readonly List<IspVideoBufferCore> _buffers = new();
    private readonly List<IspVideoBufferCore> _dmaQueue = new();

    /// <summary>Node <paramref name="node"/> of an ISP whose registers are <paramref name="registers"/>, on <paramref name="kmem"/>.</summary>
    protected IspVideoCore(IspRegisters registers, KernelMemory kmem, IspVideoNode node)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(kmem);
        _registers = registers;
        _kmem = kmem;
        Node = node;
        // capture_mem, set by each module's init (omap.md §6.2).
        CaptureMem = node is IspVideoNode.CcdcOutput or IspVideoNode.Csi2aOutput or IspVideoNode.Ccp2Input
            ? CaptureMemSmall
            : CaptureMemLarge;
        IsCapture = node is IspVideoNode.CcdcOutput or IspVideoNode.Csi2aOutput or IspVideoNode.PreviewOutput or IspVideoNode.ResizerOutput;
    }

    /// <summary>Which node this is.</summary>
    public IspVideoNode Node { get; }

    /// <summary>video->capture_mem: the byte budget REQBUFS divides by PAGE_ALIGN(sizeimage).</summary>
    public uint CaptureMem { get; }

    /// <summary>V4L2_BUF_TYPE_VIDEO_CAPTURE (the ISP writes the buffers) rather than _OUTPUT (it reads them).</summary>
    public bool IsCapture { get; }

    /// <summary>queue->count: buffers currently allocated.</summary>
    public int BufferCount => _buffers.Count;

    /// <summary>The da the node's DMA address register holds (what the module's set_in/outaddr wrote last).</summary>
    public uint HardwareAddress => _registers.VideoAddress(Node);

    /// <summary>queue->buffers[index].</summary>
    public virtual IspVideoBufferCore Buffer(int index)
    {
        if (index < 0 || index >= BufferCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the queue has {BufferCount} buffers");
        return _buffers[index];
    }

    /// <summary>
    /// VIDIOC_REQBUFS (omap3isp_video_queue_reqbufs with isp_video_queue_prepare): -EINVAL for sizeimage 0;
    /// else count is limited to capture_mem / PAGE_ALIGN(sizeimage) and to <see cref="MaxBuffers"/>, the old buffers
    /// are freed (unmapped) and the new ones allocated (MMAP: vmalloc_32_user(PAGE_ALIGN(sizeimage))). Returns the
    /// count isp_video_queue_alloc returns: the count asked for even when only some buffers could be allocated
    /// (queue->count then holds fewer), -ENOMEM when not even one could, or another -errno.
    /// </summary>
    public int RequestBuffers(uint count, uint sizeimage, IspMemoryType memory)
    {
        // isp_video_queue_prepare: size = vfh->format.fmt.pix.sizeimage; a zero size leaves nbuffers alone.
        if (sizeimage == 0)
            return -Errno.EINVAL;
        uint aligned = KernelMemory.PageAlign(sizeimage);
        Bug.On(aligned == 0, "isp_video_queue_prepare: capture_mem / PAGE_ALIGN(size) divides by zero");
        uint nbuffers = Math.Min(count, CaptureMem / aligned);
        nbuffers = Math.Min(nbuffers, MaxBuffers);
        return QueueAlloc((int)nbuffers, sizeimage, memory);
    }

    /// <summary>
    /// VIDIOC_QBUF (omap3isp_video_queue_qbuf): -EINVAL for a bad index, a buffer not idle, or a USERPTR
    /// <paramref name="length"/> shorter than the buffer; a changed userptr first cleans the buffer up; an unprepared
    /// buffer is prepared (the era's scatterlist and mapping), returning its error (-EFAULT, -EIO, -EINVAL, -ENOMEM).
    /// The buffer is then queued and, when the DMA queue was empty, its isp_addr is programmed into the node's
    /// address register.
    /// </summary>
    public int Queue(int index, uint userptr = 0, uint length = 0)
    {
        if (index < 0 || index >= BufferCount)
            return -Errno.EINVAL;
        IspVideoBufferCore buf = _buffers[index];
        if (buf.State != IspVideoBufferState.Idle)
            return -Errno.EINVAL;

        bool user = buf.Memory != IspMemoryType.Mmap; // V4L2_MEMORY_USERPTR
        if (user && length < buf.Length)
            return -Errno.EINVAL;
        if (user && userptr != buf.Userptr)
        {
            BufferCleanup(buf);
            buf.Userptr = userptr;
            buf.Prepared = false;
        }
        if (!buf.Prepared)
        {
            int ret = BufferPrepare(buf);
            if (ret < 0)
                return ret;
            buf.Prepared = true;
        }

        // isp_video_buffer_cache_sync, then queue->ops->buffer_queue → isp_video_buffer_queue: a buffer that
        // finds the DMA queue empty is handed to the module at once (video->ops->queue → set_in/outaddr).
        buf.State = IspVideoBufferState.Queued;
        _dmaQueue.Add(buf);
        if (_dmaQueue.Count == 1)
            _registers.WriteVideoAddress(Node, buf.IspAddr);
        return 0;
    }

    /// <summary>
    /// VIDIOC_DQBUF bookkeeping (the hardware is taken to have completed the buffer): -EINVAL unless the buffer is
    /// queued; when it was at the head of the DMA queue the next buffer's isp_addr is programmed, as
    /// omap3isp_video_buffer_next does at frame end. No IOMMU call: the mapping stays until cleanup.
    /// </summary>
    public int Dequeue(int index)
    {
        if (index < 0 || index >= BufferCount)
            return -Errno.EINVAL;
        IspVideoBufferCore buf = _buffers[index];
        int pos = _dmaQueue.IndexOf(buf);
        if (pos < 0)
            return -Errno.EINVAL;
        _dmaQueue.RemoveAt(pos);
        buf.State = IspVideoBufferState.Idle;
        if (pos == 0 && _dmaQueue.Count != 0)
            _registers.WriteVideoAddress(Node, _dmaQueue[0].IspAddr);
        return 0;
    }

    /// <summary>
    /// REQBUFS(0) / close (isp_video_queue_free): isp_video_buffer_cleanup of every buffer (the unmap), vfree of MMAP
    /// memory, the queue emptied; 0 (the queue is never streaming or mmap()ed in the model, so no -EBUSY).
    /// </summary>
    public int ReleaseBuffers()
    {
        foreach (IspVideoBufferCore buf in _buffers)
        {
            BufferCleanup(buf);
            _kmem.Vfree(buf.KernelAddress);
            buf.KernelAddress = 0; // kfree(buf)
        }
        _buffers.Clear();
        _dmaQueue.Clear();
        return 0;
    }

    /// <summary>A new struct isp_video_buffer of the era (kzalloc(queue->bufsize)).</summary>
    protected abstract IspVideoBufferCore NewBuffer(int index, uint length, IspMemoryType memory);

    /// <summary>
    /// isp_video_buffer_prepare (ispqueue.c, then the queue's ->buffer_prepare of ispvideo.c): the scatterlist for the
    /// memory kind, its DMA mapping and the da in isp_addr; any failure leaves the buffer cleaned up. 0 or -errno.
    /// </summary>
    protected abstract int BufferPrepare(IspVideoBufferCore buf);

    /// <summary>isp_video_buffer_cleanup (ispqueue.c, which first calls ->buffer_cleanup of ispvideo.c): unmap, scatterlist dropped.</summary>
    protected abstract void BufferCleanup(IspVideoBufferCore buf);

    // isp_video_queue_alloc. After a partial allocation the kernel sets queue->count = i but returns nbuffers, so
    // REQBUFS reports more buffers than the queue holds (omap.md §6.2 is silent on it; ispqueue.c of 3.0 to 3.3
    // ends with "queue->count = i; return nbuffers;", kept as the kernel has it).
    private int QueueAlloc(int nbuffers, uint size, IspMemoryType memory)
    {
        int ret = ReleaseBuffers(); // "Start by freeing the buffers."
        if (ret < 0)
            return ret;
        if (nbuffers == 0)
            return 0;

        int i;
        for (i = 0; i < nbuffers; ++i)
        {
            if (!_kmem.TryKzalloc())
                break; // kzalloc(queue->bufsize)
            // USERPTR and its PFNMAP flavour are both V4L2_MEMORY_USERPTR; prepare tells them apart by the VMA.
            IspVideoBufferCore buf = NewBuffer(i, size, memory);
            if (memory == IspMemoryType.Mmap)
            {
                uint mem = _kmem.Vmalloc(KernelMemory.PageAlign(size)); // vmalloc_32_user
                if (mem == 0)
                    break; // kfree(buf)
                buf.KernelAddress = mem;
            }
            _buffers.Add(buf);
        }

        if (i == 0)
            return -Errno.ENOMEM;
        return nbuffers;
    }

    /// <inheritdoc />
    public override string ToString() => $"isp video {Node} ({BufferCount} buffers)";
}
