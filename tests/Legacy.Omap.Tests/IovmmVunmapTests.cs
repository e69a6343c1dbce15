using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Legacy.Omap.Tests;

/// <summary>iommu_vunmap (omap.md §5.6, §5.7, §8.16).</summary>
public class IovmmVunmapTests
{
    [Theory]
    [InlineData(0x1000u)]
    [InlineData(0x2000u)]
    [InlineData(0x3000u)]
    public void AnyPageAlignedDaInside_RemovesTheWholeArea_AndReturnsTheCallersSgt(uint da)
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(3, out _);
        Assert.Equal(0x1000u, Iovmm.Vmap(rig.Isp, 0, sgt, 0));

        SgTable? returned = Iovmm.Vunmap(rig.Isp, da);

        Assert.Same(sgt, returned);
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Null(Iovmm.FindIovmArea(rig.Isp, 0x1000));
        for (uint d = 0x1000; d < 0x4000; d += 0x1000)
        {
            IopgTable.LookupEntry(rig.Isp, d, out uint ppgd, out uint ppte);
            Assert.Equal(0u, ppte);
            Assert.Equal(0u, rig.Soc.Memory.ReadWord(ppgd));
        }
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
        Assert.Equal(OmapMmuOutcome.Fault, rig.IspMmu.Translate(0x2000).Outcome);
    }

    [Fact]
    public void LargePageArea_IsClearedWhole()
    {
        var rig = new LegacyOmapRig();
        uint pa = rig.AllocPages(order: 4);
        SgTable sgt = LegacyOmapRig.Sg((pa, 0x10000));
        Assert.Equal(0x00400000u, Iovmm.Vmap(rig.Isp, 0x00400000, sgt, IovmFlags.IOVMF_DA_FIXED));

        Assert.Same(sgt, Iovmm.Vunmap(rig.Isp, 0x0040F000));

        Assert.Equal(0u, rig.Pgd(0x00400000));
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Fact]
    public void MmioArea_ReleasesItsKernelMapping()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(2, out _);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, IovmFlags.IOVMF_MMIO);
        Assert.Equal(1, rig.Kmem.VmAreaCount);

        Assert.Same(sgt, Iovmm.Vunmap(rig.Isp, da + 0x1000));

        Assert.Equal(0, rig.Kmem.VmAreaCount);
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Theory]
    [InlineData(0x1800u)] // not 4K aligned
    [InlineData(0x1004u)]
    [InlineData(0x4000u)] // da_end is exclusive
    [InlineData(0x9000u)] // no area
    [InlineData(0x0u)]
    public void MisalignedOrUnknownDa_ReturnsNullAndChangesNothing(uint da)
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(3, out uint[] pages);
        Assert.Equal(0x1000u, Iovmm.Vmap(rig.Isp, 0, sgt, 0));

        Assert.Null(Iovmm.Vunmap(rig.Isp, da));

        IovmArea area = Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal((0x1000u, 0x4000u), (area.DaStart, area.DaEnd));
        for (uint i = 0; i < 3; i++)
            Assert.Equal(pages[i] | 0x2, rig.Pte(0x1000 + (i << 12)));
    }

    [Fact]
    public void VmallocArea_HasTheWrongFlags_ReturnsNullAndChangesNothing()
    {
        var rig = new LegacyOmapRig();
        uint da = Iovmm.Vmalloc(rig.Isp, 0, 0x2000, 0);
        Assert.Equal(0x1000u, da);
        uint pte = rig.Pte(da);

        Assert.Null(Iovmm.Vunmap(rig.Isp, da));

        IovmArea area = Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal(0x60000u, area.Flags);
        Assert.Equal(pte, rig.Pte(da));
        Assert.Equal(1, rig.Kmem.VmAreaCount);
    }

    [Fact]
    public void KmapArea_LacksDiscont_ReturnsNull()
    {
        var rig = new LegacyOmapRig();
        uint da = Iovmm.Kmap(rig.Isp, 0, 0x88000000, 0x1000, 0);
        Assert.Equal(0x1000u, da);

        Assert.Null(Iovmm.Vunmap(rig.Isp, da));

        Assert.Single(rig.Isp.Instance.Mmap);
    }

    [Fact]
    public void SecondVunmapOfTheSameArea_ReturnsNull()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out _);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        Assert.Same(sgt, Iovmm.Vunmap(rig.Isp, da));

        Assert.Null(Iovmm.Vunmap(rig.Isp, da));
    }

    [Fact]
    public void OnlyTheAreaContainingDa_IsRemoved()
    {
        var rig = new LegacyOmapRig();
        SgTable first = rig.SgOfPages(1, out _);
        SgTable second = rig.SgOfPages(1, out uint[] secondPages);
        Assert.Equal(0x1000u, Iovmm.Vmap(rig.Isp, 0, first, 0));
        Assert.Equal(0x3000u, Iovmm.Vmap(rig.Isp, 0, second, 0));

        Assert.Same(first, Iovmm.Vunmap(rig.Isp, 0x1000));

        IovmArea left = Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Same(second, left.Sgt);
        Assert.Equal(secondPages[0] | 0x2, rig.Pte(0x3000));
        Assert.Equal(1, rig.Driver.L2Cache.LiveObjects);
    }
}
