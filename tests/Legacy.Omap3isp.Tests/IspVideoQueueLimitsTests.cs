using Migration.Clients.Testing;
using Migration.Kernel;

namespace Legacy.Omap3isp.Tests;

/// <summary>REQBUFS limits: capture_mem / PAGE_ALIGN(sizeimage) and ISP_VIDEO_MAX_BUFFERS (omap.md §6.2).</summary>
public class IspVideoQueueLimitsTests : IspVideoQueueContract
{
    protected override (IspDeviceCore Isp, KernelMemory Kmem) ProbeIsp()
    {
        var rig = new IspRig();
        return (rig.Probe(), rig.Kmem);
    }

    private const uint Frame16M = 4096 * 4096;

    [Theory]
    [InlineData(IspVideoNode.CcdcOutput, 50331648u)]
    [InlineData(IspVideoNode.Csi2aOutput, 50331648u)]
    [InlineData(IspVideoNode.Ccp2Input, 50331648u)]
    [InlineData(IspVideoNode.PreviewInput, 100663296u)]
    [InlineData(IspVideoNode.PreviewOutput, 100663296u)]
    [InlineData(IspVideoNode.ResizerInput, 100663296u)]
    [InlineData(IspVideoNode.ResizerOutput, 100663296u)]
    public void CaptureMem_Is48MiBOr96MiBPerNode(IspVideoNode node, uint expected)
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();

        Assert.Equal(expected, isp.Video(node).CaptureMem);
    }

    [Theory]
    [InlineData(IspVideoNode.CcdcOutput, Frame16M, 10u, 3)]
    [InlineData(IspVideoNode.Csi2aOutput, Frame16M, 10u, 3)]
    [InlineData(IspVideoNode.Ccp2Input, Frame16M, 10u, 3)]
    [InlineData(IspVideoNode.PreviewOutput, Frame16M, 10u, 6)]
    [InlineData(IspVideoNode.ResizerOutput, Frame16M, 10u, 6)]
    [InlineData(IspVideoNode.CcdcOutput, Frame16M + 1, 10u, 2)]   // PAGE_ALIGN → 16M + 4K: 48M / that = 2
    [InlineData(IspVideoNode.PreviewInput, Frame16M + 1, 10u, 5)]
    [InlineData(IspVideoNode.CcdcOutput, Frame16M, 2u, 2)]        // fewer asked than the budget allows
    [InlineData(IspVideoNode.CcdcOutput, 4096u, 100u, 16)]        // ISP_VIDEO_MAX_BUFFERS
    [InlineData(IspVideoNode.CcdcOutput, (3 * Frame16M) + 1, 4u, 0)] // bigger than capture_mem: no buffer
    [InlineData(IspVideoNode.CcdcOutput, 4096u, 0u, 0)]           // REQBUFS(0)
    public void RequestBuffers_GrantsMinOfCountCaptureMemAndSixteen(IspVideoNode node, uint sizeimage, uint count, int granted)
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        IspVideo v = isp.Video(node);

        Assert.Equal(granted, v.RequestBuffers(count, sizeimage, IspMemoryType.UserPtr));
        Assert.Equal(granted, v.BufferCount);
    }

    [Fact]
    public void RequestBuffers_ZeroSizeimage_IsEinval()
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();

        Assert.Equal(-Errno.EINVAL, isp.Video(IspVideoNode.CcdcOutput).RequestBuffers(4, 0, IspMemoryType.Mmap));
    }

    [Fact]
    public void Mmap_ThreeFullSizeFrames_AreVmallocedPageAligned()
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        IspVideo v = isp.Video(IspVideoNode.CcdcOutput);
        int pages = rig.Soc.Pages.AllocatedPages;

        Assert.Equal(3, v.RequestBuffers(8, Frame16M - 5, IspMemoryType.Mmap));

        Assert.Equal(pages + (3 * 4096), rig.Soc.Pages.AllocatedPages);
        Assert.Equal(0, v.Queue(2));
        Assert.Equal(0x1000u, v.Buffer(2).IspAddr);
        Assert.Equal(0x1001000u, rig.Area(0x1000).DaEnd);
        Assert.Equal(4096, v.Buffer(2).Sgt!.Nents);
    }
}
