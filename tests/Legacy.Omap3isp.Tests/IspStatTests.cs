using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Legacy.Omap3isp.Tests;

/// <summary>
/// isp_stat_bufs_alloc_iommu (iommu_vmalloc, find_iovm_area, da_to_va), isp_stat_bufs_free (iommu_vfree) and
/// the statistics buffer sizes of omap.md §6.2.
/// </summary>
public class IspStatTests
{
    private static (IspRig Rig, IspDevice Isp) Setup(bool histDma = true)
    {
        var rig = new IspRig(histDma);
        return (rig, rig.Probe());
    }

    private static IspStat Module(IspDevice isp, IspStatModule m) => m switch
    {
        IspStatModule.Aewb => isp.Aewb,
        IspStatModule.Af => isp.Af,
        _ => isp.Hist,
    };

    [Fact]
    public void Aewb_MaxBufSize_AllocatesFiveBuffersOfPageAligned83600x2Plus16()
    {
        var (rig, isp) = Setup();

        Assert.Equal(0, isp.Aewb.Config(83600));

        Assert.Equal(83600u, isp.Aewb.BufSize);
        Assert.Equal(0x29000u, isp.Aewb.BufferSize); // PAGE_ALIGN(167216) = 167936
        Assert.Equal(new uint[] { 0x1000, 0x2B000, 0x55000, 0x7F000, 0xA9000 }, isp.Aewb.BufferAddresses);
        Assert.True(isp.Aewb.UsesIommu);
        Assert.True(isp.Aewb.Configured);
        foreach (IspStatBuffer buf in isp.Aewb.Buffers)
        {
            IovmArea area = rig.Area(buf.IommuAddr);
            Assert.Same(area, buf.Iovm); // find_iovm_area
            Assert.Equal(buf.IommuAddr + 0x29000, area.DaEnd);
            Assert.Equal(0x60000u, area.Flags);
            Assert.Equal(area.Va, buf.VirtAddr); // da_to_va
            Assert.Equal(rig.Kmem.VmallocToPhys(buf.VirtAddr + 0x28000) | 0x2, rig.Pte(buf.IommuAddr + 0x28000));
        }
    }

    [Theory]
    [InlineData(IspStatModule.Aewb, 83600u, false, 83600u, 0x29000u)]
    [InlineData(IspStatModule.Aewb, 200000u, false, 83600u, 0x29000u)]   // capped
    [InlineData(IspStatModule.Aewb, 1u, false, 48u, 0x1000u)]            // raised to the configuration's need
    [InlineData(IspStatModule.Aewb, 2000u, false, 2000u, 0x1000u)]       // 4016
    [InlineData(IspStatModule.Aewb, 2000u, true, 2000u, 0x2000u)]        // 4016 + 48 × 10
    [InlineData(IspStatModule.Af, 221184u, false, 221184u, 0x6D000u)]    // PAGE_ALIGN(442368 + 16 + 576)
    [InlineData(IspStatModule.Af, 300000u, false, 221184u, 0x6D000u)]
    [InlineData(IspStatModule.Af, 1752u, false, 1752u, 0x1000u)]         // 3504 + 16 + 576 = 4096 exactly
    [InlineData(IspStatModule.Af, 1753u, false, 1753u, 0x2000u)]         // 4098
    [InlineData(IspStatModule.Hist, 4096u, false, 4096u, 0x2000u)]       // PAGE_ALIGN(4096 + 16)
    [InlineData(IspStatModule.Hist, 5000u, false, 4096u, 0x2000u)]
    [InlineData(IspStatModule.Hist, 4080u, false, 4080u, 0x1000u)]
    [InlineData(IspStatModule.Hist, 4080u, true, 4080u, 0x1000u)]        // no recovery buffers for the histogram
    public void Config_RaisesOrCapsBufSize_AndComputesTheAllocation(IspStatModule m, uint bufSize, bool recover, uint corrected, uint allocated)
    {
        var (rig, isp) = Setup(histDma: false);
        IspStat stat = Module(isp, m);

        Assert.Equal(0, stat.Config(bufSize, recover));

        Assert.Equal(corrected, stat.BufSize);
        Assert.Equal(allocated, stat.BufferSize);
        Assert.Equal(5, rig.Areas.Count);
        Assert.All(rig.Areas, a => Assert.Equal(allocated, a.Length));
    }

    [Fact]
    public void Config_Smaller_KeepsTheBuffers_Bigger_FreesThenReallocates()
    {
        var (rig, isp) = Setup();
        Assert.Equal(0, isp.Aewb.Config(1000));
        Assert.Equal(new uint[] { 0x1000, 0x3000, 0x5000, 0x7000, 0x9000 }, isp.Aewb.BufferAddresses);

        Assert.Equal(0, isp.Aewb.Config(10));
        Assert.Equal(0x1000u, isp.Aewb.BufferSize);
        Assert.Equal(new uint[] { 0x1000, 0x3000, 0x5000, 0x7000, 0x9000 }, isp.Aewb.BufferAddresses);

        Assert.Equal(0, isp.Aewb.Config(83600));
        // The old set was freed first, so the new set starts at the bottom again.
        Assert.Equal(new uint[] { 0x1000, 0x2B000, 0x55000, 0x7F000, 0xA9000 }, isp.Aewb.BufferAddresses);
        Assert.Equal(5, rig.Areas.Count);
    }

    [Fact]
    public void Config_BiggerWhileEnabled_IsEbusy_SmallerIsFine()
    {
        var (rig, isp) = Setup();
        Assert.Equal(0, isp.Af.Config(1000));
        Assert.Equal(0, isp.Af.Enable(true));

        Assert.Equal(-Errno.EBUSY, isp.Af.Config(100000));
        Assert.Equal(0, isp.Af.Config(500));

        Assert.Equal(0x1000u, isp.Af.BufferSize);
        Assert.Equal(5, rig.Areas.Count);
    }

    [Fact]
    public void Enable_ProgramsTheActiveBufferIntoTheH3aRegister()
    {
        var (_, isp) = Setup();
        Assert.Equal(0, isp.Aewb.Config(83600));
        Assert.Equal(0, isp.Af.Config(1000));

        Assert.Equal(0, isp.Aewb.Enable(true));
        Assert.Equal(0, isp.Af.Enable(true));

        Assert.Equal(0x1000u, isp.Registers.H3aAewbufst);
        Assert.Equal(0xD3000u, isp.Registers.H3aAfbufst); // after AEWB's five 0x29000 areas and their guards
        Assert.Same(isp.Aewb.Buffers[0], isp.Aewb.ActiveBuffer);
    }

    [Fact]
    public void Enable_NeverConfigured_IsEinval()
    {
        var (_, isp) = Setup();

        Assert.Equal(-Errno.EINVAL, isp.Aewb.Enable(true));
        Assert.Equal(0, isp.Aewb.Enable(false));
    }

    [Fact]
    public void DaToVa_InsideAStatisticsBuffer_ReturnsTheBufferStart()
    {
        // omap.md §8.17.
        var (rig, isp) = Setup();
        Assert.Equal(0, isp.Aewb.Config(83600));
        IspStatBuffer buf = isp.Aewb.Buffers[2];

        Assert.Equal(buf.VirtAddr, Iovmm.DaToVa(rig.Iommu, buf.IommuAddr + 0x5000));
    }

    [Fact]
    public void Free_VfreesEveryBuffer()
    {
        var (rig, isp) = Setup();
        Assert.Equal(0, isp.Af.Config(221184));

        isp.Af.Free();

        Assert.Empty(rig.Areas);
        Assert.Empty(rig.NonZeroL1Indices());
        Assert.All(isp.Af.BufferAddresses, a => Assert.Equal(0u, a));
        Assert.Equal(0u, isp.Af.BufferSize);
        Assert.Null(isp.Af.ActiveBuffer);
    }

    [Fact]
    public void VmallocFailure_FreesTheOthers_TheFailedSlotKeepsItsErrorValue()
    {
        // isp_stat_bufs_free skips IS_ERR_OR_NULL iommu_addr without resetting it.
        var (rig, isp) = Setup();
        rig.Kmem.VmallocFaults.FailAt(3);

        Assert.Equal(-Errno.ENOMEM, isp.Aewb.Config(1000));

        Assert.Equal(new uint[] { 0, 0, IspRig.EnomemValue, 0, 0 }, isp.Aewb.BufferAddresses);
        Assert.Equal(0u, isp.Aewb.BufferSize);
        Assert.False(isp.Aewb.Configured);
        Assert.Empty(rig.Areas);

        Assert.Equal(0, isp.Aewb.Config(1000)); // a retry overwrites the slot
        Assert.Equal(new uint[] { 0x1000, 0x3000, 0x5000, 0x7000, 0x9000 }, isp.Aewb.BufferAddresses);
    }

    [Fact]
    public void Hist_WithADmaChannel_UsesDmaAllocCoherent_NotTheIommu()
    {
        var (rig, isp) = Setup(histDma: true);
        int kmallocs = rig.Kmem.KmallocCount;

        Assert.Equal(0, isp.Hist.Config(4096));

        Assert.False(isp.Hist.UsesIommu);
        Assert.Equal(0x2000u, isp.Hist.BufferSize);
        Assert.All(isp.Hist.BufferAddresses, a => Assert.Equal(0u, a));
        Assert.Empty(rig.Areas);
        Assert.Equal(kmallocs + 5, rig.Kmem.KmallocCount);
        Assert.All(isp.Hist.Buffers, b => Assert.Equal(rig.Kmem.VirtToPhys(b.VirtAddr), b.DmaAddr));

        isp.Hist.Free();
        Assert.Equal(kmallocs, rig.Kmem.KmallocCount);
    }

    [Fact]
    public void Hist_WithoutADmaChannel_FallsBackToTheIommu()
    {
        var (rig, isp) = Setup(histDma: false);

        Assert.Equal(0, isp.Hist.Config(4096));

        Assert.True(isp.Hist.UsesIommu);
        Assert.Equal(new uint[] { 0x1000, 0x4000, 0x7000, 0xA000, 0xD000 }, isp.Hist.BufferAddresses);
        Assert.All(isp.Hist.Buffers, b => Assert.Equal(0u, b.DmaAddr));
        Assert.Equal(5, rig.Areas.Count);
    }

    [Fact]
    public void Remove_FreesTheStatisticsBuffersOfAllThreeModules()
    {
        var (rig, isp) = Setup(histDma: false);
        Assert.Equal(0, isp.Aewb.Config(83600));
        Assert.Equal(0, isp.Af.Config(221184));
        Assert.Equal(0, isp.Hist.Config(4096));
        Assert.Equal(15, rig.Areas.Count);

        isp.Remove();

        Assert.Empty(rig.Areas);
        Assert.Empty(rig.NonZeroL1Indices());
    }
}
