using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Migration.Clients.Testing;

/// <summary>
/// The omap3isp queue's allocation as both eras run it: isp_video_queue_alloc of ispqueue.c, which the port left
/// unchanged (omap.md §6.2 gives the limits, not the partial case). Each era's test class derives from it with a
/// probed ISP of its own.
/// </summary>
public abstract class IspVideoQueueContract
{
    /// <summary>A probed ISP of the era under test, and the kernel memory it allocates from.</summary>
    protected abstract (IspDeviceCore Isp, KernelMemory Kmem) ProbeIsp();

    [Fact]
    public void Mmap_VmallocFailure_CountsOnlyTheAllocatedBuffers_ButReqbufsReportsTheRequest()
    {
        // ispqueue.c isp_video_queue_alloc ends with "queue->count = i; return nbuffers;": after a partial
        // allocation REQBUFS reports the count asked for, while the queue holds only the buffers it got.
        (IspDeviceCore isp, KernelMemory kmem) = ProbeIsp();
        IspVideoCore v = isp.Video(IspVideoNode.CcdcOutput);
        kmem.VmallocFaults.FailAt(3);

        Assert.Equal(4, v.RequestBuffers(4, 0x1000, IspMemoryType.Mmap));

        Assert.Equal(2, v.BufferCount);
        Assert.Equal(-Errno.EINVAL, v.Queue(2));
        Assert.Equal(0, v.Queue(1)); // the buffers it got work
    }

    [Fact]
    public void Mmap_FirstVmallocFailure_IsEnomem()
    {
        (IspDeviceCore isp, KernelMemory kmem) = ProbeIsp();
        IspVideoCore v = isp.Video(IspVideoNode.CcdcOutput);
        kmem.VmallocFaults.FailAt(1);

        Assert.Equal(-Errno.ENOMEM, v.RequestBuffers(4, 0x1000, IspMemoryType.Mmap));
        Assert.Equal(0, v.BufferCount);
    }
}
