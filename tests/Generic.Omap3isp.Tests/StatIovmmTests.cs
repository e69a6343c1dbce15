using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>
/// The ispstat.c call sites on 3.3 iovmm: isp_stat_bufs_alloc_iommu (omap_iommu_vmalloc, omap_find_iovm_area,
/// omap_da_to_va) and isp_stat_bufs_free (omap_iommu_vfree), with the buffer sizes of omap.md §6.2.
/// </summary>
public class StatIovmmTests
{
    [Fact]
    public void Aewb_MaxBufSize_Allocates5BuffersOf0x29000_EachAfterAGuardPage()
    {
        var rig = new IspRig();
        int calls = rig.Isp.Memory.Calls.Count;

        Assert.Equal(0, rig.Isp.Aewb.Config(83600));

        // 83600 × 2 + 16 = 167216 → PAGE_ALIGN = 0x29000.
        Assert.Equal(0x29000u, rig.Isp.Aewb.BufferSize);
        Assert.Equal([0x1000u, 0x2B000u, 0x55000u, 0x7F000u, 0xA9000u], rig.Isp.Aewb.BufferAddresses);
        Assert.Equal(
            Enumerable.Repeat(new[] { "omap_iommu_vmalloc", "omap_find_iovm_area", "dma_map_sg", "omap_da_to_va" }, 5).SelectMany(x => x),
            rig.Isp.Memory.Calls.Skip(calls).Select(c => c.Callee));
        Assert.All(rig.Isp.Memory.Calls.Skip(calls), c => Assert.Equal("isp_stat_bufs_alloc_iommu", c.Caller));
        Assert.Equal(rig.Areas.Select(a => a.Va), rig.Isp.Aewb.Buffers.Select(b => b.VirtAddr));
        Assert.True(rig.Isp.Aewb.UsesIommu);
    }

    [Theory]
    [InlineData(IspStatModule.Aewb, 100000u, false, 48u, 83600u, 0x29000u)] // capped at the maximum
    [InlineData(IspStatModule.Aewb, 10u, false, 48u, 48u, 0x1000u)] // raised to the smallest configuration's 48
    [InlineData(IspStatModule.Aewb, 10u, false, 5000u, 5000u, 0x3000u)] // raised to what the configuration needs
    [InlineData(IspStatModule.Aewb, 1000u, true, 48u, 1000u, 0x1000u)] // 2016 + 10 × 48 recovery = 2496
    [InlineData(IspStatModule.Af, 221184u, false, 48u, 221184u, 0x6D000u)] // 442368 + 16 + 48 × 12 = 442960
    [InlineData(IspStatModule.Hist, 4096u, false, 128u, 4096u, 0x2000u)] // PAGE_ALIGN(4096 + 16)
    [InlineData(IspStatModule.Hist, 9000u, true, 128u, 4096u, 0x2000u)] // capped; the histogram has no recovery config
    public void Config_BufferSizeRules(IspStatModule module, uint bufSize, bool recover, uint required, uint validated, uint allocated)
    {
        var rig = new IspRig(histDma: false);
        IspStat stat = module switch { IspStatModule.Aewb => rig.Isp.Aewb, IspStatModule.Af => rig.Isp.Af, _ => rig.Isp.Hist };
        Assert.Equal(module == IspStatModule.Hist ? 128u : 48u, stat.RequiredBufSize);
        stat.RequiredBufSize = required;

        Assert.Equal(0, stat.Config(bufSize, recover));

        Assert.Equal(validated, stat.BufSize);
        Assert.Equal(allocated, stat.BufferSize);
        Assert.Equal(allocated, rig.Areas[0].Length);
        Assert.Equal(5, rig.Areas.Count);
        Assert.Equal(recover && module != IspStatModule.Hist, stat.HasRecoveryConfig);
    }

    [Fact]
    public void Af_MaxWithARecoveryConfigOfTheSameSize()
    {
        var rig = new IspRig();
        rig.Isp.Af.RecoverBufSize = 221184;

        Assert.Equal(0, rig.Isp.Af.Config(300000, recover: true));

        Assert.Equal(0x289000u, rig.Isp.Af.BufferSize); // 442960 + 2211840 = 2654800 → 649 pages
    }

    [Fact]
    public void Af_Addresses()
    {
        var rig = new IspRig();

        Assert.Equal(0, rig.Isp.Af.Config(221184));

        Assert.Equal([0x1000u, 0x6F000u, 0xDD000u, 0x14B000u, 0x1B9000u], rig.Isp.Af.BufferAddresses);
    }

    [Fact]
    public void Hist_WithASystemDmaChannel_UsesDmaAllocCoherent_NoIommuCall()
    {
        var rig = new IspRig(histDma: true);
        int calls = rig.Isp.Memory.Calls.Count;
        int kmallocs = rig.Kmem.KmallocCount;

        Assert.Equal(0, rig.Isp.Hist.Config(4096));

        Assert.False(rig.Isp.Hist.UsesIommu);
        Assert.Equal(calls, rig.Isp.Memory.Calls.Count);
        Assert.Empty(rig.Areas);
        Assert.All(rig.Isp.Hist.Buffers, b => Assert.Equal(rig.Kmem.VirtToPhys(b.VirtAddr), b.DmaAddr)); // bus address = pa
        Assert.Equal([0u, 0u, 0u, 0u, 0u], rig.Isp.Hist.BufferAddresses); // no iommu_addr on this path
        Assert.Equal(kmallocs + 5, rig.Kmem.KmallocCount);

        rig.Isp.Hist.Free();
        Assert.Equal(kmallocs, rig.Kmem.KmallocCount);
    }

    [Fact]
    public void Hist_WithoutAChannel_FallsBackToTheIommu()
    {
        var rig = new IspRig(histDma: false);

        Assert.Equal(0, rig.Isp.Hist.Config(4096));

        Assert.True(rig.Isp.Hist.UsesIommu);
        Assert.Equal([0x1000u, 0x4000u, 0x7000u, 0xA000u, 0xD000u], rig.Isp.Hist.BufferAddresses);
    }

    [Fact]
    public void Enable_NeedsAConfiguration_ProgramsTheFirstBuffer_AndBlocksGrowth()
    {
        var rig = new IspRig();
        IspStat af = rig.Isp.Af;

        Assert.Equal(-Errno.EINVAL, af.Enable(true));
        Assert.Equal(0, af.Config(1000)); // 2000 + 16 + 576 → 0x1000
        Assert.Equal(0, af.Enable(true));
        Assert.Equal(0x1000u, rig.Isp.Registers.H3aAfbufst);
        Assert.Same(af.Buffers[0], af.ActiveBuffer);

        Assert.Equal(0, af.Config(500)); // smaller: the buffers are kept, even while enabled
        Assert.Equal(-Errno.EBUSY, af.Config(5000)); // 10592 → 0x3000 would need new buffers
        Assert.Equal(0x1000u, af.BufferSize);
        Assert.Equal([0x1000u, 0x3000u, 0x5000u, 0x7000u, 0x9000u], af.BufferAddresses);

        Assert.Equal(0, af.Enable(false));
        Assert.Equal(0, af.Config(5000)); // the old set is freed first, so the holes are reused
        Assert.Equal([0x1000u, 0x5000u, 0x9000u, 0xD000u, 0x11000u], af.BufferAddresses);
        Assert.Equal(0, rig.Isp.Aewb.Config(1000));
        Assert.Equal(0, rig.Isp.Aewb.Enable(true));
        Assert.Equal(0x15000u, rig.Isp.Registers.H3aAewbufst);
    }

    [Fact]
    public void Free_UnmapsAndVfreesEveryBuffer()
    {
        var rig = new IspRig();
        Assert.Equal(0, rig.Isp.Aewb.Config(1000));
        int calls = rig.Isp.Memory.Calls.Count;

        rig.Isp.Aewb.Free();

        Assert.Equal(
            Enumerable.Range(0, 5).SelectMany(i => new[] { ("dma_unmap_sg", 0u), ("omap_iommu_vfree", 0x1000u + (uint)i * 0x2000) }),
            rig.Isp.Memory.Calls.Skip(calls).Select(c => (c.Callee, c.Da)));
        Assert.All(rig.Isp.Memory.Calls.Skip(calls), c => Assert.Equal("isp_stat_bufs_free", c.Caller));
        Assert.Equal([0u, 0u, 0u, 0u, 0u], rig.Isp.Aewb.BufferAddresses);
        Assert.Equal(0u, rig.Isp.Aewb.BufferSize);
        Assert.Empty(rig.Areas);
        Assert.True(rig.L1IsZero());
    }

    [Fact]
    public void AllocationFailure_OnTheThirdBuffer_FreesAll_Enomem()
    {
        var rig = new IspRig();
        rig.Kmem.VmallocFaults.FailAt(3);

        Assert.Equal(-Errno.ENOMEM, rig.Isp.Aewb.Config(1000));

        Assert.Equal(2, rig.Isp.Memory.Calls.Count(c => c.Caller == "isp_stat_bufs_free" && c.Callee == "omap_iommu_vfree"));
        Assert.Empty(rig.Areas);
        Assert.Equal(0u, rig.Isp.Aewb.BufferSize);
        Assert.False(rig.Isp.Aewb.Configured);
    }
}
