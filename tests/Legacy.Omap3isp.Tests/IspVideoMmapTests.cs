using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Legacy.Omap3isp.Tests;

/// <summary>ispmmu_vmap / ispmmu_vunmap for V4L2_MEMORY_MMAP buffers (isp_video_buffer_prepare/cleanup; omap.md §6.1, §6.2).</summary>
public class IspVideoMmapTests
{
    private static (IspRig Rig, IspDevice Isp, IspVideo Video) Setup(IspVideoNode node = IspVideoNode.CcdcOutput)
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        return (rig, isp, isp.Video(node));
    }

    [Fact]
    public void RequestBuffers_AllocatesVmallocMemoryButMapsNothing()
    {
        var (rig, _, v) = Setup();

        Assert.Equal(3, v.RequestBuffers(3, (3 * 4096) - 100, IspMemoryType.Mmap));

        Assert.Equal(3, v.BufferCount);
        Assert.Equal(3, rig.Kmem.VmAreaCount);
        for (int i = 0; i < 3; i++)
        {
            IspVideoBuffer b = v.Buffer(i);
            Assert.Equal(IspMemoryType.Mmap, b.Memory);
            Assert.Equal((3u * 4096) - 100, b.Length);
            Assert.NotEqual(0u, b.KernelAddress);
            Assert.Equal(0u, b.IspAddr);
            Assert.False(b.Prepared);
            Assert.Null(b.Sgt);
        }
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void FirstQueue_VmapsOneSmallPagePerVmallocPage_GuardPageBetweenBuffers()
    {
        var (rig, _, v) = Setup();
        Assert.Equal(3, v.RequestBuffers(3, 3 * 4096, IspMemoryType.Mmap));

        Assert.Equal(0, v.Queue(0));
        Assert.Equal(0, v.Queue(1));
        Assert.Equal(0, v.Queue(2));

        Assert.Equal(0x1000u, v.Buffer(0).IspAddr);
        Assert.Equal(0x5000u, v.Buffer(1).IspAddr);
        Assert.Equal(0x9000u, v.Buffer(2).IspAddr);
        for (int b = 0; b < 3; b++)
        {
            IspVideoBuffer buf = v.Buffer(b);
            Assert.True(buf.Prepared);
            IovmArea area = rig.Area(buf.IspAddr);
            Assert.Equal(buf.IspAddr, area.DaStart);
            Assert.Equal(buf.IspAddr + 0x3000, area.DaEnd);
            Assert.Equal(0x50000u, area.Flags); // IOVMF_DISCONT | IOVMF_MMIO, IOMMU_FLAG = 0
            Assert.Equal(0u, area.Va); // no kernel mapping without a caller IOVMF_MMIO
            Assert.Same(buf.Sgt, area.Sgt);
            Assert.Equal(3, buf.Sgt!.Nents);
            Assert.Equal(3, buf.Sgt.OrigNents);
            for (uint p = 0; p < 3; p++)
            {
                uint pa = rig.Kmem.VmallocToPhys(buf.KernelAddress + (p * 0x1000));
                Assert.Equal(pa, buf.Sgt.Sgl[p].PagePhys);
                Assert.Equal(0x1000u, buf.Sgt.Sgl[p].Length);
                Assert.Equal(pa | 0x2, rig.Pte(buf.IspAddr + (p * 0x1000)));
            }
        }
        Assert.Equal(0u, rig.Pte(0x4000)); // the guard page
    }

    [Fact]
    public void Queue_ProgramsTheHeadBufferIntoSdrAddr_DequeueMovesToTheNext()
    {
        var (_, isp, v) = Setup();
        Assert.Equal(2, v.RequestBuffers(2, 0x1000, IspMemoryType.Mmap));
        Assert.Equal(0, v.Queue(0));
        Assert.Equal(0, v.Queue(1));

        Assert.Equal(0x1000u, isp.Registers.CcdcSdrAddr);
        Assert.Equal(0x1000u, v.HardwareAddress);

        Assert.Equal(0, v.Dequeue(0));
        Assert.Equal(0x3000u, isp.Registers.CcdcSdrAddr);
    }

    [Fact]
    public void Requeue_OfAPreparedBuffer_DoesNotMapAgain()
    {
        var (rig, _, v) = Setup();
        Assert.Equal(1, v.RequestBuffers(1, 0x2000, IspMemoryType.Mmap));
        Assert.Equal(0, v.Queue(0));
        SgTable? sgt = v.Buffer(0).Sgt;

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(0, v.Dequeue(0));
            Assert.Equal(0, v.Queue(0));
        }

        Assert.Single(rig.Areas);
        Assert.Equal(0x1000u, v.Buffer(0).IspAddr);
        Assert.Same(sgt, v.Buffer(0).Sgt);
    }

    [Fact]
    public void Queue_Twice_OrBadIndex_IsEinval_AndDequeueOfAnIdleBufferToo()
    {
        var (_, _, v) = Setup();
        Assert.Equal(1, v.RequestBuffers(1, 0x1000, IspMemoryType.Mmap));

        Assert.Equal(0, v.Queue(0));
        Assert.Equal(-Errno.EINVAL, v.Queue(0));
        Assert.Equal(-Errno.EINVAL, v.Queue(1));
        Assert.Equal(-Errno.EINVAL, v.Queue(-1));
        Assert.Equal(0, v.Dequeue(0));
        Assert.Equal(-Errno.EINVAL, v.Dequeue(0));
    }

    [Fact]
    public void ReleaseBuffers_VunmapsEveryMappedBuffer_FreesTheL2TableAndTheMemory()
    {
        var (rig, _, v) = Setup();
        int vmAreas = rig.Kmem.VmAreaCount;
        int pagesBefore = rig.Soc.Pages.AllocatedPages;
        Assert.Equal(3, v.RequestBuffers(3, 0x2000, IspMemoryType.Mmap));
        Assert.Equal(0, v.Queue(0));
        Assert.Equal(0, v.Queue(2)); // buffer 1 never prepared
        Assert.Equal(0x1u, rig.Pgd(0x1000) & 3);

        Assert.Equal(0, v.ReleaseBuffers());

        Assert.Empty(rig.Areas);
        Assert.Equal(0u, rig.Pgd(0x1000)); // the emptied L2 table was freed (omap.md §4.5)
        Assert.Empty(rig.NonZeroL1Indices());
        Assert.Equal(0, v.BufferCount);
        Assert.Equal(vmAreas, rig.Kmem.VmAreaCount);
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
        Assert.Equal(pagesBefore + 1, rig.Soc.Pages.AllocatedPages); // iopte_cache keeps its slab page
    }

    [Fact]
    public void RequestBuffers_Again_FreesTheOldBuffersFirst()
    {
        var (rig, _, v) = Setup();
        Assert.Equal(2, v.RequestBuffers(2, 0x1000, IspMemoryType.Mmap));
        Assert.Equal(0, v.Queue(0));
        Assert.Equal(0, v.Queue(1));

        Assert.Equal(1, v.RequestBuffers(1, 0x3000, IspMemoryType.Mmap));
        Assert.Empty(rig.Areas);
        Assert.Equal(0, v.Queue(0));

        Assert.Equal(0x1000u, v.Buffer(0).IspAddr); // the freed hole at the bottom is reused
        Assert.Equal(0x4000u, rig.Area(0x1000).DaEnd);
    }

    [Fact]
    public void Prepare_SgTableKmallocFailure_IsEio()
    {
        var (rig, _, v) = Setup();
        Assert.Equal(1, v.RequestBuffers(1, 0x1000, IspMemoryType.Mmap));
        rig.Kmem.KzallocFaults.FailAt(1); // ispmmu_vmap's kmalloc(sizeof(*sgt))

        Assert.Equal(-Errno.EIO, v.Queue(0));

        Assert.False(v.Buffer(0).Prepared);
        Assert.Null(v.Buffer(0).Sglist);
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void Prepare_IommuAreaDescriptorFailure_IsEio()
    {
        var (rig, _, v) = Setup();
        Assert.Equal(1, v.RequestBuffers(1, 0x1000, IspMemoryType.Mmap));
        rig.Kmem.KzallocFaults.FailAt(2); // alloc_iovm_area's descriptor → iommu_vmap -ENOMEM

        Assert.Equal(-Errno.EIO, v.Queue(0));

        Assert.Empty(rig.Areas);
        Assert.Equal(0, v.Queue(0)); // a retry maps it
        Assert.Equal(0x1000u, v.Buffer(0).IspAddr);
    }
}
