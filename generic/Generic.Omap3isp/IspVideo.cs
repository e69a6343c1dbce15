using Generic.Iommu.Dma;
using Migration.Kernel;
using Migration.Drivers.Omap3isp;

namespace Generic.Omap3isp;

/// <summary>
/// One omap3isp video node with its buffer queue (struct isp_video and struct isp_video_queue; ispvideo.c and
/// ispqueue.c): REQBUFS with the capture_mem limit, QBUF building the scatterlist from the memory kind and
/// mapping it on the first queue of a buffer (or after the userptr changed), DQBUF bookkeeping, and the release
/// of every buffer (omap.md §6.1 ispmmu_vmap/ispmmu_vunmap, §6.2, §7.7).
/// </summary>
public sealed class IspVideo
{
    /// <summary>ISP_VIDEO_MAX_BUFFERS (ispqueue.h).</summary>
    public const int MaxBuffers = 16;

    /// <summary>capture_mem of the CCDC, CSI2 and CCP2 nodes: 3 × PAGE_ALIGN(4096 × 4096) = 48 MiB (§6.2).</summary>
    public const uint CaptureMemSmall = 48u << 20;

    /// <summary>capture_mem of the preview and resizer nodes: 96 MiB (§6.2).</summary>
    public const uint CaptureMemLarge = 96u << 20;

    private const uint PAGE_SIZE = KernelMemory.PAGE_SIZE;
    private readonly IspDevice _isp;
    private readonly List<IspVideoBuffer> _buffers = new();
    private readonly List<IspVideoBuffer> _queue = new();

    internal IspVideo(IspDevice isp, IspVideoNode node)
    {
        _isp = isp;
        Node = node;
        CaptureMem = node is IspVideoNode.CcdcOutput or IspVideoNode.Csi2aOutput or IspVideoNode.Ccp2Input
            ? CaptureMemSmall
            : CaptureMemLarge;
        IsCapture = node is IspVideoNode.CcdcOutput or IspVideoNode.Csi2aOutput or IspVideoNode.PreviewOutput or IspVideoNode.ResizerOutput;
    }

    /// <summary>Which node this is.</summary>
    public IspVideoNode Node { get; }

    /// <summary>video->capture_mem: the memory budget REQBUFS divides by PAGE_ALIGN(sizeimage).</summary>
    public uint CaptureMem { get; }

    /// <summary>V4L2_BUF_TYPE_VIDEO_CAPTURE (the ISP writes the buffers) rather than _OUTPUT (it reads them).</summary>
    public bool IsCapture { get; }

    /// <summary>The DMA direction of the node's buffers: DMA_FROM_DEVICE for capture, DMA_TO_DEVICE for output.</summary>
    public DmaDataDirection Direction => IsCapture ? DmaDataDirection.FromDevice : DmaDataDirection.ToDevice;

    /// <summary>queue->count.</summary>
    public int BufferCount => _buffers.Count;

    /// <summary>What the node's address register holds (CCDC SDR_ADDR, PRV RSDR_ADDR/WSDR_ADDR, RSZ SDR_INADD/OUTADD, …).</summary>
    public uint HardwareAddress => _isp.Registers.VideoAddress(Node);

    /// <summary>queue->buffers[index].</summary>
    public IspVideoBuffer Buffer(int index) => _buffers[index];

    /// <summary>
    /// VIDIOC_REQBUFS (isp_video_queue_reqbufs): -EINVAL for sizeimage 0; the count is limited by
    /// capture_mem / PAGE_ALIGN(sizeimage) (isp_video_queue_prepare) and by ISP_VIDEO_MAX_BUFFERS; the existing
    /// buffers are freed first; MMAP buffers get vmalloc_32_user(PAGE_ALIGN(sizeimage)). Returns the number of
    /// buffers granted, or -ENOMEM when not even one could be allocated.
    /// </summary>
    public int RequestBuffers(uint count, uint sizeimage, IspMemoryType memory)
    {
        if (sizeimage == 0)
            return -Errno.EINVAL; // queue_prepare left size 0
        uint nbuffers = Math.Min(count, CaptureMem / KernelMemory.PageAlign(sizeimage));
        nbuffers = Math.Min(nbuffers, MaxBuffers);

        int ret = ReleaseBuffers(); // isp_video_queue_alloc starts with isp_video_queue_free
        if (ret < 0)
            return ret;
        if (nbuffers == 0)
            return 0;

        KernelMemory kmem = _isp.Platform.KernelMemory;
        int i;
        for (i = 0; i < nbuffers; i++)
        {
            if (!kmem.TryKzalloc())
                break; // kzalloc(queue->bufsize)
            var buf = new IspVideoBuffer(i, sizeimage, memory);
            if (memory == IspMemoryType.Mmap)
            {
                uint mem = kmem.Vmalloc(KernelMemory.PageAlign(sizeimage)); // vmalloc_32_user
                if (mem == 0)
                    break;
                buf.KernelAddress = mem;
            }
            _buffers.Add(buf);
        }
        return i == 0 ? -Errno.ENOMEM : i;
    }

    /// <summary>
    /// VIDIOC_QBUF (isp_video_queue_qbuf): -EINVAL for a bad index, a buffer already queued, or a USERPTR
    /// <paramref name="length"/> below the buffer's (so a USERPTR queue must pass it); a changed
    /// userptr first cleans the buffer up; an unprepared buffer is prepared (the IOMMU mapping). Returns 0 or the
    /// prepare error (-EFAULT, -EIO, -EINVAL, -ENOMEM). A buffer reaching an empty queue is handed to the hardware
    /// (its da written to the node's address register).
    /// </summary>
    public int Queue(int index, uint userptr = 0, uint length = 0)
    {
        if (index < 0 || index >= _buffers.Count)
            return -Errno.EINVAL;
        IspVideoBuffer buf = _buffers[index];
        if (buf.State != IspVideoBufferState.Idle)
            return -Errno.EINVAL;
        bool user = buf.Memory != IspMemoryType.Mmap;
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
        buf.State = IspVideoBufferState.Queued;
        _queue.Add(buf);
        if (_queue.Count == 1)
            _isp.Registers.WriteVideoAddress(Node, buf.IspAddr); // video->ops->queue: the DMA queue was empty
        return 0;
    }

    /// <summary>
    /// VIDIOC_DQBUF bookkeeping: the buffer (which must be queued, else -EINVAL) returns to the application; when it
    /// was the one the hardware held, the next queued buffer is handed over as omap3isp_video_buffer_next does at
    /// frame end. No IOMMU call: the mapping stays until cleanup.
    /// </summary>
    public int Dequeue(int index)
    {
        if (index < 0 || index >= _buffers.Count)
            return -Errno.EINVAL;
        IspVideoBuffer buf = _buffers[index];
        int pos = _queue.IndexOf(buf);
        if (pos < 0)
            return -Errno.EINVAL;
        _queue.RemoveAt(pos);
        buf.State = IspVideoBufferState.Idle;
        if (pos == 0 && _queue.Count != 0)
            _isp.Registers.WriteVideoAddress(Node, _queue[0].IspAddr);
        return 0;
    }

    /// <summary>
    /// REQBUFS(0) / close (isp_video_queue_free): isp_video_buffer_cleanup of every buffer (the unmap), vfree of
    /// MMAP memory, and the queue emptied. Returns 0 (streaming, the -EBUSY case, is not modelled).
    /// </summary>
    public int ReleaseBuffers()
    {
        KernelMemory kmem = _isp.Platform.KernelMemory;
        foreach (IspVideoBuffer buf in _buffers)
        {
            BufferCleanup(buf);
            kmem.Vfree(buf.KernelAddress);
            buf.KernelAddress = 0;
        }
        _buffers.Clear();
        _queue.Clear();
        return 0;
    }

    /// <summary>
    /// ispqueue.c isp_video_buffer_prepare: the scatterlist for the memory kind, dma_map_sg (not for VM_PFNMAP in
    /// 3.3; the DMA port maps those too), then ispvideo.c's buffer_prepare; any failure cleans the buffer up.
    /// </summary>
    private int BufferPrepare(IspVideoBuffer buf)
    {
        int ret = buf.Memory == IspMemoryType.Mmap ? SglistKernel(buf) : PrepareUserptr(buf);
        if (ret < 0)
        {
            BufferCleanup(buf);
            return ret;
        }

        IIspMemory mem = _isp.Memory;
        if (!buf.PfnMap || mem.MapsPfnmapThroughDmaSg)
        {
            int n = mem.DmaMapSg("isp_video_buffer_prepare", buf.Sgt!, Direction);
            if (n != buf.Sgt!.Nents)
            {
                BufferCleanup(buf);
                return -Errno.EFAULT;
            }
            buf.DmaMapped = true;
        }

        ret = VideoBufferPrepare(buf);
        if (ret < 0)
            BufferCleanup(buf);
        return ret;
    }

    /// <summary>
    /// ispvideo.c isp_video_buffer_prepare (the queue's buffer_prepare op): the da from ispmmu_vmap (IS_ERR_VALUE →
    /// -EIO), then the 32-byte alignment check, live in 3.3 because a USERPTR offset now reaches the da (§7.7). On
    /// misalignment the 3.3 code unmaps buffer->isp_addr, the OLD address (normally 0, so nothing), leaking the new
    /// mapping, and returns -EINVAL (omap.md §6.2).
    /// </summary>
    private int VideoBufferPrepare(IspVideoBuffer buf)
    {
        const string fn = "isp_video_buffer_prepare";
        uint addr = _isp.Memory.VideoBufferMap(fn, buf.Sgt!);
        if (ErrValue.IsErrValue(addr))
            return -Errno.EIO;
        if ((addr & 31) != 0)
        {
            // "Buffer address must be aligned to 32 bytes boundary."
            _isp.Memory.VideoBufferUnmap(fn, buf.IspAddr); // omap.md §6.2: the OLD isp_addr, not addr
            return -Errno.EINVAL;
        }
        buf.IspAddr = addr;
        return 0;
    }

    /// <summary>
    /// ispqueue.c isp_video_buffer_cleanup: the queue's buffer_cleanup op (ispvideo.c: ispmmu_vunmap of a
    /// non-zero isp_addr, then isp_addr = 0), dma_unmap_sg of a mapped list, and the scatterlist dropped.
    /// </summary>
    private void BufferCleanup(IspVideoBuffer buf)
    {
        if (buf.IspAddr != 0)
        {
            _isp.Memory.VideoBufferUnmap("isp_video_buffer_cleanup", buf.IspAddr);
            buf.IspAddr = 0;
        }
        // 3.3 tests !(vm_flags & VM_PFNMAP); with the direct ops an unmapped list unmaps nothing either way, so
        // the model tracks whether dma_map_sg succeeded (which the DMA port needs: its unmap frees IOVA).
        if (buf.DmaMapped)
        {
            _isp.Memory.DmaUnmapSg("isp_video_buffer_cleanup", buf.Sgt!, Direction);
            buf.DmaMapped = false;
        }
        buf.Sgt = null; // vfree(buf->sglist); the pinned pages are released (page_cache_release)
        buf.Prepared = false;
    }

    // isp_video_buffer_sglist_kernel: one 4K entry per page of the vmalloc_32_user memory.
    private int SglistKernel(IspVideoBuffer buf)
    {
        KernelMemory kmem = _isp.Platform.KernelMemory;
        int npages = (int)(KernelMemory.PageAlign(buf.Length) / PAGE_SIZE);
        var sg = new Scatterlist[npages];
        for (int i = 0; i < npages; i++)
            sg[i].SetPage(kmem.VmallocToPhys(buf.KernelAddress + (uint)i * PAGE_SIZE), PAGE_SIZE, 0);
        buf.Offset = 0;
        buf.PfnMap = false;
        buf.Sgt = SgTable.FromEntries(sg);
        return 0;
    }

    // The USERPTR part of isp_video_buffer_prepare: the VMA decides between pinned pages and a PFNMAP window.
    private int PrepareUserptr(IspVideoBuffer buf)
    {
        UserAddressSpace mm = _isp.Platform.UserSpace;
        uint data = buf.Userptr;
        uint first = data / PAGE_SIZE;
        uint last = unchecked(data + buf.Length - 1) / PAGE_SIZE;
        if (last < first)
            return -Errno.EFAULT; // the range wraps the address space
        int npages = (int)(last - first + 1);
        buf.Offset = data & (PAGE_SIZE - 1);

        // isp_video_buffer_prepare_vm_flags: every VMA of the range must exist and agree on VM_PFNMAP.
        UserVma? vma = mm.FindVma(data);
        UserVma? end = mm.FindVma(unchecked(data + buf.Length - 1));
        if (vma is null || end is null || vma.PfnMap != end.PfnMap)
            return -Errno.EFAULT;
        buf.PfnMap = vma.PfnMap;
        return buf.PfnMap ? PreparePfnmap(buf, npages) : PrepareUser(buf, npages);
    }

    // isp_video_buffer_prepare_user + isp_video_buffer_sglist_user: get_user_pages, then one entry per page,
    // the first with offset = userptr & 0xFFF and length 4K - offset, the others 4K (the last is not shortened).
    private int PrepareUser(IspVideoBuffer buf, int npages)
    {
        var pages = new uint[npages];
        int got = _isp.Platform.UserSpace.GetUserPages(buf.Userptr & ~(PAGE_SIZE - 1), npages, pages);
        if (got != npages)
            return -Errno.EFAULT;
        var sg = new Scatterlist[npages];
        uint offset = buf.Offset;
        for (int i = 0; i < npages; i++)
        {
            sg[i].SetPage(pages[i], PAGE_SIZE - offset, offset);
            offset = 0;
        }
        buf.Sgt = SgTable.FromEntries(sg);
        return 0;
    }

    // isp_video_buffer_prepare_pfnmap + isp_video_buffer_sglist_pfnmap: follow_pfn on every page, which must be
    // physically contiguous (-EFAULT otherwise). 3.3: one 4K entry per page with the DMA address filled by hand
    // (no dma_map_sg, §6.2). The DMA port: one segment for the whole contiguous run, as later kernels build it
    // (sg_alloc_table_from_pages), so that dma_map_sg can give iommu_map the whole length.
    private int PreparePfnmap(IspVideoBuffer buf, int npages)
    {
        UserAddressSpace mm = _isp.Platform.UserSpace;
        uint start = buf.Userptr & ~(PAGE_SIZE - 1);
        uint prev = 0;
        for (int i = 0; i < npages; i++)
        {
            if (mm.FollowPfn(start + (uint)i * PAGE_SIZE, out uint pa) != 0)
                return -Errno.EFAULT;
            if (i == 0)
                buf.Paddr = pa;
            else if (pa != prev + PAGE_SIZE)
                return -Errno.EFAULT; // "buffer is not physically contiguous"
            prev = pa;
        }

        if (_isp.Memory.MapsPfnmapThroughDmaSg)
        {
            var one = new Scatterlist[1];
            one[0].SetPage(buf.Paddr, (uint)npages * PAGE_SIZE - buf.Offset, buf.Offset);
            buf.Sgt = SgTable.FromEntries(one);
            return 0;
        }

        var sg = new Scatterlist[npages];
        uint offset = buf.Offset;
        for (int i = 0; i < npages; i++)
        {
            uint page = buf.Paddr + (uint)i * PAGE_SIZE;
            sg[i].SetPage(page, PAGE_SIZE - offset, offset);
            sg[i].DmaAddress = page + offset; // "PFNMAP buffers will not get DMA-mapped, set the DMA address manually."
            offset = 0;
        }
        buf.Sgt = SgTable.FromEntries(sg);
        return 0;
    }
}
