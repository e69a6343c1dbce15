using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>
/// A full camera session per backend: LSC and FPC tables, statistics, video buffers of every memory kind on
/// several nodes, streaming, then teardown and remove. The iovmm port leaves exactly the documented leaks
/// (the §8.20 FPC table and the §6.2 misaligned USERPTR area) and oopses in remove; the DMA port leaves nothing.
/// </summary>
public class SessionTests
{
    private sealed record Session(uint FirstFpcTable, uint MisalignedUser, uint GoodUser, uint PfnUser, uint FpcUser);

    [Fact]
    public void Iovmm_FullSession_LeavesOnlyTheDocumentedLeaks_AndRemoveKeepsTheirAreas()
    {
        var rig = new IspRig();
        Session s = Run(rig, out var addresses);

        Assert.Equal(
            [0x1000u, 0x3000u, 0x5000u, 0x7000u, 0x9000u, 0xB000u, 0xD000u, 0xF000u, 0x11000u, 0x13000u, 0x16000u, 0x1D000u, 0x20000u],
            addresses);

        // Teardown done: what is still mapped is the first FPC table (table_old was the user pointer, §8.20) and the
        // area of the misaligned USERPTR prepare (the OLD isp_addr was unmapped, §6.2).
        Assert.Equal([(0x3000u, 0x4000u), (0x19000u, 0x1C000u)], rig.Areas.Select(a => (a.DaStart, a.DaEnd)));
        Assert.Equal(1 + 3, CountMappedPages(rig));
        Assert.Equal(rig.UserPage(s.MisalignedUser) + 0x10, rig.DeviceAccess(0x19010));

        Assert.Throws<KernelBugException>(rig.Isp.Remove); // isp_save_ctx after iommu_detach_device (§7.7)

        // Detach cleared and freed the page table; the iovma list keeps both areas (§8.19).
        Assert.Equal(0, rig.IspIommu.Instance.L2Cache.LiveObjects);
        Assert.Equal(rig.BaselineKmalloc, rig.Kmem.KmallocCount);
        Assert.Equal([0x3000u, 0x19000u], rig.Areas.Select(a => a.DaStart));
        Assert.Equal(rig.BaselineVmAreas + 1, rig.Kmem.VmAreaCount); // the leaked FPC table's vmalloc memory
        foreach (uint u in new[] { s.MisalignedUser, s.GoodUser, s.PfnUser, s.FpcUser })
            rig.User.Munmap(u & ~0xFFFu);
        // Its one page, and the one slab page of iopte_cache (a kmem cache keeps its slabs; one L2 table was ever live).
        Assert.Equal(rig.BaselinePages + 2, rig.Platform.Soc.Pages.AllocatedPages);
    }

    [Fact]
    public void Dma_FullSession_LeavesNothing()
    {
        var rig = new IspRig(IspMemoryBackend.DmaMapping);
        Session s = Run(rig, out var addresses);

        Assert.Equal(
            [0x1000u, 0x2000u, 0x3000u, 0x2000u, 0x4000u, 0x5000u, 0x6000u, 0x7000u, 0x8000u, 0x9000u, 0xB000u, 0xD000u, 0xF000u],
            addresses);
        Assert.Equal(0, rig.Iova.AllocatedRanges);
        Assert.True(rig.L1IsZero());
        Assert.Equal(0, rig.IspIommu.Instance.L2Cache.LiveObjects);
        Assert.Empty(rig.Areas);

        rig.Isp.Remove();

        Assert.True(rig.Isp.Removed);
        Assert.Equal(rig.BaselineKmalloc, rig.Kmem.KmallocCount);
        Assert.Equal(rig.BaselineVmAreas, rig.Kmem.VmAreaCount);
        foreach (uint u in new[] { s.MisalignedUser, s.GoodUser, s.PfnUser, s.FpcUser })
            rig.User.Munmap(u & ~0xFFFu);
        Assert.Equal(rig.BaselinePages + 1, rig.Platform.Soc.Pages.AllocatedPages); // the iopte_cache slab page only
    }

    // The session; returns the da of each allocation in order: LSC, FPC, FPC, 5 × AEWB, LSC, 2 × CCDC MMAP,
    // preview USERPTR (after its misaligned attempt), resizer PFNMAP.
    private static Session Run(IspRig rig, out List<uint> das)
    {
        IspDevice isp = rig.Isp;
        das = new List<uint>();
        uint fpcUser = CcdcIovmmTests.FpcUserTable(rig, 16);

        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000));
        das.Add(isp.Ccdc.LscRequest!.Table);
        Assert.Equal(0, isp.Ccdc.FpcConfig(true, 16, fpcUser));
        uint firstFpc = isp.Ccdc.FpcAddr;
        das.Add(firstFpc);
        Assert.Equal(0, isp.Ccdc.FpcConfig(true, 16, fpcUser));
        das.Add(isp.Ccdc.FpcAddr);
        Assert.Equal(0, isp.Aewb.Config(1000));
        das.AddRange(isp.Aewb.BufferAddresses);
        Assert.Equal(0, isp.Hist.Config(4096)); // system DMA channel: off the IOMMU

        Assert.Equal(0, isp.Ccdc.StreamOn());
        Assert.Equal(0, isp.Aewb.Enable(true));
        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000)); // waits while streaming; freed by the stream stop
        das.Add(isp.Ccdc.LscRequest!.Table);

        IspVideo ccdc = rig.Video(IspVideoNode.CcdcOutput);
        Assert.Equal(2, ccdc.RequestBuffers(2, 0x2000, IspMemoryType.Mmap));
        Assert.Equal(0, ccdc.Queue(0));
        Assert.Equal(0, ccdc.Queue(1));
        das.Add(ccdc.Buffer(0).IspAddr);
        das.Add(ccdc.Buffer(1).IspAddr);

        IspVideo prv = rig.Video(IspVideoNode.PreviewInput);
        uint misaligned = rig.UserBuffer(0x2000, offset: 0x10);
        uint good = rig.UserBuffer(0x2000);
        Assert.Equal(1, prv.RequestBuffers(1, 0x2000, IspMemoryType.UserPtr));
        Assert.Equal(-Errno.EINVAL, prv.QueueUser(0, misaligned));
        Assert.Equal(0, prv.QueueUser(0, good));
        das.Add(prv.Buffer(0).IspAddr);

        IspVideo rsz = rig.Video(IspVideoNode.ResizerOutput);
        uint pfn = rig.User.MmapPfn(0x90000000, 0x3000);
        Assert.Equal(1, rsz.RequestBuffers(1, 0x3000, IspMemoryType.UserPtrPfnMap));
        Assert.Equal(0, rsz.QueueUser(0, pfn));
        das.Add(rsz.Buffer(0).IspAddr);

        Assert.Equal(0, ccdc.Dequeue(0));
        Assert.Equal(0, ccdc.Queue(0));
        isp.Ccdc.FlushFreeQueue();

        // Teardown: stop, close every node, disable and free the statistics, clean the CCDC up.
        Assert.Equal(0, isp.Ccdc.StreamOff());
        Assert.Equal(0, isp.Aewb.Enable(false));
        foreach (IspVideoNode node in Enum.GetValues<IspVideoNode>())
            Assert.Equal(0, rig.Video(node).ReleaseBuffers());
        isp.Aewb.Free();
        isp.Hist.Free();
        isp.Ccdc.Cleanup();
        return new Session(firstFpc, misaligned, good, pfn, fpcUser);
    }

    // Non-zero small/large PTEs and sections in the domain's table, counted in 4K pages.
    private static int CountMappedPages(IspRig rig)
    {
        int pages = 0;
        for (uint i = 0; i < 4096; i++)
        {
            uint pgd = rig.Pgd(i << 20);
            if ((pgd & 3) == 1)
            {
                for (uint j = 0; j < 256; j++)
                {
                    if (rig.Pte((i << 20) | (j << 12)) != 0)
                        pages++;
                }
            }
            else if (pgd != 0)
            {
                pages += 256;
            }
        }
        return pages;
    }
}
