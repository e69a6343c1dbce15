using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Legacy.Omap.Tests;

/// <summary>iommu_kmap/kunmap and iommu_kmalloc/kfree: LINEAR areas with superpages (omap.md §1.3, §5.3, §5.4, §5.7, §8.13).</summary>
public class IovmmKmapTests
{
    [Fact]
    public void Kmap_0x110000AtPa0x88000000_IsASectionPlusALargePage()
    {
        var rig = new LegacyOmapRig();

        uint da = Iovmm.Kmap(rig.Isp, 0, 0x88000000, 0x110000, 0);

        Assert.Equal(0x100000u, da); // 4K rounded up to iopgsz_max(0x110000) = 1M
        IovmArea area = Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal((0x100000u, 0x210000u), (area.DaStart, area.DaEnd));
        Assert.Equal(0x90000u, area.Flags);
        SgTable sgt = area.Sgt!;
        Assert.Equal(2, sgt.Nents);
        Assert.Equal((0x88000000u, 0x100000u), (sgt.Sgl[0].Phys, sgt.Sgl[0].Length));
        Assert.Equal((0x88100000u, 0x10000u), (sgt.Sgl[1].Phys, sgt.Sgl[1].Length));
        Assert.Equal(0x88000002u, rig.Pgd(0x100000));
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x88100001u, rig.Pte(0x200000 + (i << 12)));
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(rig.PteAddress(0x210000)));
        Assert.Equal(KernelMemory.VMALLOC_START, area.Va);
        Assert.Equal(area.Va, Iovmm.DaToVa(rig.Isp, 0x20F000));
        Assert.True(rig.Kmem.TryTranslate(area.Va + 0x10F000, out uint cpuPa));
        Assert.Equal(0x8810F000u, cpuPa);
    }

    [Fact]
    public void Kmap_TranslatesThroughTheSectionAndTheLargePage()
    {
        var rig = new LegacyOmapRig();
        uint da = Iovmm.Kmap(rig.Isp, 0, 0x88000000, 0x110000, 0);

        OmapMmuTranslation section = rig.IspMmu.Translate(da + 0x12344);
        OmapMmuTranslation large = rig.IspMmu.Translate(da + 0x10ABCC);

        Assert.Equal((0x88012344u, 0x100000u), (section.Pa, section.PageSize));
        Assert.Equal((0x8810ABCCu, 0x10000u), (large.Pa, large.PageSize));
    }

    [Fact]
    public void Kunmap_ByAnInteriorDa_RemovesEverything()
    {
        var rig = new LegacyOmapRig();
        uint da = Iovmm.Kmap(rig.Isp, 0, 0x88000000, 0x110000, 0);
        Assert.Equal(0x100000u, da);

        Iovmm.Kunmap(rig.Isp, 0x205000);

        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0u, rig.Pgd(0x100000));
        Assert.Equal(0u, rig.Pgd(0x200000));
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
        Assert.Equal(0, rig.Kmem.VmAreaCount);
    }

    [Theory]
    [InlineData(0x100800u)] // not 4K aligned
    [InlineData(0x300000u)] // no area
    public void Kunmap_MisalignedOrUnknownDa_DoesNothing(uint da)
    {
        var rig = new LegacyOmapRig();
        Assert.Equal(0x100000u, Iovmm.Kmap(rig.Isp, 0, 0x88000000, 0x110000, 0));

        Iovmm.Kunmap(rig.Isp, da);

        Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal(0x88000002u, rig.Pgd(0x100000));
        Assert.Equal(1, rig.Kmem.VmAreaCount);
    }

    [Fact]
    public void Kunmap_OfAKmallocArea_DoesNothing()
    {
        var rig = new LegacyOmapRig();
        uint da = Iovmm.Kmalloc(rig.Isp, 0, 0x3000, 0);

        Iovmm.Kunmap(rig.Isp, da);

        Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal(1, rig.Kmem.KmallocCount);
    }

    [Fact]
    public void Kmap_FixedDa_UsesTheCallersDaForTheDecomposition()
    {
        var rig = new LegacyOmapRig();

        uint da = Iovmm.Kmap(rig.Isp, 0x00300000, 0x88000000, 0x1000000, IovmFlags.IOVMF_DA_FIXED);

        // da|pa aligned to 1M only: 16 sections rather than one supersection.
        Assert.Equal(0x00300000u, da);
        IovmArea area = Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal(0x190000u, area.Flags);
        Assert.Equal(16, area.Sgt!.Nents);
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x88000002u + (i << 20), rig.Pgd(0x00300000 + (i << 20)));
    }

    [Fact]
    public void Kmap_16MAtA16MAlignedPa_IsOneSupersection()
    {
        var rig = new LegacyOmapRig();

        uint da = Iovmm.Kmap(rig.Isp, 0, 0x89000000, 0x1000000, 0);

        Assert.Equal(0x01000000u, da);
        Assert.Equal(1, Assert.Single(rig.Isp.Instance.Mmap).Sgt!.Nents);
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x89040002u, rig.Pgd(da + (i << 20)));
    }

    [Fact]
    public void Kmalloc_0x3000_Uses4KPages()
    {
        var rig = new LegacyOmapRig();

        uint da = Iovmm.Kmalloc(rig.Isp, 0, 0x3000, 0);

        Assert.Equal(0x1000u, da);
        IovmArea area = Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal((0x1000u, 0x4000u), (area.DaStart, area.DaEnd));
        Assert.Equal(0xA0000u, area.Flags);
        uint pa = rig.Kmem.VirtToPhys(area.Va);
        Assert.Equal(area.Va, rig.Kmem.PhysToVirt(pa));
        Assert.Equal(3, area.Sgt!.Nents);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(0x1000u, area.Sgt.Sgl[i].Length);
            Assert.Equal((pa + (uint)(i << 12)) | 0x2, rig.Pte(da + (uint)(i << 12)));
        }
        Assert.Equal(1, rig.Kmem.KmallocCount);
    }

    [Fact]
    public void Kfree_RemovesTheAreaAndFreesTheMemory()
    {
        var rig = new LegacyOmapRig();
        uint da = Iovmm.Kmalloc(rig.Isp, 0, 0x3000, 0);

        Iovmm.Kfree(rig.Isp, da + 0x2000);

        Assert.Equal(0, rig.Kmem.KmallocCount);
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0u, rig.Pgd(da));
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
    }

    [Fact]
    public void Kfree_OfAKmapArea_DoesNothing()
    {
        var rig = new LegacyOmapRig();
        uint da = Iovmm.Kmap(rig.Isp, 0, 0x88000000, 0x2000, 0);
        Assert.Equal(0x1000u, da);

        Iovmm.Kfree(rig.Isp, da);

        Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal(1, rig.Kmem.VmAreaCount);
    }

    [Fact]
    public void Kmap_PaNot4KAligned_HangsTheKernel()
    {
        var rig = new LegacyOmapRig();

        Assert.Throws<KernelBugException>(() => Iovmm.Kmap(rig.Isp, 0, 0x88000800, 0x1000, 0));
    }

    [Fact]
    public void Kmap_LaterLargeEntryOnAMisalignedDa_FailsWithEnomem()
    {
        // §8.13: the sg entries come from (caller da, pa) = (0x80000, 0x88080000): 8 x 64K, then 1M.
        // The caller's da is not IOVMF_DA_FIXED, so the area is placed anonymously at 0x100000
        // (aligned to iopgsz_max(0x180000) = 1M) and the 1M entry lands at 0x180000.
        var rig = new LegacyOmapRig();

        uint ret = Iovmm.Kmap(rig.Isp, 0x80000, 0x88080000, 0x180000, 0);

        Assert.Equal(0xFFFFFFF4u, ret);
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0u, rig.Pgd(0x100000)); // the eight 64K pages were rolled back, their table freed
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
        Assert.Equal(0, rig.Kmem.VmAreaCount); // iounmapped
    }

    [Fact]
    public void Kmap_ZeroBytes_ReturnsEinval()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(0xFFFFFFEAu, Iovmm.Kmap(rig.Isp, 0, 0x88000000, 0, 0));
    }

    [Fact]
    public void Kmap_IoremapFailure_ReturnsEnomem()
    {
        var rig = new LegacyOmapRig();
        rig.Kmem.IoremapFaults.FailAlways();

        Assert.Equal(0xFFFFFFF4u, Iovmm.Kmap(rig.Isp, 0, 0x88000000, 0x1000, 0));
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Theory]
    [InlineData(1)] // the sg table
    [InlineData(2)] // the area descriptor
    public void Kmap_KzallocFailure_ReturnsEnomem_AndIounmaps(int failingCall)
    {
        var rig = new LegacyOmapRig();
        rig.Kmem.KzallocFaults.FailAt(failingCall);

        Assert.Equal(0xFFFFFFF4u, Iovmm.Kmap(rig.Isp, 0, 0x88000000, 0x110000, 0));
        Assert.Equal(0, rig.Kmem.VmAreaCount);
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0u, rig.Pgd(0x100000));
    }

    [Fact]
    public void Kmalloc_MemoryFailure_ReturnsEnomem()
    {
        var rig = new LegacyOmapRig();
        rig.Kmem.KzallocFaults.FailAt(1); // kmalloc itself

        Assert.Equal(0xFFFFFFF4u, Iovmm.Kmalloc(rig.Isp, 0, 0x3000, 0));
        Assert.Equal(0, rig.Kmem.KmallocCount);
    }

    [Fact]
    public void Kmalloc_MappingFailure_FreesTheMemory()
    {
        var rig = new LegacyOmapRig();
        rig.Driver.L2Cache.Faults.FailAt(1);

        Assert.Equal(0xFFFFFFF4u, Iovmm.Kmalloc(rig.Isp, 0, 0x3000, 0));
        Assert.Equal(0, rig.Kmem.KmallocCount);
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Fact]
    public void LinearAnonymousAreas_FollowTheAllocatorExample()
    {
        // §5.4 example: 0x3000, 0x1000, 0x10000 LINEAR, 0x200000 LINEAR -> 0x1000, 0x5000, 0x10000, 0x100000.
        var rig = new LegacyOmapRig();

        uint a = Iovmm.Vmalloc(rig.Isp, 0, 0x3000, 0);
        uint b = Iovmm.Vmalloc(rig.Isp, 0, 0x1000, 0);
        uint c = Iovmm.Kmap(rig.Isp, 0, 0x88010000, 0x10000, 0);
        uint d = Iovmm.Kmap(rig.Isp, 0, 0x88200000, 0x200000, 0);

        Assert.Equal(new uint[] { 0x1000, 0x5000, 0x10000, 0x100000 }, new[] { a, b, c, d });
        Assert.Equal(0x88010001u, rig.Pte(0x10000));
        Assert.Equal(0x88200002u, rig.Pgd(0x100000));
        Assert.Equal(0x88300002u, rig.Pgd(0x200000));
    }
}
