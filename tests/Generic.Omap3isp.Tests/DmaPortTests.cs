using Generic.Iommu.Dma;
using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>
/// The same call sites on the DMA-mapping port: dma_map_sg/dma_unmap_sg for video buffers (PFNMAP included, as one
/// segment), dma_alloc_coherent/dma_free_coherent for the LSC/FPC tables and statistics buffers; addresses from the
/// IovaAllocator (first fit from 0x1000, aligned to the largest page not above the size, no guard page), page sizes
/// from iommu_map's splitting (generic.md §5.1).
/// </summary>
public class DmaPortTests
{
    [Fact]
    public void Mmap_DmaMapSg_GivesContiguousIova_From0x1000_WithoutGuardPages()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);
        IspVideo video = rig.Video();
        Assert.Equal(3, video.RequestBuffers(3, 0x3000, IspMemoryType.Mmap));
        int calls = rig.Isp.Memory.Calls.Count;

        for (int i = 0; i < 3; i++)
            Assert.Equal(0, video.Queue(i));

        Assert.Equal([0x1000u, 0x4000u, 0x7000u], Enumerable.Range(0, 3).Select(i => video.Buffer(i).IspAddr));
        Assert.Equal(
            [("isp_video_buffer_prepare", "dma_map_sg", 0x1000u, 3u), ("isp_video_buffer_prepare", "dma_map_sg", 0x4000u, 3u), ("isp_video_buffer_prepare", "dma_map_sg", 0x7000u, 3u)],
            rig.Isp.Memory.Calls.Skip(calls).Select(c => (c.Caller, c.Callee, c.Da, c.Result)));
        uint va = video.Buffer(1).KernelAddress;
        for (uint off = 0; off < 0x3000; off += 0x1000)
            Assert.Equal(rig.Kmem.VmallocToPhys(va + off) | 2, rig.Pte(0x4000 + off));
        Assert.Equal(0x1000u, rig.Isp.Registers.CcdcSdrAddr);
        Assert.Equal(3, rig.Iova.AllocatedRanges);

        Assert.Equal(0, video.ReleaseBuffers());
        Assert.Equal(["dma_unmap_sg", "dma_unmap_sg", "dma_unmap_sg"], rig.Isp.Memory.Calls.TakeLast(3).Select(c => c.Callee));
        Assert.True(rig.L1IsZero());
        Assert.Equal(0, rig.Iova.AllocatedRanges);
        Assert.Equal(0, rig.IspIommu.Instance.L2Cache.LiveObjects);
    }

    [Fact]
    public void PfnMap_1MAligned_GetsA1MSectionAnd64KPages_WhereIovmmWrites4KPages()
    {
        const uint size = 0x120000; // 1 MiB + 128 KiB
        var dma = new IspRig(IspMemoryBackend.DmaMapping);
        var iovmm = new IspRig();
        foreach (IspRig r in new[] { dma, iovmm })
        {
            uint u = r.User.MmapPfn(0x90000000, size);
            Assert.Equal(1, r.Video().RequestBuffers(1, size, IspMemoryType.UserPtrPfnMap));
            Assert.Equal(0, r.Video().QueueUser(0, u));
        }

        // DMA port: one segment, IOVA aligned to 1M, iommu_map splits it into 1M + 2 × 64K.
        Assert.Equal(0x100000u, dma.Video().Buffer(0).IspAddr);
        Assert.Equal(1, dma.Video().Buffer(0).Sgt!.Nents);
        Assert.Equal(0x90000002u, dma.Pgd(0x100000)); // section
        Assert.Equal(1u, dma.Pgd(0x200000) & 3); // L2 table
        Assert.Equal(0x90100001u, dma.Pte(0x200000)); // large page, 16 replicas
        Assert.Equal(0x90100001u, dma.Pte(0x20F000));
        Assert.Equal(0x90110001u, dma.Pte(0x210000));
        Assert.Equal(0x90110001u, dma.Pte(0x21F000));
        Assert.Equal(0u, dma.Pte(0x220000));
        Assert.Equal(0x9011ABCDu, dma.DeviceAccess(0x21ABCD));

        // 3.3 iovmm: 0x120 entries of 4K, each its own small page, from 0x1000.
        Assert.Equal(0x1000u, iovmm.Video().Buffer(0).IspAddr);
        Assert.Equal(0x120, iovmm.Video().Buffer(0).Sgt!.Nents);
        Assert.Equal(0x90000002u, iovmm.Pte(0x1000));
        Assert.Equal(0x900FF002u, iovmm.Pte(0x100000));
        Assert.Equal(0x9011F002u, iovmm.Pte(0x120000));
        Assert.Equal(0x9011ABCDu, iovmm.DeviceAccess(0x11BBCD));

        Assert.Equal(0, dma.Video().ReleaseBuffers());
        Assert.True(dma.L1IsZero());
        Assert.Equal(0, dma.Iova.AllocatedRanges);
    }

    [Fact]
    public void Userptr_OffsetReachesTheDa_AndAMisalignedOneFailsWithoutLeaking()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);
        IspVideo video = rig.Video();
        Assert.Equal(2, video.RequestBuffers(2, 0x3000, IspMemoryType.UserPtr));
        uint good = rig.UserBuffer(0x3000, offset: 0x100);
        uint bad = rig.UserBuffer(0x3000, offset: 0x10);

        Assert.Equal(0, video.QueueUser(0, good));
        Assert.Equal(0x1100u, video.Buffer(0).IspAddr); // sg_dma_address = IOVA + offset
        Assert.Equal(rig.UserPage(good) + 0x100, rig.DeviceAccess(0x1100));
        int calls = rig.Isp.Memory.Calls.Count;

        Assert.Equal(-Errno.EINVAL, video.QueueUser(1, bad));

        // The mapping belongs to the scatterlist: the queue's cleanup unmaps it, whatever isp_addr holds.
        Assert.Equal(
            [("isp_video_buffer_prepare", "dma_map_sg", 0x5010u), ("isp_video_buffer_cleanup", "dma_unmap_sg", 0x5010u)],
            rig.Isp.Memory.Calls.Skip(calls).Select(c => (c.Caller, c.Callee, c.Da)));
        Assert.Equal(0u, rig.Domain.Ops.IovaToPhys(rig.Domain, 0x5010));
        Assert.Equal(1, rig.Iova.AllocatedRanges);

        Assert.Equal(0, video.ReleaseBuffers());
        Assert.True(rig.L1IsZero());
        Assert.Equal(0, rig.Iova.AllocatedRanges);
    }

    [Fact]
    public void Lsc_DmaAllocCoherent_TheKernelAddressReplacesDaToVa()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);
        int calls = rig.Isp.Memory.Calls.Count;

        Assert.Equal(0, rig.Isp.Ccdc.LscConfig(0x1800));

        IspLscRequest req = rig.Isp.Ccdc.LscRequest!;
        Assert.Equal(0x1000u, req.Table);
        Assert.Null(req.Iovm);
        Assert.Equal([("ccdc_lsc_config", "dma_alloc_coherent", 0x1000u)], rig.Isp.Memory.Calls.Skip(calls).Select(c => (c.Caller, c.Callee, c.Da)));
        Assert.Equal(rig.Kmem.VmallocToPhys(req.KernelAddress + 0x1000) | 2, rig.Pte(0x2000));
        Assert.Equal(IspCcdc.DefaultGainTableByte(0x17FF), rig.ReadPhysByte(rig.DeviceAccess(0x27FF)));

        Assert.Equal(0, rig.Isp.Ccdc.LscConfig(0x1000)); // 0x3000 supersedes the pending one
        Assert.Equal(0x3000u, rig.Isp.Ccdc.LscRequest!.Table);
        rig.Isp.Ccdc.FlushFreeQueue();
        Assert.Equal(("ccdc_lsc_free_request", "dma_free_coherent", 0x1000u), (rig.Isp.Memory.Calls[^1].Caller, rig.Isp.Memory.Calls[^1].Callee, rig.Isp.Memory.Calls[^1].Da));
        Assert.Equal(0u, rig.Domain.Ops.IovaToPhys(rig.Domain, 0x1000));
        Assert.Equal(0, rig.Isp.Ccdc.StreamOn());
        Assert.Equal(0x3000u, rig.Isp.Registers.CcdcLscTableBase);
        Assert.Equal(0x3000u, rig.Isp.Ccdc.LscTableDa);
    }

    [Fact]
    public void Fpc_SecondConfig_FreesThePreviousTable_NoQuirk()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);
        uint user = CcdcIovmmTests.FpcUserTable(rig, 16);
        Assert.Equal(0, rig.Isp.Ccdc.FpcConfig(true, 16, user));
        Assert.Equal(0x1000u, rig.Isp.Ccdc.FpcAddr);
        Assert.Equal(CcdcIovmmTests.UserByte(0x3F), rig.ReadPhysByte(rig.DeviceAccess(0x103F)));

        Assert.Equal(0, rig.Isp.Ccdc.FpcConfig(true, 16, user));

        Assert.Equal(0x2000u, rig.Isp.Ccdc.FpcAddr);
        Assert.Equal(0x2000u, rig.Isp.Registers.CcdcFpcAddr);
        Assert.Equal(
            [("dma_alloc_coherent", 0x2000u), ("dma_free_coherent", 0x1000u)],
            rig.Isp.Memory.Calls.TakeLast(2).Select(c => (c.Callee, c.Da)));
        Assert.Equal(1, rig.Iova.AllocatedRanges);

        Assert.Equal(-Errno.EFAULT, rig.Isp.Ccdc.FpcConfig(true, 4, 0x30000000));
        Assert.Equal(0x2000u, rig.Isp.Ccdc.FpcAddr); // the port keeps ccdc->fpc on failure
        Assert.Equal(1, rig.Iova.AllocatedRanges);

        rig.Isp.Ccdc.Cleanup();
        Assert.Equal(("omap3isp_ccdc_cleanup", "dma_free_coherent", 0x2000u), (rig.Isp.Memory.Calls[^1].Caller, rig.Isp.Memory.Calls[^1].Callee, rig.Isp.Memory.Calls[^1].Da));
        Assert.Equal(0, rig.Iova.AllocatedRanges);
        Assert.True(rig.L1IsZero());
    }

    [Fact]
    public void Stat_Aewb_IovasAligned64K_AndHistKeepsItsSystemDmaBuffersOffTheIommu()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);

        Assert.Equal(0, rig.Isp.Aewb.Config(83600));
        Assert.Equal(0, rig.Isp.Hist.Config(4096));

        // 0x29000 bytes: the largest page not above it is 64K, so every IOVA is 64K aligned.
        Assert.Equal([0x10000u, 0x40000u, 0x70000u, 0xA0000u, 0xD0000u], rig.Isp.Aewb.BufferAddresses);
        Assert.All(rig.Isp.Aewb.Buffers, b => Assert.Equal(rig.Kmem.VmallocToPhys(b.VirtAddr + 0x28000) | 2, rig.Pte(b.IommuAddr + 0x28000)));
        Assert.False(rig.Isp.Hist.UsesIommu);
        Assert.All(rig.Isp.Hist.Buffers, b => Assert.Equal(rig.Kmem.VirtToPhys(b.VirtAddr), b.DmaAddr)); // the sDMA's bus address
        Assert.Equal(5, rig.Iova.AllocatedRanges);
        Assert.Equal(0, rig.Isp.Aewb.Enable(true));
        Assert.Equal(0x10000u, rig.Isp.Registers.H3aAewbufst);
        Assert.Equal(0, rig.Isp.Aewb.Config(83600, recover: true)); // + 10 × 48 still fits in 0x29000
        rig.Isp.Aewb.RecoverBufSize = 83600;
        Assert.Equal(-Errno.EBUSY, rig.Isp.Aewb.Config(83600, recover: true));

        Assert.Equal(0, rig.Isp.Aewb.Enable(false));
        rig.Isp.Aewb.Free();
        Assert.Equal(
            Enumerable.Repeat(("isp_stat_bufs_free", "dma_free_coherent"), 5),
            rig.Isp.Memory.Calls.TakeLast(5).Select(c => (c.Caller, c.Callee)));
        Assert.Equal(0, rig.Iova.AllocatedRanges);
        Assert.True(rig.L1IsZero());
    }

    [Fact]
    public void Stat_HistWithoutAChannel_UsesCoherentIommuMemory()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping, histDma: false);

        Assert.Equal(0, rig.Isp.Hist.Config(4096));

        Assert.True(rig.Isp.Hist.UsesIommu);
        Assert.Equal([0x1000u, 0x3000u, 0x5000u, 0x7000u, 0x9000u], rig.Isp.Hist.BufferAddresses);
        Assert.Equal(rig.Kmem.VmallocToPhys(rig.Isp.Hist.Buffers[4].VirtAddr + 0x1000) | 2, rig.Pte(0xA000));
    }

    [Fact]
    public void CoherentAllocationFailure_IsEnomem_AndLeavesNothing()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);
        rig.Kmem.VmallocFaults.FailAt(3);

        Assert.Equal(-Errno.ENOMEM, rig.Isp.Af.Config(1000));

        Assert.Equal(0xFFFFFFF4u, rig.Isp.Memory.Calls.Last(c => c.Callee == "dma_alloc_coherent").Result);
        Assert.Equal(2, rig.Isp.Memory.Calls.Count(c => c.Callee == "dma_free_coherent"));
        Assert.Equal(0, rig.Iova.AllocatedRanges);
        Assert.True(rig.L1IsZero());
        Assert.Equal(-Errno.ENOMEM, rig.Isp.Ccdc.LscConfig(0));
    }
}
