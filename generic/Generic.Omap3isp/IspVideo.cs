using Generic.Iommu.Dma;
using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// One omap3isp video node after the port: the one queue (<see cref="IspVideoCore"/>) with the buffer preparation
/// going through the ISP's memory port: the scatterlist from the memory kind, dma_map_sg, and the mapping on the
/// first queue of a buffer (or after the userptr changed) (omap.md §6.1 ispmmu_vmap/ispmmu_vunmap, §6.2, §7.7).
/// </summary>
public sealed class IspVideo : IspVideoCore
{
    private readonly IspDevice _isp;

    internal IspVideo(IspDevice isp, IspVideoNode node)
        : base(isp.Registers, isp.Platform.KernelMemory, node)
    {
        _isp = isp;
    }

    /// <summary>The DMA direction of the node's buffers: DMA_FROM_DEVICE for capture, DMA_TO_DEVICE for output.</summary>
    public DmaDataDirection Direction => IsCapture ? DmaDataDirection.FromDevice : DmaDataDirection.ToDevice;

    /// <inheritdoc />
    public override IspVideoBuffer Buffer(int index) => (IspVideoBuffer)base.Buffer(index);

    /// <inheritdoc />
    protected override IspVideoBufferCore NewBuffer(int index, uint length, IspMemoryType memory) => new IspVideoBuffer(index, length, memory);

    /// <inheritdoc />
    protected override int BufferPrepare(IspVideoBufferCore buffer) => Prepare((IspVideoBuffer)buffer);

    /// <inheritdoc />
    protected override void BufferCleanup(IspVideoBufferCore buffer) => Cleanup((IspVideoBuffer)buffer);

    /// <summary>
    /// ispqueue.c isp_video_buffer_prepare: the scatterlist for the memory kind, dma_map_sg (not for VM_PFNMAP in
    /// 3.3; the DMA port maps those too), then ispvideo.c's buffer_prepare; any failure cleans the buffer up.
    /// </summary>
    private int Prepare(IspVideoBuffer buf)
    {
        int ret = buf.Memory == IspMemoryType.Mmap ? SglistKernel(buf) : PrepareUserptr(buf);
        if (ret < 0)
        {
            Cleanup(buf);
            return ret;
        }

        IIspMemory mem = _isp.Memory;
        if (!buf.PfnMap || mem.MapsPfnmapThroughDmaSg)
        {
            int n = mem.DmaMapSg("isp_video_buffer_prepare", buf.Sgt!, Direction);
            if (n != buf.Sgt!.Nents)
            {
                Cleanup(buf);
                return -Errno.EFAULT;
            }
            buf.DmaMapped = true;
        }

        ret = VideoBufferPrepare(buf);
        if (ret < 0)
            Cleanup(buf);
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
    private void Cleanup(IspVideoBuffer buf)
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
