using Migration.Drivers.Omap;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Legacy.Omap3isp.Tests;

/// <summary>
/// A whole camera session on the 3.0 world: probe, statistics + LSC + FPC configuration, MMAP and USERPTR
/// buffers with queue/dequeue churn, suspend/resume, release and remove. Afterwards nothing is left in the
/// ISP MMU except the documented leaks.
/// </summary>
public class IspSessionTests
{
    private const uint CcdcFrame = 640 * 480 * 2;   // 614400: 150 pages
    private const uint PreviewFrame = 640 * 480;    // 307200: 75 pages

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FullSession_LeavesOnlyTheDocumentedLeaks(bool reconfigureFpc)
    {
        var rig = new IspRig(histDmaChannel: false);
        IspDevice isp = rig.Probe();
        Assert.Same(isp, isp.Get()); // open()

        // Statistics: 15 buffers through iommu_vmalloc.
        Assert.Equal(0, isp.Aewb.Config(83600));
        Assert.Equal(0, isp.Af.Config(221184));
        Assert.Equal(0, isp.Hist.Config(4096));
        Assert.Equal(new uint[] { 0x2F9000, 0x2FC000, 0x2FF000, 0x302000, 0x305000 }, isp.Hist.BufferAddresses);

        // CCDC tables.
        uint fpcUser = rig.User.MmapAnonymous(0x1000);
        rig.WriteUser(fpcUser, IspRig.Pattern(256, 5));
        Assert.Equal(0, isp.Ccdc.FpcConfig(true, 64, fpcUser));
        uint firstFpc = isp.Ccdc.FpcAddr;
        Assert.Equal(0x308000u, firstFpc);
        if (reconfigureFpc)
            Assert.Equal(0, isp.Ccdc.FpcConfig(true, 64, fpcUser)); // §8.20: the first table leaks
        Assert.Equal(0, isp.Ccdc.LscConfig(0x2000));

        // Video: CCDC output with MMAP buffers, preview input with USERPTR buffers.
        IspVideo ccdc = isp.Video(IspVideoNode.CcdcOutput);
        IspVideo prv = isp.Video(IspVideoNode.PreviewInput);
        Assert.Equal(4, ccdc.RequestBuffers(4, CcdcFrame, IspMemoryType.Mmap));
        Assert.Equal(2, prv.RequestBuffers(2, PreviewFrame, IspMemoryType.UserPtr));
        uint[] user = Enumerable.Range(0, 4).Select(_ => rig.User.MmapAnonymous(PreviewFrame)).ToArray();
        for (int i = 0; i < 4; i++)
            Assert.Equal(0, ccdc.Queue(i));
        Assert.Equal(0, prv.Queue(0, user[0], PreviewFrame));
        Assert.Equal(0, prv.Queue(1, user[1], PreviewFrame));
        Assert.Equal(ccdc.Buffer(0).IspAddr, isp.Registers.CcdcSdrAddr);
        Assert.Equal(prv.Buffer(0).IspAddr, isp.Registers.PrvRsdrAddr);

        Assert.Equal(0, isp.Ccdc.StreamOn());
        Assert.Equal(0, isp.Aewb.Enable(true));
        Assert.Equal(0, isp.Af.Enable(true));
        Assert.Equal(0, isp.Hist.Enable(true));
        Assert.Equal(isp.Ccdc.LscTableDa, isp.Registers.CcdcLscTableBase);
        Assert.NotEqual(0u, isp.Ccdc.LscTableDa);

        for (int frame = 0; frame < 24; frame++)
        {
            int i = frame % 4;
            Assert.Equal(0, ccdc.Dequeue(i));
            Assert.Equal(ccdc.Buffer((i + 1) % 4).IspAddr, isp.Registers.CcdcSdrAddr);
            Assert.Equal(0, ccdc.Queue(i));

            int j = frame % 2;
            Assert.Equal(0, prv.Dequeue(j));
            Assert.Equal(0, prv.Queue(j, user[(frame + 2) % 4], PreviewFrame)); // a new userptr: vunmap + vmap
            Assert.Equal(rig.UserPages(user[(frame + 2) % 4], 1)[0] | 0x2, rig.Pte(prv.Buffer(j).IspAddr));

            if (frame == 10)
                Assert.Equal(0, isp.Ccdc.LscConfig(0x3000)); // pending while streaming
            if (frame == 12)
            {
                Assert.Equal(0, isp.PmPrepare());
                rig.Mmu.Write(MMU_TTB, 0); // context lost across system suspend
                isp.PmComplete();
                Assert.Equal(rig.Iommu.Instance.Iopgd, rig.Mmu.Read(MMU_TTB));
            }
        }

        Assert.Equal(0, isp.Ccdc.StreamOff());
        Assert.Equal(0, isp.Aewb.Enable(false));
        Assert.Equal(0, isp.Af.Enable(false));
        Assert.Equal(0, isp.Hist.Enable(false));
        Assert.Equal(0, ccdc.ReleaseBuffers());
        Assert.Equal(0, prv.ReleaseBuffers());
        isp.Ccdc.FlushFreeQueue();
        isp.Put(); // close()

        isp.Remove();

        Assert.Equal(0u, rig.Iommu.Refcount);
        Assert.False(rig.Mmu.IsEnabled);
        Assert.Equal(0, isp.RefCount);
        if (!reconfigureFpc)
        {
            Assert.Empty(rig.Areas);
            Assert.Empty(rig.NonZeroL1Indices());
            Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
        }
        else
        {
            IovmArea leaked = Assert.Single(rig.Areas);
            Assert.Equal(firstFpc, leaked.DaStart);
            Assert.Equal(firstFpc + 0x1000, leaked.DaEnd);
            Assert.Equal(new uint[] { 3 }, rig.NonZeroL1Indices());
            (uint da, uint pte) = Assert.Single(rig.NonZeroPtes(3));
            Assert.Equal(firstFpc, da);
            Assert.Equal(rig.Kmem.VmallocToPhys(leaked.Va) | 0x2, pte);
            Assert.Equal(1, rig.Driver.L2Cache.LiveObjects);
        }
    }
}
