using Migration.Kernel;
using Migration.Drivers.Omap3isp;

namespace Legacy.Omap3isp;

/// <summary>
/// One omap3isp video node with the buffer queue of its (single) file handle: struct isp_video (ispvideo.c)
/// and struct isp_video_queue (ispqueue.c) of Linux 3.0. REQBUFS allocates MMAP memory, the first QBUF of a
/// buffer builds its scatterlist and maps it through ispmmu_vmap, REQBUFS(0)/close unmaps (omap.md §6.1, §6.2).
/// </summary>
public sealed class IspVideo
{
    /// <summary>ISP_VIDEO_MAX_BUFFERS (ispqueue.h): the size of queue->buffers[].</summary>
    public const int MaxBuffers = 16;

    private const uint PAGE_SIZE = KernelMemory.PAGE_SIZE;

    private readonly IspDevice _isp;
    private readonly IspVideoBuffer?[] _buffers = new IspVideoBuffer?[MaxBuffers];
    private readonly List<IspVideoBuffer> _dmaQueue = new();

    internal IspVideo(IspDevice isp, IspVideoNode node)
    {
        _isp = isp;
        Node = node;
        // capture_mem, set by each module's init (omap.md §6.2): PAGE_ALIGN(4096 * 4096) * 3 for the CCDC,
        // CSI2 and CCP2 nodes, twice that for the preview and resizer nodes.
        uint frame = KernelMemory.PageAlign(4096 * 4096);
        CaptureMem = node is IspVideoNode.PreviewInput or IspVideoNode.PreviewOutput
            or IspVideoNode.ResizerInput or IspVideoNode.ResizerOutput
            ? frame * 2 * 3
            : frame * 3;
    }

    /// <summary>Which node this is.</summary>
    public IspVideoNode Node { get; }

    /// <summary>video->capture_mem: the byte budget REQBUFS divides by PAGE_ALIGN(sizeimage).</summary>
    public uint CaptureMem { get; }

    /// <summary>queue->count: buffers currently allocated.</summary>
    public int BufferCount { get; private set; }

    /// <summary>The da the node's DMA address register holds (what the module's set_in/outaddr wrote last).</summary>
    public uint HardwareAddress => _isp.Registers.VideoAddress(Node);

    /// <summary>
    /// Fault injection, not kernel state: when non-zero, ispmmu_vmap asks iommu_vmap for this IOVMF_DA_FIXED
    /// da instead of an anonymous one. In 3.0 anonymous areas are page aligned, so this is the only way to
    /// reach the 32-byte alignment check of isp_video_buffer_prepare and its wrong-address unmap (omap.md §6.2).
    /// </summary>
    public uint FixedVmapDaInjection { get; set; }

    /// <summary>queue->buffers[index].</summary>
    public IspVideoBuffer Buffer(int index)
    {
        if (index < 0 || index >= BufferCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the queue has {BufferCount} buffers");
        return _buffers[index]!;
    }

    /// <summary>
    /// VIDIOC_REQBUFS (omap3isp_video_queue_reqbufs with isp_video_queue_prepare): -EINVAL for sizeimage 0;
    /// else count is limited to capture_mem / PAGE_ALIGN(sizeimage) and to <see cref="MaxBuffers"/>, the old
    /// buffers are freed (unmapped) and the new ones allocated (MMAP: vmalloc_32_user(PAGE_ALIGN(sizeimage))).
    /// Returns the count granted or -errno.
    /// </summary>
    public int RequestBuffers(uint count, uint sizeimage, IspMemoryType memory)
    {
        // isp_video_queue_prepare: size = vfh->format.fmt.pix.sizeimage; a zero size leaves nbuffers alone.
        uint size = sizeimage;
        if (size == 0)
            return -Errno.EINVAL;
        uint aligned = KernelMemory.PageAlign(size);
        Bug.On(aligned == 0, "isp_video_queue_prepare: capture_mem / PAGE_ALIGN(size) divides by zero");
        uint nbuffers = Math.Min(count, CaptureMem / aligned);

        nbuffers = Math.Min(nbuffers, MaxBuffers);
        return QueueAlloc((int)nbuffers, size, memory);
    }

    /// <summary>
    /// VIDIOC_QBUF (omap3isp_video_queue_qbuf): -EINVAL for a bad index, a buffer not idle, or a USERPTR length
    /// shorter than the buffer; a changed userptr first cleans the buffer up (vunmap); an unprepared buffer is
    /// prepared (scatterlist + ispmmu_vmap), returning its error (-EIO for any vmap failure, -EINVAL for the
    /// alignment check, -EFAULT for user memory). The buffer is then queued and, when the DMA queue was empty,
    /// its isp_addr is programmed into the node's address register.
    /// </summary>
    public int Queue(int index, uint userptr = 0, uint length = 0)
    {
        if (index < 0 || index >= BufferCount)
            return -Errno.EINVAL;
        IspVideoBuffer buf = _buffers[index]!;
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
            _isp.Registers.WriteVideoAddress(Node, buf.IspAddr);
        return 0;
    }

    /// <summary>
    /// VIDIOC_DQBUF bookkeeping (the hardware is taken to have completed the buffer): -EINVAL unless the buffer
    /// is queued; when it was at the head of the DMA queue the next buffer's isp_addr is programmed
    /// (isp_video_buffer_next). No IOMMU call.
    /// </summary>
    public int Dequeue(int index)
    {
        if (index < 0 || index >= BufferCount)
            return -Errno.EINVAL;
        IspVideoBuffer buf = _buffers[index]!;
        if (buf.State != IspVideoBufferState.Queued)
            return -Errno.EINVAL;
        bool head = _dmaQueue.Count > 0 && ReferenceEquals(_dmaQueue[0], buf);
        _dmaQueue.Remove(buf);
        buf.State = IspVideoBufferState.Idle;
        if (head && _dmaQueue.Count > 0)
            _isp.Registers.WriteVideoAddress(Node, _dmaQueue[0].IspAddr);
        return 0;
    }

    /// <summary>
    /// REQBUFS(0) / close (isp_video_queue_free): isp_video_buffer_cleanup of every buffer (vunmap of each
    /// isp_addr), vfree of MMAP memory; 0.
    /// </summary>
    public int ReleaseBuffers() => QueueFree();

    // isp_video_queue_alloc.
    private int QueueAlloc(int nbuffers, uint size, IspMemoryType memory)
    {
        int ret = QueueFree();
        if (ret < 0)
            return ret;
        if (nbuffers == 0)
            return 0;

        KernelMemory kmem = _isp.Platform.KernelMemory;
        int i;
        for (i = 0; i < nbuffers; ++i)
        {
            if (!kmem.TryKzalloc())
                break; // kzalloc(queue->bufsize)
            // USERPTR and its PFNMAP flavour are both V4L2_MEMORY_USERPTR; prepare tells them apart by the VMA.
            var buf = new IspVideoBuffer(i, size, memory);
            if (memory == IspMemoryType.Mmap)
            {
                uint mem = kmem.Vmalloc(KernelMemory.PageAlign(size)); // vmalloc_32_user
                if (mem == 0)
                    break; // kfree(buf)
                buf.KernelAddress = mem;
            }
            _buffers[i] = buf;
        }

        if (i == 0)
            return -Errno.ENOMEM;

        BufferCount = i;
        // ispqueue.c returns nbuffers here, not i: after a partial allocation REQBUFS reports more buffers
        // than queue->count holds (reference silent; kept as the kernel has it).
        return nbuffers;
    }

    // isp_video_queue_free (the queue is never streaming and never mmap()ed in the model, so no -EBUSY).
    private int QueueFree()
    {
        KernelMemory kmem = _isp.Platform.KernelMemory;
        for (int i = 0; i < BufferCount; ++i)
        {
            IspVideoBuffer buf = _buffers[i]!;
            BufferCleanup(buf);
            kmem.Vfree(buf.KernelAddress);
            buf.KernelAddress = 0;
            _buffers[i] = null; // kfree(buf)
        }
        _dmaQueue.Clear();
        BufferCount = 0;
        return 0;
    }

    // isp_video_buffer_prepare (ispqueue.c): build the scatterlist for the memory kind, dma_map_sg it unless
    // PFNMAP, then queue->ops->buffer_prepare (ispvideo.c); any failure after the sglist cleans the buffer up.
    private int BufferPrepare(IspVideoBuffer buf)
    {
        int ret;
        if (buf.Memory == IspMemoryType.Mmap)
        {
            ret = SglistKernel(buf);
        }
        else
        {
            ret = PrepareVmFlags(buf);
            if (ret < 0)
                return ret;
            buf.Memory = buf.PfnMap ? IspMemoryType.UserPtrPfnMap : IspMemoryType.UserPtr;
            if (buf.PfnMap)
            {
                ret = PreparePfnmap(buf);
                if (ret < 0)
                    return ret;
                ret = SglistPfnmap(buf);
            }
            else
            {
                ret = PrepareUser(buf);
                if (ret < 0)
                    return ret;
                ret = SglistUser(buf);
            }
        }

        if (ret >= 0)
        {
            if (!buf.PfnMap)
            {
                // dma_map_sg on ARM 3.0 without an IOMMU dma_ops: dma_address = sg_phys, never fails here.
                Scatterlist[] sgl = buf.Sglist!;
                for (int i = 0; i < sgl.Length; i++)
                    sgl[i].DmaAddress = sgl[i].Phys;
            }
            ret = VideoBufferPrepare(buf);
        }

        if (ret < 0)
        {
            BufferCleanup(buf);
            return ret;
        }
        return ret;
    }

    // isp_video_buffer_prepare (ispvideo.c, the queue's ->buffer_prepare).
    private int VideoBufferPrepare(IspVideoBuffer buf)
    {
        Scatterlist[] sgl = buf.Sglist!;
        uint addr = IspMmu.Vmap(_isp.Iommu, _isp.Platform.KernelMemory, sgl, sgl.Length, FixedVmapDaInjection, out SgTable? sgt);
        if (ErrValue.IsErrValue(addr))
            return -Errno.EIO; // omap.md §6.2: every vmap failure (e.g. a non-zero USERPTR offset's -EINVAL) becomes -EIO

        if ((addr & 31) != 0)
        {
            // "Buffer address must be aligned to 32 bytes boundary." omap.md §6.2: unmaps the OLD isp_addr
            // (0 on every path that gets here), so the new mapping leaks.
            _ = IspMmu.Vunmap(_isp.Iommu, buf.IspAddr);
            return -Errno.EINVAL;
        }

        // buf->vbuf.bytesused = 0
        buf.IspAddr = addr;
        buf.Sgt = sgt;
        return 0;
    }

    // isp_video_buffer_cleanup (ispqueue.c), which first calls ->buffer_cleanup (ispvideo.c).
    private void BufferCleanup(IspVideoBuffer buf)
    {
        if (buf.IspAddr != 0)
        {
            _ = IspMmu.Vunmap(_isp.Iommu, buf.IspAddr); // kfree of the returned sg_table
            buf.IspAddr = 0;
            buf.Sgt = null;
        }
        // dma_unmap_sg (not for PFNMAP), vfree(sglist), release of the pinned pages.
        buf.Sglist = null;
        buf.Pages = null;
        buf.Npages = 0;
    }

    // isp_video_buffer_sglist_kernel: one 4K entry per page of the vmalloc_32_user memory.
    private int SglistKernel(IspVideoBuffer buf)
    {
        KernelMemory kmem = _isp.Platform.KernelMemory;
        int npages = (int)(KernelMemory.PageAlign(buf.Length) / PAGE_SIZE);
        var sglist = new Scatterlist[npages];
        uint addr = buf.KernelAddress;
        for (int i = 0; i < npages; ++i, addr += PAGE_SIZE)
        {
            uint page = kmem.VmallocToPhys(addr);
            if (page == 0)
                return -Errno.EINVAL; // vmalloc_to_page NULL (or PageHighMem)
            sglist[i].SetPage(page, PAGE_SIZE, 0);
        }
        buf.Sglist = sglist;
        return 0;
    }

    // isp_video_buffer_prepare_vm_flags: every VMA of the buffer must agree on VM_PFNMAP; -EFAULT otherwise.
    private int PrepareVmFlags(IspVideoBuffer buf)
    {
        UserAddressSpace mm = _isp.Platform.UserSpace;
        uint start = buf.Userptr;
        uint end = unchecked(buf.Userptr + buf.Length - 1);
        UserVma? vma;
        do
        {
            vma = mm.FindVma(start);
            if (vma is null)
                return -Errno.EFAULT;
            if (start == buf.Userptr)
                buf.PfnMap = vma.PfnMap;
            if (buf.PfnMap != vma.PfnMap)
                return -Errno.EFAULT;
            start = vma.Start + vma.Size + 1; // vma->vm_end + 1
        }
        while (vma.Start + vma.Size < end);
        return 0;
    }

    // isp_video_buffer_prepare_user: pin every page the buffer touches with get_user_pages.
    private int PrepareUser(IspVideoBuffer buf)
    {
        uint data = buf.Userptr;
        uint first = data >> 12;
        uint last = unchecked(data + buf.Length - 1) >> 12;
        buf.Offset = data & (PAGE_SIZE - 1);
        buf.Npages = (int)(last - first + 1);
        var pages = new uint[buf.Npages];
        int ret = _isp.Platform.UserSpace.GetUserPages(data & ~(PAGE_SIZE - 1), buf.Npages, pages);
        if (ret != buf.Npages)
        {
            buf.Npages = ret < 0 ? 0 : ret;
            BufferCleanup(buf);
            return -Errno.EFAULT;
        }
        buf.Pages = pages;
        return 0; // isp_video_buffer_lock_vma
    }

    // isp_video_buffer_prepare_pfnmap: one VMA, physically contiguous (follow_pfn page by page).
    private int PreparePfnmap(IspVideoBuffer buf)
    {
        UserAddressSpace mm = _isp.Platform.UserSpace;
        uint start = buf.Userptr;
        uint end = unchecked(buf.Userptr + buf.Length - 1);
        buf.Offset = start & (PAGE_SIZE - 1);
        buf.Npages = (int)((end >> 12) - (start >> 12) + 1);
        buf.Pages = null;

        UserVma? vma = mm.FindVma(start);
        if (vma is null || vma.Start + vma.Size < end)
            return -Errno.EFAULT;

        uint prevPfn = 0;
        uint pa = 0;
        for (; start <= end; start += PAGE_SIZE)
        {
            int ret = mm.FollowPfn(start, out uint thisPa);
            if (ret != 0)
                return ret;
            uint thisPfn = thisPa >> 12;
            if (prevPfn == 0)
                pa = thisPfn << 12;
            else if (thisPfn != prevPfn + 1)
                return -Errno.EFAULT;
            prevPfn = thisPfn;
            if (start > uint.MaxValue - PAGE_SIZE)
                break;
        }
        buf.Paddr = pa + buf.Offset;
        return 0;
    }

    // isp_video_buffer_sglist_user: the first entry starts at the offset and is 4K − offset long (omap.md §6.2).
    private static int SglistUser(IspVideoBuffer buf)
    {
        uint offset = buf.Offset;
        var sglist = new Scatterlist[buf.Npages];
        for (int i = 0; i < buf.Npages; ++i)
        {
            sglist[i].SetPage(buf.Pages![i], PAGE_SIZE - offset, offset);
            offset = 0;
        }
        buf.Sglist = sglist;
        return 0;
    }

    // isp_video_buffer_sglist_pfnmap: consecutive pfns, same first-entry offset rule, dma address set by hand.
    private static int SglistPfnmap(IspVideoBuffer buf)
    {
        uint offset = buf.Offset;
        uint pfn = buf.Paddr >> 12;
        var sglist = new Scatterlist[buf.Npages];
        for (int i = 0; i < buf.Npages; ++i, ++pfn)
        {
            sglist[i].SetPage(pfn << 12, PAGE_SIZE - offset, offset);
            sglist[i].DmaAddress = (pfn << 12) + offset;
            offset = 0;
        }
        buf.Sglist = sglist;
        return 0;
    }

    /// <inheritdoc />
    public override string ToString() => $"isp video {Node} ({BufferCount} buffers)";
}
