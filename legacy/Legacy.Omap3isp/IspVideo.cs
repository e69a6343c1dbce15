using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Legacy.Omap3isp;

/// <summary>
/// One omap3isp video node of Linux 3.0: the one queue (<see cref="IspVideoCore"/>) with 3.0's buffer preparation
/// (ispqueue.c's scatterlists, ispvideo.c's ispmmu_vmap on the vendor iovmm API). The first QBUF of a buffer builds
/// its scatterlist and maps it through ispmmu_vmap, REQBUFS(0)/close unmaps (omap.md §6.1, §6.2).
/// </summary>
public sealed class IspVideo : IspVideoCore
{
    private readonly IspDevice _isp;

    internal IspVideo(IspDevice isp, IspVideoNode node)
        : base(isp.Registers, isp.Platform.KernelMemory, node)
    {
        _isp = isp;
    }

    /// <summary>
    /// Fault injection, not kernel state: when non-zero, ispmmu_vmap asks iommu_vmap for this IOVMF_DA_FIXED
    /// da instead of an anonymous one. In 3.0 anonymous areas are page aligned, so this is the only way to
    /// reach the 32-byte alignment check of isp_video_buffer_prepare and its wrong-address unmap (omap.md §6.2).
    /// </summary>
    public uint FixedVmapDaInjection { get; set; }

    /// <inheritdoc />
    public override IspVideoBuffer Buffer(int index) => (IspVideoBuffer)base.Buffer(index);

    /// <inheritdoc />
    protected override IspVideoBufferCore NewBuffer(int index, uint length, IspMemoryType memory) => new IspVideoBuffer(index, length, memory);

    /// <inheritdoc />
    protected override int BufferPrepare(IspVideoBufferCore buffer) => Prepare((IspVideoBuffer)buffer);

    /// <inheritdoc />
    protected override void BufferCleanup(IspVideoBufferCore buffer) => Cleanup((IspVideoBuffer)buffer);

    // isp_video_buffer_prepare (ispqueue.c): build the scatterlist for the memory kind, dma_map_sg it unless
    // PFNMAP, then queue->ops->buffer_prepare (ispvideo.c); any failure after the sglist cleans the buffer up.
    private int Prepare(IspVideoBuffer buf)
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
            Cleanup(buf);
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
    private void Cleanup(IspVideoBuffer buf)
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
            Cleanup(buf);
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

}
