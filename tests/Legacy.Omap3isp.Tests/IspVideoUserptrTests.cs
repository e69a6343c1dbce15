using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Legacy.Omap3isp.Tests;

/// <summary>USERPTR video buffers on anonymous and VM_PFNMAP memory (ispqueue.c sglist builders + ispmmu_vmap; omap.md §6.2).</summary>
public class IspVideoUserptrTests
{
    private static (IspRig Rig, IspDevice Isp, IspVideo Video) Setup(uint count, uint sizeimage, IspMemoryType memory = IspMemoryType.UserPtr)
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        IspVideo v = isp.Video(IspVideoNode.PreviewInput);
        Assert.Equal((int)count, v.RequestBuffers(count, sizeimage, memory));
        return (rig, isp, v);
    }

    [Fact]
    public void PageAlignedUserptr_MapsThePinnedUserPages()
    {
        var (rig, isp, v) = Setup(1, 0x3000);
        uint u = rig.User.MmapAnonymous(0x3000);
        uint[] pages = rig.UserPages(u, 3);

        Assert.Equal(0, v.Queue(0, u, 0x3000));

        IspVideoBuffer b = v.Buffer(0);
        Assert.Equal(0x1000u, b.IspAddr);
        Assert.Equal(u, b.Userptr);
        Assert.Equal(IspMemoryType.UserPtr, b.Memory);
        Assert.Equal(0u, b.KernelAddress);
        for (uint i = 0; i < 3; i++)
        {
            Assert.Equal(pages[i] | 0x2, rig.Pte(0x1000 + (i * 0x1000)));
            Assert.Equal(pages[i], b.Sgt!.Sgl[i].DmaAddress); // dma_map_sg: direct mapping
        }
        Assert.Equal(0x1000u, isp.Registers.PrvRsdrAddr);
        // The device reads what the application wrote.
        rig.WriteUser(u + 0x1FFE, new byte[] { 0xA5, 0x5A, 0x77 });
        Assert.Equal(0xA5, rig.DeviceReadByte(0x2FFE));
        Assert.Equal(0x77, rig.DeviceReadByte(0x3000));
    }

    [Fact]
    public void NonZeroPageOffset_FirstEntryIsNotAPageSize_VmapEinvalBecomesEio()
    {
        // omap.md §6.2 (2.6.39–3.1): first sg entry offset 0x100, length 0xF00 → sgtable_len 0 → iommu_vmap
        // -EINVAL → isp_video_buffer_prepare -EIO; only page-aligned USERPTR buffers work.
        var (rig, _, v) = Setup(1, 0x2000);
        uint u = rig.User.MmapAnonymous(0x3000);

        Assert.Equal(-Errno.EIO, v.Queue(0, u + 0x100, 0x2000));

        IspVideoBuffer b = v.Buffer(0);
        Assert.False(b.Prepared);
        Assert.Equal(0u, b.IspAddr);
        Assert.Null(b.Sglist); // ispqueue cleaned the buffer up
        Assert.Equal(0x100u, b.Offset);
        Assert.Equal(IspMemoryType.UserPtr, b.Memory);
        Assert.Empty(rig.Areas);
        Assert.Empty(rig.NonZeroL1Indices());
    }

    [Fact]
    public void ChangedUserptr_UnmapsTheOldMappingBeforeMappingTheNewOne()
    {
        var (rig, _, v) = Setup(2, 0x1000);
        uint u1 = rig.User.MmapAnonymous(0x1000);
        uint u2 = rig.User.MmapAnonymous(0x1000);
        uint u3 = rig.User.MmapAnonymous(0x1000);
        Assert.Equal(0, v.Queue(0, u1, 0x1000));
        Assert.Equal(0, v.Queue(1, u2, 0x1000));
        Assert.Equal(0x3000u, v.Buffer(1).IspAddr);

        Assert.Equal(0, v.Dequeue(0));
        Assert.Equal(0, v.Queue(0, u3, 0x1000));

        Assert.Equal(0x1000u, v.Buffer(0).IspAddr); // the hole left by u1's mapping
        Assert.Equal(2, rig.Areas.Count);
        Assert.Equal(rig.UserPages(u3, 1)[0] | 0x2, rig.Pte(0x1000));
    }

    [Fact]
    public void SameUserptr_IsNotRemapped()
    {
        var (rig, _, v) = Setup(1, 0x1000);
        uint u = rig.User.MmapAnonymous(0x1000);
        Assert.Equal(0, v.Queue(0, u, 0x1000));
        SgTable? sgt = v.Buffer(0).Sgt;
        Assert.Equal(0, v.Dequeue(0));

        Assert.Equal(0, v.Queue(0, u, 0x1000));

        Assert.Same(sgt, v.Buffer(0).Sgt);
        Assert.Single(rig.Areas);
    }

    [Fact]
    public void UserptrShorterThanTheBuffer_IsEinval()
    {
        var (rig, _, v) = Setup(1, 0x2000);
        uint u = rig.User.MmapAnonymous(0x2000);

        Assert.Equal(-Errno.EINVAL, v.Queue(0, u, 0x1FFF));
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void UnmappedUserptr_IsEfault_BeforeAnyIommuCall()
    {
        var (rig, _, v) = Setup(1, 0x2000);
        uint u = rig.User.MmapAnonymous(0x1000); // one page short

        Assert.Equal(-Errno.EFAULT, v.Queue(0, u, 0x2000));
        Assert.Equal(-Errno.EFAULT, v.Queue(0, 0x30000000, 0x2000));
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void PfnMap_ContiguousMemory_StillOneSmallPagePerPage()
    {
        var (rig, _, v) = Setup(1, 0x4000, IspMemoryType.UserPtrPfnMap);
        uint pa = rig.Soc.Pages.AllocPages(2, zero: true); // 16 KiB contiguous
        uint u = rig.User.MmapPfn(pa, 0x4000);

        Assert.Equal(0, v.Queue(0, u, 0x4000));

        IspVideoBuffer b = v.Buffer(0);
        Assert.Equal(IspMemoryType.UserPtrPfnMap, b.Memory);
        Assert.Equal(0x1000u, b.IspAddr);
        Assert.Equal(4, b.Sgt!.Nents); // no superpages for vmap (omap.md §8.18)
        for (uint i = 0; i < 4; i++)
        {
            Assert.Equal((pa + (i * 0x1000)) | 0x2, rig.Pte(0x1000 + (i * 0x1000)));
            Assert.Equal(pa + (i * 0x1000), b.Sgt.Sgl[i].DmaAddress); // set by hand, no dma_map_sg
        }
        Assert.Equal(0x50000u, rig.Area(0x1000).Flags);
    }

    [Fact]
    public void PfnMap_NonZeroOffset_IsEioToo()
    {
        var (rig, _, v) = Setup(1, 0x2000, IspMemoryType.UserPtrPfnMap);
        uint pa = rig.Soc.Pages.AllocPages(2, zero: true);
        uint u = rig.User.MmapPfn(pa, 0x4000);

        Assert.Equal(-Errno.EIO, v.Queue(0, u + 0x40, 0x2000));

        Assert.Equal(0x40u, v.Buffer(0).Offset);
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void PfnMap_BufferRunningPastTheVma_IsEfault()
    {
        var (rig, _, v) = Setup(1, 0x3000, IspMemoryType.UserPtrPfnMap);
        uint pa = rig.Soc.Pages.AllocPages(1, zero: true);
        uint u = rig.User.MmapPfn(pa, 0x2000);

        Assert.Equal(-Errno.EFAULT, v.Queue(0, u, 0x3000));
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void UserPtrQueue_PfnMapPointer_TakesThePfnMapPath()
    {
        // An anonymous buffer where the application queues a PFNMAP pointer: the VMA kind decides, not REQBUFS.
        var (rig, _, v) = Setup(1, 0x1000);
        uint pa = rig.Soc.Pages.AllocPages(0, zero: true);
        uint u = rig.User.MmapPfn(pa, 0x1000);

        Assert.Equal(0, v.Queue(0, u, 0x1000));
        Assert.Equal(IspMemoryType.UserPtrPfnMap, v.Buffer(0).Memory);
        Assert.Equal(pa | 0x2, rig.Pte(0x1000));
    }

    [Fact]
    public void PfnMapQueue_AnonymousPointer_TakesTheGetUserPagesPath()
    {
        var (rig, _, v) = Setup(1, 0x1000, IspMemoryType.UserPtrPfnMap);
        Assert.Equal(IspMemoryType.UserPtrPfnMap, v.Buffer(0).Memory); // as requested, until prepare looks at the VMA
        uint u = rig.User.MmapAnonymous(0x1000);

        Assert.Equal(0, v.Queue(0, u, 0x1000));

        Assert.Equal(IspMemoryType.UserPtr, v.Buffer(0).Memory);
        Assert.Equal(rig.UserPages(u, 1)[0] | 0x2, rig.Pte(0x1000));
    }

    [Fact]
    public void AlignmentCheckFailure_UnmapsTheOldIspAddr_LeakingTheNewMapping()
    {
        // omap.md §6.2: after mapping, isp_video_buffer_prepare checks the da for 32-byte alignment; on failure
        // it calls ispmmu_vunmap with the buffer's OLD isp_addr (0) and returns -EINVAL, so the new area and
        // its PTEs stay. In 3.0 anonymous areas are page aligned; the test forces an IOVMF_DA_FIXED da.
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        IspVideo v = isp.Video(IspVideoNode.CcdcOutput);
        Assert.Equal(1, v.RequestBuffers(1, 0x2000, IspMemoryType.Mmap));
        v.FixedVmapDaInjection = 0x00100010;

        Assert.Equal(-Errno.EINVAL, v.Queue(0));

        IspVideoBuffer b = v.Buffer(0);
        Assert.Equal(0u, b.IspAddr);
        Assert.False(b.Prepared);
        IovmArea leaked = Assert.Single(rig.Areas);
        Assert.Equal(0x00100010u, leaked.DaStart);
        Assert.Equal(0x00102010u, leaked.DaEnd);
        Assert.Equal(0x50000u | IovmFlags.IOVMF_DA_FIXED, leaked.Flags);
        uint page0 = rig.Kmem.VmallocToPhys(b.KernelAddress);
        uint page1 = rig.Kmem.VmallocToPhys(b.KernelAddress + 0x1000);
        Assert.Equal(page0 | 0x2, rig.Pte(0x00100000));
        Assert.Equal(page1 | 0x2, rig.Pte(0x00101000));

        // A retry maps the same fixed da again: it overlaps the leaked area → iommu_vmap -EINVAL → -EIO.
        Assert.Equal(-Errno.EIO, v.Queue(0));

        // Releasing the queue cannot reach the leaked area either (isp_addr is 0).
        Assert.Equal(0, v.ReleaseBuffers());
        Assert.Same(leaked, Assert.Single(rig.Areas));
        Assert.Equal(page0 | 0x2, rig.Pte(0x00100000));
        Assert.False(rig.Soc.Pages.IsAllocated(page0)); // the leaked PTE now points at freed memory
    }
}
