using Generic.Iommu;

namespace Generic.Omap3isp.Tests;

/// <summary>
/// omap3isp on a shared address space (issue #9): the ISP domain joins the space at probe, every buffer is mapped
/// through it at addresses it hands out from its range (contiguous, no guard pages), tables come from the page
/// allocator, and remove takes the ISP out of the space.
/// </summary>
public class SharedSpacePortTests
{
    private const uint Start = 0x80000000;

    private static IspRig Rig(out SharedAddressSpace space)
    {
        space = new SharedAddressSpace(Start, 0x10000000);
        return new IspRig(IspMemoryBackend.SharedSpace, space: space);
    }

    [Fact]
    public void Probe_AttachesTheDomain_AndTheDomainJoinsTheSpace()
    {
        IspRig rig = Rig(out SharedAddressSpace space);
        Assert.Same(rig.Domain, Assert.Single(space.Domains));
        Assert.Equal(
            [("iommu_domain_alloc", 1u), ("iommu_attach_device", 0u), ("shared_space_attach", 0u)],
            rig.Isp.Memory.Calls.Take(3).Select(c => (c.Callee, c.Result)));
    }

    [Fact]
    public void MmapBuffers_AreMappedBackToBack_FromTheStartOfTheSharedRange()
    {
        IspRig rig = Rig(out SharedAddressSpace space);
        IspVideo video = rig.Video();
        Assert.Equal(3, video.RequestBuffers(3, 0x3000, IspMemoryType.Mmap));

        for (int i = 0; i < 3; i++)
            Assert.Equal(0, video.Queue(i));

        Assert.Equal([Start, Start + 0x3000, Start + 0x6000], Enumerable.Range(0, 3).Select(i => video.Buffer(i).IspAddr));
        uint va = video.Buffer(1).KernelAddress;
        for (uint off = 0; off < 0x3000; off += 0x1000)
            Assert.Equal(rig.Kmem.VmallocToPhys(va + off) | 2, rig.Pte(Start + 0x3000 + off)); // 4K small page, IOMMU_FLAG 0
        Assert.Equal(9, space.Mappings.Count);
        Assert.Equal(Start, rig.Isp.Registers.CcdcSdrAddr);

        Assert.Equal(0, video.ReleaseBuffers());
        Assert.Empty(space.Mappings);
        Assert.Empty(space.Buffers);
        Assert.Equal(0u, rig.Pgd(Start)); // the emptied L2 table is gone
    }

    [Fact]
    public void TheLscTable_ComesFromThePageAllocator_AndIsSeenThroughTheSpace()
    {
        IspRig rig = Rig(out SharedAddressSpace space);
        int pages = rig.Platform.Soc.Pages.AllocatedPages;

        Assert.Equal(0, rig.Isp.Ccdc.LscConfig(0x1800));

        IspLscRequest req = rig.Isp.Ccdc.LscRequest!;
        Assert.Equal(Start, req.Table);
        uint pa = rig.Kmem.VirtToPhys(req.KernelAddress); // lowmem: the pages' linear address
        Assert.Equal(pa | 2, rig.Pte(Start));
        Assert.Equal((pa + 0x1000) | 2, rig.Pte(Start + 0x1000));
        Assert.Equal(new SharedBuffer(Start, 0x2000, 1), Assert.Single(space.Buffers));
        Assert.Equal(IspCcdc.DefaultGainTableByte(0x17FF), rig.ReadPhysByte(rig.DeviceAccess(Start + 0x17FF)));
        Assert.True(rig.Platform.Soc.Pages.AllocatedPages >= pages + 2);
    }

    [Fact]
    public void Remove_TakesTheIspOutOfTheSpace()
    {
        IspRig rig = Rig(out SharedAddressSpace space);
        rig.Isp.Remove(); // the put after detach finds no context to save, as in the DMA port (no §7.7 oops)
        Assert.Empty(space.Domains);
        Assert.Equal(["shared_space_detach", "iommu_detach_device", "iommu_domain_free"],
            rig.Isp.Memory.Calls.Select(c => c.Callee).Where(c => c is "shared_space_detach" or "iommu_detach_device" or "iommu_domain_free"));
    }

    [Fact]
    public void TheSharedSpacePort_NeedsASpace()
    {
        IspPlatform platform = IspPlatform.Boot(IspMemoryBackend.SharedSpace);
        Assert.Throws<ArgumentException>(() => IspDevice.Probe(platform, out _));
    }
}
