using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>
/// The ispvideo.c / ispqueue.c call sites on 3.3 iovmm: ispmmu_vmap (omap_iommu_vmap) in isp_video_buffer_prepare,
/// ispmmu_vunmap (omap_iommu_vunmap) in isp_video_buffer_cleanup and in prepare's alignment failure
/// (omap.md §6.1, §6.2, §7.5, §7.7, §8.11, §8.24).
/// </summary>
public class VideoIovmmTests
{
    [Theory]
    [InlineData(IspVideoNode.CcdcOutput, 8u, 3)]
    [InlineData(IspVideoNode.Csi2aOutput, 8u, 3)]
    [InlineData(IspVideoNode.Ccp2Input, 8u, 3)]
    [InlineData(IspVideoNode.PreviewInput, 8u, 6)]
    [InlineData(IspVideoNode.PreviewOutput, 8u, 6)]
    [InlineData(IspVideoNode.ResizerInput, 8u, 6)]
    [InlineData(IspVideoNode.ResizerOutput, 2u, 2)]
    public void RequestBuffers_IsLimitedByCaptureMem(IspVideoNode node, uint count, int granted)
    {
        var rig = new IspRig();

        // 4096 x 4096 bytes: 48 MiB / 16 MiB = 3 and 96 MiB / 16 MiB = 6 (§6.2).
        Assert.Equal(granted, rig.Video(node).RequestBuffers(count, 4096 * 4096, IspMemoryType.UserPtr));
        Assert.Equal(granted, rig.Video(node).BufferCount);
    }

    [Fact]
    public void RequestBuffers_Limits_Errors_AndRelease()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();

        Assert.Equal(16, video.RequestBuffers(20, 0x1000, IspMemoryType.UserPtr)); // ISP_VIDEO_MAX_BUFFERS
        Assert.Equal(-Errno.EINVAL, video.RequestBuffers(2, 0, IspMemoryType.UserPtr));
        Assert.Equal(0, video.RequestBuffers(0, 0x1000, IspMemoryType.UserPtr));
        Assert.Equal(0, video.BufferCount);
        // 48 MiB / PAGE_ALIGN(0x1800001) = 48 MiB / 0x1801000 = 1.
        Assert.Equal(1, video.RequestBuffers(4, 0x1800001, IspMemoryType.UserPtr));
        Assert.Equal(0x1800001u, video.Buffer(0).Length);
    }

    [Fact]
    public void RequestBuffers_Mmap_VmallocsPageAlignedMemory_AndFailsWhenNoneCanBeHad()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();

        // ispqueue.c isp_video_queue_alloc, unchanged by the port: "queue->count = i; return nbuffers;" — REQBUFS
        // reports the 4 asked for while the queue holds the 2 that could be allocated.
        rig.Kmem.VmallocFaults.FailAt(3);
        Assert.Equal(4, video.RequestBuffers(4, 0x2001, IspMemoryType.Mmap));
        Assert.Equal(2, video.BufferCount);
        Assert.Equal(-Errno.EINVAL, video.Queue(2));
        Assert.Equal(rig.BaselineVmAreas + 2, rig.Kmem.VmAreaCount);
        Assert.NotEqual(0u, rig.Kmem.VmallocToPhys(video.Buffer(1).KernelAddress + 0x2000)); // 3 pages each

        rig.Kmem.VmallocFaults.FailAlways();
        Assert.Equal(-Errno.ENOMEM, video.RequestBuffers(4, 0x1000, IspMemoryType.Mmap));
        Assert.Equal(rig.BaselineVmAreas, rig.Kmem.VmAreaCount); // the old buffers were freed first
    }

    [Fact]
    public void Mmap_FirstQueue_VmapsEachBuffer_At0x1000_0x5000_0x9000_WithAGuardPageBetween()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        Assert.Equal(3, video.RequestBuffers(3, 0x3000, IspMemoryType.Mmap));

        for (int i = 0; i < 3; i++)
            Assert.Equal(0, video.Queue(i));

        Assert.Equal([0x1000u, 0x5000u, 0x9000u], Enumerable.Range(0, 3).Select(i => video.Buffer(i).IspAddr));
        Assert.Equal(3, rig.Areas.Count);
        Assert.All(rig.Areas, a => Assert.Equal(0x50000u, a.Flags)); // IOVMF_DISCONT | IOVMF_MMIO
        Assert.Equal(0x4000u, rig.Areas[0].DaEnd);
        uint va1 = video.Buffer(1).KernelAddress;
        for (uint off = 0; off < 0x3000; off += 0x1000)
            Assert.Equal(rig.Kmem.VmallocToPhys(va1 + off) | 2, rig.Pte(0x5000 + off)); // 4K small pages, attributes 0
        Assert.Equal(0u, rig.Pte(0x4000)); // guard page
        Assert.Equal(rig.Kmem.VmallocToPhys(va1 + 0x2000) + 0xABC, rig.DeviceAccess(0x7ABC));
        Assert.Equal(0x1000u, rig.Isp.Registers.CcdcSdrAddr); // the first buffer queued is the hardware's
        Assert.Equal(
            Enumerable.Repeat(("isp_video_buffer_prepare", "dma_map_sg"), 1).Append(("isp_video_buffer_prepare", "omap_iommu_vmap")),
            rig.Isp.Memory.Calls.Skip(3).Take(2).Select(c => (c.Caller, c.Callee)));
    }

    [Fact]
    public void Mmap_QueueDequeue_IsBookkeeping_ThePreparedMappingIsKept()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video(IspVideoNode.PreviewInput);
        Assert.Equal(2, video.RequestBuffers(2, 0x1000, IspMemoryType.Mmap));
        Assert.Equal(0, video.Queue(0));
        Assert.Equal(0, video.Queue(1));
        int calls = rig.Isp.Memory.Calls.Count;

        Assert.Equal(-Errno.EINVAL, video.Queue(0)); // not idle
        Assert.Equal(-Errno.EINVAL, video.Queue(2)); // no such buffer
        Assert.Equal(0x1000u, rig.Isp.Registers.PrvRsdrAddr);
        Assert.Equal(0, video.Dequeue(0));
        Assert.Equal(0x3000u, rig.Isp.Registers.PrvRsdrAddr); // the next queued buffer is the hardware's now
        Assert.Equal(-Errno.EINVAL, video.Dequeue(0));
        Assert.Equal(0, video.Queue(0));
        Assert.Equal(0x1000u, video.Buffer(0).IspAddr);

        Assert.Equal(calls, rig.Isp.Memory.Calls.Count); // no memory call for any of it
        Assert.Equal(IspVideoBufferState.Queued, video.Buffer(0).State);
    }

    [Fact]
    public void ReleaseBuffers_VunmapsEveryPreparedBuffer_AndFreesMmapMemory()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        Assert.Equal(3, video.RequestBuffers(3, 0x2000, IspMemoryType.Mmap));
        Assert.Equal(0, video.Queue(0));
        Assert.Equal(0, video.Queue(2));

        Assert.Equal(0, video.ReleaseBuffers());

        Assert.Equal(
            [("isp_video_buffer_cleanup", "omap_iommu_vunmap", 0x1000u), ("isp_video_buffer_cleanup", "dma_unmap_sg", 0u),
             ("isp_video_buffer_cleanup", "omap_iommu_vunmap", 0x4000u), ("isp_video_buffer_cleanup", "dma_unmap_sg", 0u)],
            rig.Isp.Memory.Calls.TakeLast(4).Select(c => (c.Caller, c.Callee, c.Da)));
        Assert.Empty(rig.Areas);
        Assert.True(rig.L1IsZero());
        Assert.Equal(0, rig.IspIommu.Instance.L2Cache.LiveObjects);
        Assert.Equal(rig.BaselineVmAreas, rig.Kmem.VmAreaCount);
        Assert.Equal(0, video.BufferCount);
    }

    [Fact]
    public void Userptr_PageAligned_MapsThePinnedPages_At0x1000()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        uint u = rig.UserBuffer(0x3000);
        Assert.Equal(1, video.RequestBuffers(1, 0x3000, IspMemoryType.UserPtr));

        Assert.Equal(0, video.QueueUser(0, u));

        IspVideoBuffer buf = video.Buffer(0);
        Assert.Equal(0x1000u, buf.IspAddr);
        Assert.Equal(u, buf.Userptr);
        Assert.False(buf.PfnMap);
        Assert.Equal(3, buf.Sgt!.Nents);
        for (uint off = 0; off < 0x3000; off += 0x1000)
            Assert.Equal(rig.UserPage(u + off) | 2, rig.Pte(0x1000 + off));
        Assert.Equal(0u, rig.Pte(0x4000));
    }

    [Fact]
    public void Userptr_WithA32ByteAlignedOffset_Maps_AndTheDaCarriesTheOffset()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        uint u = rig.UserBuffer(0x3000, offset: 0x100);
        Assert.Equal(1, video.RequestBuffers(1, 0x3000, IspMemoryType.UserPtr));

        Assert.Equal(0, video.QueueUser(0, u));

        IspVideoBuffer buf = video.Buffer(0);
        Assert.Equal(0x1100u, buf.IspAddr); // area start + first entry offset (§7.7)
        Assert.Equal(0x100u, buf.Offset);
        Assert.Equal(4, buf.Sgt!.Nents); // the offset spills the buffer onto a fourth page
        Assert.Equal((0x100u, 0xF00u), (buf.Sgt.Sgl[0].Offset, buf.Sgt.Sgl[0].Length));
        Assert.Equal((0x1000u, 0x5000u), (rig.Areas[0].DaStart, rig.Areas[0].DaEnd));
        Assert.Equal(rig.UserPage(u) + 0x100, rig.DeviceAccess(0x1100));
        Assert.Equal(0x1100u, rig.Isp.Registers.CcdcSdrAddr);
    }

    [Fact]
    public void Userptr_WithAMisalignedOffset_IsEinval_AndLeaksTheNewMapping_BecauseTheOldIspAddrIsUnmapped()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        uint u = rig.UserBuffer(0x3000, offset: 0x10);
        Assert.Equal(1, video.RequestBuffers(1, 0x3000, IspMemoryType.UserPtr));
        int calls = rig.Isp.Memory.Calls.Count;

        Assert.Equal(-Errno.EINVAL, video.QueueUser(0, u));

        Assert.Equal(
            [("isp_video_buffer_prepare", "dma_map_sg", 0u, 4u), ("isp_video_buffer_prepare", "omap_iommu_vmap", 0x1010u, 0x1010u),
             ("isp_video_buffer_prepare", "omap_iommu_vunmap", 0u, 0u), ("isp_video_buffer_cleanup", "dma_unmap_sg", 0u, 0u)],
            rig.Isp.Memory.Calls.Skip(calls).Select(c => (c.Caller, c.Callee, c.Da, c.Result)));
        IspVideoBuffer buf = video.Buffer(0);
        Assert.Equal(0u, buf.IspAddr);
        Assert.False(buf.Prepared);
        Assert.Null(buf.Sgt);
        // The area at 0x1000 stays, still mapping the (now released) user pages (omap.md §6.2).
        Assert.Equal((0x1000u, 0x5000u), (Assert.Single(rig.Areas).DaStart, rig.Areas[0].DaEnd));
        Assert.Equal(rig.UserPage(u) + 0x10, rig.DeviceAccess(0x1010));

        // Every retry leaks one more area (after a guard page); release has nothing to unmap (isp_addr 0).
        Assert.Equal(-Errno.EINVAL, video.QueueUser(0, u));
        Assert.Equal([0x1000u, 0x6000u], rig.Areas.Select(a => a.DaStart));
        Assert.Equal(0, video.ReleaseBuffers());
        Assert.Equal(2, rig.Areas.Count);
        Assert.Equal(rig.UserPage(u + 0x1000) | 2, rig.Pte(0x7000));
    }

    [Fact]
    public void Userptr_Changed_CleansTheOldMappingUp_AndMapsTheNewPagesInTheFreedHole()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        uint u1 = rig.UserBuffer(0x2000);
        uint u2 = rig.UserBuffer(0x2000);
        Assert.Equal(1, video.RequestBuffers(1, 0x2000, IspMemoryType.UserPtr));
        Assert.Equal(0, video.QueueUser(0, u1));
        Assert.Equal(0, video.Dequeue(0));
        int calls = rig.Isp.Memory.Calls.Count;

        Assert.Equal(0, video.QueueUser(0, u2));

        Assert.Equal(
            ["omap_iommu_vunmap", "dma_unmap_sg", "dma_map_sg", "omap_iommu_vmap"],
            rig.Isp.Memory.Calls.Skip(calls).Select(c => c.Callee));
        Assert.Equal(0x1000u, video.Buffer(0).IspAddr);
        Assert.Equal(rig.UserPage(u2) | 2, rig.Pte(0x1000));
        Assert.Single(rig.Areas);
    }

    [Fact]
    public void Userptr_Errors_Efault_And_ShortLength()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        Assert.Equal(1, video.RequestBuffers(1, 0x3000, IspMemoryType.UserPtr));
        uint shortBuf = rig.UserBuffer(0x2000);

        Assert.Equal(-Errno.EFAULT, video.QueueUser(0, 0x1000)); // nothing mapped there
        Assert.Equal(-Errno.EFAULT, video.QueueUser(0, shortBuf)); // the buffer runs off the mapping
        Assert.Equal(-Errno.EINVAL, video.Queue(0, shortBuf, 0x2000)); // length below the buffer's
        Assert.Equal(-Errno.EINVAL, video.Queue(0, shortBuf)); // v4l2_buffer.length 0 is below it too
        Assert.Empty(rig.Areas);
        Assert.DoesNotContain(rig.Isp.Memory.Calls, c => c.Callee == "omap_iommu_vmap");
    }

    [Fact]
    public void PfnMap_MapsOne4KPagePerPage_WithoutDmaMapSg()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        uint u = rig.User.MmapPfn(0x90000000, 0x3000);
        Assert.Equal(1, video.RequestBuffers(1, 0x3000, IspMemoryType.UserPtrPfnMap));
        int calls = rig.Isp.Memory.Calls.Count;

        Assert.Equal(0, video.QueueUser(0, u));

        IspVideoBuffer buf = video.Buffer(0);
        Assert.True(buf.PfnMap);
        Assert.Equal(0x1000u, buf.IspAddr);
        Assert.Equal(0x90000000u, buf.Paddr);
        Assert.Equal([0x90000000u, 0x90001000u, 0x90002000u], buf.Sgt!.Sgl.Select(s => s.DmaAddress)); // filled by hand
        Assert.Equal([0x90000002u, 0x90001002u, 0x90002002u], new uint[] { rig.Pte(0x1000), rig.Pte(0x2000), rig.Pte(0x3000) });
        Assert.Equal(["omap_iommu_vmap"], rig.Isp.Memory.Calls.Skip(calls).Select(c => c.Callee));

        Assert.Equal(0, video.ReleaseBuffers());
        Assert.Equal(["omap_iommu_vmap", "omap_iommu_vunmap"], rig.Isp.Memory.Calls.Skip(calls).Select(c => c.Callee));
        Assert.True(rig.L1IsZero());
    }

    [Fact]
    public void PfnMap_RangeLeavingTheMapping_IsEfault()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        uint u = rig.User.MmapPfn(0x90000000, 0x2000);
        Assert.Equal(1, video.RequestBuffers(1, 0x3000, IspMemoryType.UserPtrPfnMap));

        Assert.Equal(-Errno.EFAULT, video.QueueUser(0, u));
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void VmapFailure_WithoutOffset_IsEio()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        uint u = rig.UserBuffer(0x1000);
        Assert.Equal(1, video.RequestBuffers(1, 0x1000, IspMemoryType.UserPtr));
        rig.IspIommu.Instance.L2Cache.Faults.FailAt(1); // the first L2 table cannot be allocated

        Assert.Equal(-Errno.EIO, video.QueueUser(0, u));

        Assert.Equal(0xFFFFFFF4u, rig.Isp.Memory.Calls.Single(c => c.Callee == "omap_iommu_vmap").Result); // -ENOMEM (§8.14)
        Assert.Empty(rig.Areas);
        Assert.True(rig.L1IsZero());
    }

    [Fact]
    public void VmapFailure_WithA32ByteOffset_ReturnsAnErrnoPlusOffset_WhichPrepareTakesForAnAddress_Einval()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        uint u = rig.UserBuffer(0x1000, offset: 0x20);
        Assert.Equal(1, video.RequestBuffers(1, 0x1000, IspMemoryType.UserPtr));
        rig.IspIommu.Instance.L2Cache.Faults.FailAt(1);

        Assert.Equal(-Errno.EINVAL, video.QueueUser(0, u));

        // 0xFFFFFFF4 + 0x20 = 0x14: no longer IS_ERR_VALUE (§8.24), so the alignment check reports it.
        Assert.Equal(0x14u, rig.Isp.Memory.Calls.Single(c => c.Callee == "omap_iommu_vmap").Result);
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void SgTableKmallocFailure_InIspmmuVmap_IsEio_WithoutAnIovmmCall()
    {
        var rig = new IspRig();
        IspVideo video = rig.Video();
        Assert.Equal(1, video.RequestBuffers(1, 0x1000, IspMemoryType.Mmap));
        rig.Kmem.KzallocFaults.FailAt(1);

        Assert.Equal(-Errno.EIO, video.Queue(0));
        Assert.DoesNotContain(rig.Isp.Memory.Calls, c => c.Callee == "omap_iommu_vmap");
    }
}
