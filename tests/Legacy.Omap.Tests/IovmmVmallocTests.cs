using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Legacy.Omap.Tests;

/// <summary>iommu_vmalloc / iommu_vfree (omap.md §1.3, §5.3, §5.7, §8.16-§8.18).</summary>
public class IovmmVmallocTests
{
    [Fact]
    public void Bytes0x1001_GetsAPageAlignedTwoPageArea_With4KPages()
    {
        var rig = new LegacyOmapRig();

        uint da = Iovmm.Vmalloc(rig.Isp, 0, 0x1001, 0);

        Assert.Equal(0x1000u, da);
        IovmArea area = Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal((0x1000u, 0x3000u), (area.DaStart, area.DaEnd));
        Assert.Equal(0x60000u, area.Flags);
        SgTable sgt = area.Sgt!;
        Assert.Equal(2, sgt.Nents);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(0x1000u, sgt.Sgl[i].Length);
            Assert.Equal(0u, sgt.Sgl[i].Offset);
            uint pagePa = rig.Kmem.VmallocToPhys(area.Va + (uint)(i << 12));
            Assert.Equal(pagePa, sgt.Sgl[i].PagePhys);
            Assert.Equal(pagePa | 0x2, rig.Pte(da + (uint)(i << 12)));
        }
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(rig.PteAddress(0x3000)));
        Assert.Equal(1, rig.Kmem.VmAreaCount);
    }

    [Fact]
    public void DaToVa_ReturnsTheAreaStartVa_EvenForAnInteriorDa()
    {
        var rig = new LegacyOmapRig();
        uint da = Iovmm.Vmalloc(rig.Isp, 0, 0x3000, 0);

        uint va = Iovmm.DaToVa(rig.Isp, da);

        Assert.Equal(KernelMemory.VMALLOC_START, va);
        Assert.Equal(va, Iovmm.DaToVa(rig.Isp, da + 0x1000));
        Assert.Equal(va, Iovmm.DaToVa(rig.Isp, da + 0x2FFF));
        Assert.Equal(0u, Iovmm.DaToVa(rig.Isp, da + 0x3000));
    }

    [Fact]
    public void Vmalloc_CpuAndDeviceSeeTheSameMemory()
    {
        var rig = new LegacyOmapRig();
        uint da = Iovmm.Vmalloc(rig.Isp, 0, 0x2000, 0);
        uint va = Iovmm.DaToVa(rig.Isp, da);
        Assert.True(rig.Kmem.TryTranslate(va + 0x1234, out uint cpuPa));

        OmapMmuTranslation t = rig.IspMmu.Translate(da + 0x1234);

        Assert.Equal(OmapMmuOutcome.Walked, t.Outcome);
        Assert.Equal(cpuPa, t.Pa);
    }

    [Fact]
    public void Vfree_ByAnInteriorDa_FreesMemoryAndMapping()
    {
        var rig = new LegacyOmapRig();
        int pagesBefore = rig.Soc.Pages.AllocatedPages;
        uint da = Iovmm.Vmalloc(rig.Isp, 0, 0x3000, 0);
        Assert.Equal(0x1000u, da);
        int slabPages = 1; // the iopte cache keeps the page it carved the L2 table from

        Iovmm.Vfree(rig.Isp, 0x2000);

        Assert.Equal(0, rig.Kmem.VmAreaCount);
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0u, rig.Pgd(0x1000));
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
        Assert.Equal(pagesBefore + slabPages, rig.Soc.Pages.AllocatedPages);
        Assert.Equal(0u, Iovmm.DaToVa(rig.Isp, da));
    }

    [Theory]
    [InlineData(0x1800u)]
    [InlineData(0x8000u)]
    public void Vfree_MisalignedOrUnknownDa_DoesNothing(uint da)
    {
        var rig = new LegacyOmapRig();
        Assert.Equal(0x1000u, Iovmm.Vmalloc(rig.Isp, 0, 0x2000, 0));

        Iovmm.Vfree(rig.Isp, da);

        Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal(1, rig.Kmem.VmAreaCount);
    }

    [Fact]
    public void Vfree_OfAVmapArea_DoesNothing()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out uint[] pages);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);

        Iovmm.Vfree(rig.Isp, da);

        Assert.Same(sgt, Assert.Single(rig.Isp.Instance.Mmap).Sgt);
        Assert.Equal(pages[0] | 0x2, rig.Pte(da));
    }

    [Fact]
    public void CallerFlags_AreKept()
    {
        var rig = new LegacyOmapRig();

        uint da = Iovmm.Vmalloc(rig.Isp, 0x00400000, 0x2000, IovmFlags.IOVMF_DA_FIXED);

        Assert.Equal(0x00400000u, da);
        Assert.Equal(0x160000u, Iovmm.FindIovmArea(rig.Isp, da)!.Flags);
    }

    [Fact]
    public void IspStatBuffers_GetGuardPagesBetweenThem()
    {
        // ispstat: STAT_MAX_BUFS = 5 vmalloc buffers, e.g. PAGE_ALIGN(83600 * 2 + 16) = 0x29000 bytes each (§6.2).
        var rig = new LegacyOmapRig();
        uint[] das = new uint[5];
        for (int i = 0; i < 5; i++)
            das[i] = Iovmm.Vmalloc(rig.Isp, 0, 83600 * 2 + 16, 0);

        Assert.Equal(new uint[] { 0x1000, 0x2B000, 0x55000, 0x7F000, 0xA9000 }, das);
    }

    [Fact]
    public void ZeroBytes_ReturnsEinval()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmalloc(rig.Isp, 0, 0, 0));
        Assert.Equal(0, rig.Kmem.VmAreaCount);
    }

    [Fact]
    public void VmallocFailure_ReturnsEnomem()
    {
        var rig = new LegacyOmapRig();
        rig.Kmem.VmallocFaults.FailAlways();

        Assert.Equal(0xFFFFFFF4u, Iovmm.Vmalloc(rig.Isp, 0, 0x1000, 0));
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Theory]
    [InlineData(1)] // the sg table
    [InlineData(2)] // the area descriptor
    public void KzallocFailure_ReturnsEnomem_AndLeavesNothingBehind(int failingCall)
    {
        var rig = new LegacyOmapRig();
        int pagesBefore = rig.Soc.Pages.AllocatedPages;
        rig.Kmem.KzallocFaults.FailAt(failingCall);

        uint ret = Iovmm.Vmalloc(rig.Isp, 0, 0x2000, 0);

        Assert.Equal(0xFFFFFFF4u, ret);
        Assert.Equal(1, rig.Kmem.KzallocFaults.Failures);
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0, rig.Kmem.VmAreaCount);
        Assert.Equal(pagesBefore, rig.Soc.Pages.AllocatedPages);
        Assert.Equal(0u, rig.Pgd(0x1000));
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
    }

    [Fact]
    public void L2TableAllocationFailure_ReturnsEnomem_AndLeavesNothingBehind()
    {
        var rig = new LegacyOmapRig();
        int pagesBefore = rig.Soc.Pages.AllocatedPages;
        rig.Driver.L2Cache.Faults.FailAt(1);

        uint ret = Iovmm.Vmalloc(rig.Isp, 0, 0x2000, 0);

        Assert.Equal(0xFFFFFFF4u, ret);
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0, rig.Kmem.VmAreaCount);
        Assert.Equal(pagesBefore, rig.Soc.Pages.AllocatedPages);
        Assert.Equal(0u, rig.Pgd(0x1000));
    }

    [Fact]
    public void L2TableAllocationFailureInTheSecondMegabyte_RollsBackTheFirstTable()
    {
        var rig = new LegacyOmapRig();
        rig.Driver.L2Cache.Faults.FailAt(2);

        uint ret = Iovmm.Vmalloc(rig.Isp, 0, 0x200000, 0); // [0x1000, 0x201000): crosses 0x100000

        Assert.Equal(0xFFFFFFF4u, ret);
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
        Assert.Equal(0u, rig.Pgd(0x1000));
        Assert.Equal(0u, rig.Pgd(0x100000));
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0, rig.Kmem.VmAreaCount);
    }

    [Fact]
    public void NoSpace_ReturnsEinval_AndFreesTheMemory()
    {
        var rig = new LegacyOmapRig();
        Assert.Equal(0, OmapIommu.SetDaRange(rig.Isp, 0x1000, 0x3000));
        Assert.Equal(0x1000u, Iovmm.Vmalloc(rig.Isp, 0, 0x1000, 0));

        uint ret = Iovmm.Vmalloc(rig.Isp, 0, 0x2000, 0);

        Assert.Equal(0xFFFFFFEAu, ret);
        Assert.Equal(1, rig.Kmem.VmAreaCount);
        Assert.Single(rig.Isp.Instance.Mmap);
    }
}
