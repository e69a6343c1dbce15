using Migration.Clients.Testing;
using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>The shared queue allocation tests (ispqueue.c isp_video_queue_alloc) on the 3.3 iovmm port.</summary>
public class VideoQueueTests : IspVideoQueueContract
{
    protected override (IspDeviceCore Isp, KernelMemory Kmem) ProbeIsp()
    {
        var rig = new IspRig();
        return (rig.Isp, rig.Kmem);
    }
}
