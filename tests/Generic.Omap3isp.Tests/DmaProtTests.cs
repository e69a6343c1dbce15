using Generic.Iommu;
using Generic.Iommu.Dma;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>
/// The prot pitfall of the DMA-mapping port (omap.md §7.3): the 3.3 OMAP driver ORs prot raw into its IOVMF flags,
/// so the default __dma_direction_to_prot lands in the page-size code: IOMMU_READ | IOMMU_WRITE (3, coherent and
/// bidirectional) turns every page into a 16M request; IOMMU_READ (1, DMA_TO_DEVICE) turns 4K into 16M and 1M
/// into 64K; IOMMU_WRITE (2, DMA_FROM_DEVICE) turns 64K into 16M and 1M into 4K, and leaves 4K alone.
/// </summary>
public class DmaProtTests
{
    [Fact]
    public void DefaultProt_OutputBuffer_Every4KPageBecomesASupersectionRequest_Einval_QbufEfault()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping, dmaProt: IommuDmaOps.DirectionToProt);
        IspVideo video = rig.Video(IspVideoNode.PreviewInput); // DMA_TO_DEVICE: prot IOMMU_READ = 1
        Assert.Equal(1, video.RequestBuffers(1, 0x3000, IspMemoryType.Mmap));

        Assert.Equal(-Errno.EFAULT, video.Queue(0)); // ispqueue: dma_map_sg returned 0 != sglen

        IspMemoryCall map = rig.Isp.Memory.Calls.Last(c => c.Callee == "dma_map_sg");
        Assert.Equal(("isp_video_buffer_prepare", 0u), (map.Caller, map.Result));
        Assert.Equal(0u, video.Buffer(0).IspAddr);
        Assert.False(video.Buffer(0).Prepared);
        Assert.True(rig.L1IsZero()); // the supersection writer rejects before writing anything
        Assert.Equal(0, rig.Iova.AllocatedRanges); // the IOVA went back

        // Underneath: omap_iommu_map(0x1000, pa, 4K, 1) → flags 2 | 1 = 3 (16M) → (da | pa) not 16M aligned → -EINVAL.
        uint pa = rig.Kmem.VmallocToPhys(video.Buffer(0).KernelAddress);
        Assert.Equal(-Errno.EINVAL, IommuApi.Map(rig.Domain, 0x1000, pa, 0x1000, IommuDmaOps.DirectionToProt(DmaDataDirection.ToDevice)));
        Assert.Equal(-Errno.EINVAL, IommuApi.Map(rig.Domain, 0x1000, pa, 0x1000, IommuDmaOps.DirectionToProt(DmaDataDirection.Bidirectional)));
        Assert.True(rig.L1IsZero());
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x1000, pa, 0x1000, IspDmaProt.ForDirection(DmaDataDirection.ToDevice)));
        Assert.Equal(pa | 2, rig.Pte(0x1000));
    }

    [Fact]
    public void DefaultProt_CoherentMemory_IsBidirectional_SoEveryTableAndStatBufferFails_Enomem()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping, histDma: false, dmaProt: IommuDmaOps.DirectionToProt);

        Assert.Equal(-Errno.ENOMEM, rig.Isp.Ccdc.LscConfig(0x1000));
        Assert.Equal(-Errno.ENOMEM, rig.Isp.Aewb.Config(1000));
        Assert.Equal(-Errno.ENOMEM, rig.Isp.Hist.Config(4096));

        Assert.All(rig.Isp.Memory.Calls.Where(c => c.Callee == "dma_alloc_coherent"), c => Assert.Equal(0xFFFFFFF4u, c.Result));
        Assert.True(rig.L1IsZero());
        Assert.Equal(0, rig.Iova.AllocatedRanges);
    }

    [Fact]
    public void DefaultProt_CaptureBufferOf4KPages_MapsByCoincidence()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping, dmaProt: IommuDmaOps.DirectionToProt);
        IspVideo video = rig.Video(); // DMA_FROM_DEVICE: prot IOMMU_WRITE = 2 = IOVMF_PGSZ_4K
        Assert.Equal(1, video.RequestBuffers(1, 0x2000, IspMemoryType.Mmap));

        Assert.Equal(0, video.Queue(0));

        Assert.Equal(0x1000u, video.Buffer(0).IspAddr);
        Assert.Equal(rig.Kmem.VmallocToPhys(video.Buffer(0).KernelAddress) | 2, rig.Pte(0x1000)); // 2 | 2 = 2
    }

    [Fact]
    public void DefaultProt_Capture1MSection_IsWrittenAsOne4KPage_QbufSucceeds_TheRestOfTheBufferFaults()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping, dmaProt: IommuDmaOps.DirectionToProt);
        IspVideo video = rig.Video(IspVideoNode.ResizerOutput);
        uint u = rig.User.MmapPfn(0x90000000, 0x100000);
        Assert.Equal(1, video.RequestBuffers(1, 0x100000, IspMemoryType.UserPtrPfnMap));

        Assert.Equal(0, video.QueueUser(0, u));

        Assert.Equal(0x100000u, video.Buffer(0).IspAddr);
        Assert.Equal(1u, rig.Pgd(0x100000) & 3); // an L2 table, not a section: code 0 (1M) | 2 = 4K
        Assert.Equal(0x90000002u, rig.Pte(0x100000));
        Assert.Equal(0u, rig.Pte(0x101000));
        Assert.Equal(0x90000ABCu, rig.DeviceAccess(0x100ABC));
        Assert.Equal(OmapMmuOutcome.Fault, rig.Mmu.Translate(0x101000).Outcome); // the ISP writes its second 4K into a fault
    }

    [Fact]
    public void DefaultProt_Output1MSection_IsWrittenAsOne64KPage()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping, dmaProt: IommuDmaOps.DirectionToProt);
        IspVideo video = rig.Video(IspVideoNode.ResizerInput);
        uint u = rig.User.MmapPfn(0x90000000, 0x100000);
        Assert.Equal(1, video.RequestBuffers(1, 0x100000, IspMemoryType.UserPtrPfnMap));

        Assert.Equal(0, video.QueueUser(0, u));

        Assert.Equal(0x90000001u, rig.Pte(0x100000)); // code 0 (1M) | 1 = 64K large page
        Assert.Equal(0x90000001u, rig.Pte(0x10F000));
        Assert.Equal(0u, rig.Pte(0x110000));
        Assert.Equal(OmapMmuOutcome.Fault, rig.Mmu.Translate(0x110000).Outcome);
    }

    [Fact]
    public void DefaultProt_Output16MAlignedBuffer_MapsA16MSupersectionForItsLast4KPage()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping, dmaProt: IommuDmaOps.DirectionToProt);
        IspVideo video = rig.Video(IspVideoNode.ResizerInput);
        const uint size = 0x1001000; // 16 MiB + 4 KiB, physically contiguous at a 16M-aligned pa
        uint u = rig.User.MmapPfn(0x90000000, size);
        Assert.Equal(1, video.RequestBuffers(1, size, IspMemoryType.UserPtrPfnMap));

        Assert.Equal(0, video.QueueUser(0, u));

        Assert.Equal(0x1000000u, video.Buffer(0).IspAddr); // IOVA aligned to 16M, the largest page not above the size
        for (uint i = 0x10; i < 0x20; i++)
            Assert.Equal(0x90040002u, rig.Pgd(i << 20)); // the 16M chunk: 3 | 1 = 3, a supersection as it should be
        for (uint i = 0x20; i < 0x30; i++)
            Assert.Equal(0x91040002u, rig.Pgd(i << 20)); // the 4K chunk: 2 | 1 = 3, another whole supersection
        Assert.Equal(0x91FFFFFCu, rig.DeviceAccess(0x2FFFFFC)); // the ISP reaches 16M - 4K past its buffer ...
        Assert.False(rig.Iova.IsAllocated(0x2001000)); // ... in IOVA space the allocator will hand out again

        Assert.Equal(0, video.ReleaseBuffers());
        Assert.True(rig.L1IsZero()); // iommu_unmap's loop takes both supersections back
    }

    [Fact]
    public void IspProt_TheSameBuffers_GetExactlyTheirPages()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);
        uint big = rig.User.MmapPfn(0x90000000, 0x1001000);
        uint sect = rig.User.MmapPfn(0x93000000, 0x100000);
        Assert.Equal(1, rig.Video(IspVideoNode.ResizerInput).RequestBuffers(1, 0x1001000, IspMemoryType.UserPtrPfnMap));
        Assert.Equal(1, rig.Video(IspVideoNode.ResizerOutput).RequestBuffers(1, 0x100000, IspMemoryType.UserPtrPfnMap));
        Assert.Equal(1, rig.Video(IspVideoNode.PreviewInput).RequestBuffers(1, 0x3000, IspMemoryType.Mmap));

        Assert.Equal(0, rig.Video(IspVideoNode.ResizerInput).QueueUser(0, big));
        Assert.Equal(0, rig.Video(IspVideoNode.ResizerOutput).QueueUser(0, sect));
        Assert.Equal(0, rig.Video(IspVideoNode.PreviewInput).Queue(0));

        Assert.Equal(0x1000000u, rig.Isp.Registers.RszSdrInadd);
        Assert.Equal(0x90040002u, rig.Pgd(0x1F00000)); // 16M supersection
        Assert.Equal(0x91000002u, rig.Pte(0x2000000)); // then one 4K page
        Assert.Equal(0u, rig.Pte(0x2001000));
        Assert.Equal(0x100000u, rig.Isp.Registers.RszSdrOutadd);
        Assert.Equal(0x93000002u, rig.Pgd(0x100000)); // 1M section
        Assert.Equal(0x1000u, rig.Isp.Registers.PrvRsdrAddr);
        Assert.Equal(rig.Kmem.VmallocToPhys(rig.Video(IspVideoNode.PreviewInput).Buffer(0).KernelAddress) | 2, rig.Pte(0x1000));
        Assert.Equal(0, rig.Isp.Ccdc.LscConfig(0x1000));
        Assert.Equal(0x4000u, rig.Isp.Ccdc.LscRequest!.Table);
    }

    [Fact]
    public void CoherentAllocations_WithTheDefaultProt_CannotBeMappedOnOmap_OmapMd73()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);
        var plain = new IommuDmaOps(rig.Domain, new IovaAllocator(0x1000, 0xFFFFF000), rig.Kmem);
        int vmAreas = rig.Kmem.VmAreaCount;

        // __dma_direction_to_prot(DMA_BIDIRECTIONAL) = IOMMU_READ|IOMMU_WRITE = 3, the OMAP 16M page-size code:
        // a 4K page at a 4K-aligned IOVA is refused, and the allocation fails with nothing left behind.
        Assert.Equal(0u, plain.Alloc(rig.Platform.Device, 0x1000, out uint handle, 0));
        Assert.Equal(DmaApi.DMA_ERROR_CODE, handle);
        Assert.True(rig.L1IsZero());
        Assert.Equal(vmAreas, rig.Kmem.VmAreaCount);

        // The port's ops map coherent memory with ProtFor(DMA_BIDIRECTIONAL) = IOMMU_FLAG = 0.
        uint va = DmaApi.AllocCoherent(rig.Platform.Device, 0x1000, out handle);
        Assert.NotEqual(0u, va);
        Assert.Equal(0x1000u, handle);
        Assert.Equal(rig.Kmem.VmallocToPhys(va) | 2, rig.Pte(0x1000));
        DmaApi.FreeCoherent(rig.Platform.Device, 0x1000, va, handle);
        Assert.True(rig.L1IsZero());
    }
}
