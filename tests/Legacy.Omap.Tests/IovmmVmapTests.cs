using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Legacy.Omap.Tests;

/// <summary>iommu_vmap (omap.md §1.3, §5.2-§5.5, §5.7, §6, §8.11-§8.18).</summary>
public class IovmmVmapTests
{
    [Fact]
    public void FourKList_MapsAt0x1000_WithVmapFlagsAndNoKernelVa()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out uint[] pages);

        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);

        Assert.Equal(0x1000u, da);
        IovmArea area = Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal(0x1000u, area.DaStart);
        Assert.Equal(0x2000u, area.DaEnd);
        Assert.Equal(0x50000u, area.Flags);
        Assert.Equal(0u, area.Va);
        Assert.Same(sgt, area.Sgt);
        Assert.Same(area, Iovmm.FindIovmArea(rig.Isp, 0x1FFF));
        Assert.Equal(0u, Iovmm.DaToVa(rig.Isp, da)); // NULL: the omap3isp video case (§8.17)
        Assert.Equal((pages[0] & 0xFFFFF000) | 0x2, rig.Pte(da));
        Assert.Equal(0, rig.Kmem.VmAreaCount);
    }

    [Fact]
    public void CallerFlags_AreOredIntoTheAreaFlags_AndAttributesReachThePte()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out uint[] pages);

        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, IovmFlags.IOVMF_ENDIAN_BIG);

        Assert.Equal(0x1000u, da);
        Assert.Equal(0x50200u, Iovmm.FindIovmArea(rig.Isp, da)!.Flags);
        Assert.Equal(pages[0] | 0x200 | 0x2, rig.Pte(da)); // E at bit 9 of a small page
        OmapMmuTranslation t = rig.IspMmu.Translate(da);
        Assert.Equal(0x200u, t.RamAttributes);
    }

    [Fact]
    public void WithMmio_CreatesAKernelMappingOfTheSgPages()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(2, out uint[] pages);

        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, IovmFlags.IOVMF_MMIO);

        Assert.Equal(0x1000u, da);
        IovmArea area = Iovmm.FindIovmArea(rig.Isp, da)!;
        Assert.Equal(0x50000u, area.Flags);
        Assert.Equal(KernelMemory.VMALLOC_START, area.Va);
        Assert.Equal(area.Va, Iovmm.DaToVa(rig.Isp, da + 0x1000)); // the area start (§8.17)
        Assert.True(rig.Kmem.TryTranslate(area.Va + 0x1004, out uint pa));
        Assert.Equal(pages[1] + 4, pa);
        Assert.Equal(1, rig.Kmem.VmAreaCount);
    }

    [Fact]
    public void OneIommuPagePerEntry_WithExactPteValues()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(4, out uint[] pages);

        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);

        Assert.Equal(0x1000u, da);
        for (uint i = 0; i < 4; i++)
            Assert.Equal((pages[i] & 0xFFFFF000) | 0x2, rig.Pte(da + (i << 12)));
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(rig.PteAddress(0x5000))); // nothing past the area
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(rig.PteAddress(0x0000)));
    }

    [Fact]
    public void EntryWithPageOffset_DropsTheLowPaBits()
    {
        var rig = new LegacyOmapRig();
        uint page = rig.AllocPages();
        var sgl = new Scatterlist[1];
        sgl[0].SetPage(page, 0x1000, 0x10); // 3.0: size = length, pa = sg_phys = page + offset

        uint da = Iovmm.Vmap(rig.Isp, 0, SgTable.FromEntries(sgl), 0);

        Assert.Equal(0x1000u, da);
        Assert.Equal(page | 0x2, rig.Pte(da));
    }

    [Fact]
    public void SixtyFourKEntry_AtAnAnonymous4KAlignedStart_FailsWithEnomem_AndLeavesNoMappingOrArea()
    {
        var rig = new LegacyOmapRig();
        uint pa = rig.AllocPages(order: 4); // 64K aligned
        SgTable sgt = LegacyOmapRig.Sg((pa, 0x10000));

        uint ret = Iovmm.Vmap(rig.Isp, 0, sgt, 0);

        Assert.Equal(0xFFFFFFF4u, ret);
        Assert.Equal(-12, ErrValue.ToErrno(ret));
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Null(Iovmm.FindIovmArea(rig.Isp, 0x1000));
        for (uint da = 0x1000; da < 0x11000; da += 0x1000)
            Assert.Equal(0u, rig.Soc.Memory.ReadWord(rig.PteAddress(da)));
        // §5.5 item 4 / §8.5: the L2 table the failing large-page store allocated stays installed, empty.
        Assert.Equal(1, rig.Driver.L2Cache.LiveObjects);
        Assert.Equal(1u, rig.Pgd(0x1000) & 3);
        Assert.Equal(OmapMmuOutcome.Fault, rig.IspMmu.Translate(0x1000).Outcome);
    }

    [Fact]
    public void SixtyFourKEntry_AtAFixed64KAlignedDa_MapsAsALargePage()
    {
        var rig = new LegacyOmapRig();
        uint pa = rig.AllocPages(order: 4);
        SgTable sgt = LegacyOmapRig.Sg((pa, 0x10000));

        uint da = Iovmm.Vmap(rig.Isp, 0x00120000, sgt, IovmFlags.IOVMF_DA_FIXED);

        Assert.Equal(0x00120000u, da);
        Assert.Equal(0x150000u, Iovmm.FindIovmArea(rig.Isp, da)!.Flags);
        for (uint i = 0; i < 16; i++)
            Assert.Equal((pa & 0xFFFF0000) | 0x1, rig.Pte(da + (i << 12)));
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(rig.PteAddress(0x00130000)));
        OmapMmuTranslation t = rig.IspMmu.Translate(0x0012F00C);
        Assert.Equal(pa + 0xF00C, t.Pa);
        Assert.Equal(0x10000u, t.PageSize);
    }

    [Fact]
    public void OneMegEntry_AtAFixed1MAlignedDa_MapsAsASection()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = LegacyOmapRig.Sg((0x88100000, 0x100000));

        uint da = Iovmm.Vmap(rig.Isp, 0x00300000, sgt, IovmFlags.IOVMF_DA_FIXED);

        Assert.Equal(0x00300000u, da);
        Assert.Equal(0x88100002u, rig.Pgd(da));
        Assert.Equal(0u, rig.PteAddress(da));
    }

    [Fact]
    public void SixteenMegEntry_AtAFixed16MAlignedDa_MapsAsASupersection()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = LegacyOmapRig.Sg((0x89000000, 0x1000000));

        uint da = Iovmm.Vmap(rig.Isp, 0x02000000, sgt, IovmFlags.IOVMF_DA_FIXED);

        Assert.Equal(0x02000000u, da);
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x89040002u, rig.Pgd(da + (i << 20)));
        Assert.Equal(0u, rig.Pgd(0x03000000));
    }

    [Fact]
    public void NullSgTable_ReturnsEinval()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmap(rig.Isp, 0, null, 0));
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Fact]
    public void NullIommu_ReturnsEinval()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out _);

        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmap(null, 0, sgt, 0));
    }

    [Theory]
    [InlineData(0x800u)]
    [InlineData(0x2000u)]
    [InlineData(0x0u)]
    public void EntryWhoseLengthIsNotAPageSize_ReturnsEinval(uint length)
    {
        var rig = new LegacyOmapRig();
        uint page = rig.AllocPages(order: 1);
        SgTable sgt = LegacyOmapRig.Sg((page, 0x1000), (page + 0x1000, length));

        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmap(rig.Isp, 0, sgt, 0));
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0u, rig.Pgd(0x1000));
    }

    [Fact]
    public void FirstUserPtrEntryWithOffset_ReturnsEinval()
    {
        // omap3isp USERPTR buffer with a non-zero page offset: first entry length 4K - offset (§6.2).
        var rig = new LegacyOmapRig();
        uint page = rig.AllocPages(order: 1);
        var sgl = new Scatterlist[2];
        sgl[0].SetPage(page, 0x1000 - 0x100, 0x100);
        sgl[1].SetPage(page + 0x1000, 0x1000, 0);

        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmap(rig.Isp, 0, SgTable.FromEntries(sgl), 0));
    }

    [Theory]
    [InlineData(0xFFFFF000u)]
    [InlineData(0xFFFFE800u)]
    public void FixedDaOutsideTheRange_ReturnsEinval(uint da)
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(2, out _);

        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmap(rig.Isp, da, sgt, IovmFlags.IOVMF_DA_FIXED));
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Fact]
    public void FixedDaBelowDaStartOnIva2_ReturnsEinval()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out _);

        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmap(rig.Iva2, 0x10FFF000, sgt, IovmFlags.IOVMF_DA_FIXED));
        Assert.Empty(rig.Iva2.Instance.Mmap);
    }

    [Fact]
    public void AnonymousOnIva2_StartsAtDaStart()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out uint[] pages);

        uint da = Iovmm.Vmap(rig.Iva2, 0, sgt, 0);

        Assert.Equal(0x11000000u, da);
        Assert.Equal(0x11002000u, Iovmm.Vmap(rig.Iva2, 0, rig.SgOfPages(1, out _), 0));
        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmap(rig.Iva2, 0x11000000, rig.SgOfPages(1, out _), IovmFlags.IOVMF_DA_FIXED));
        Assert.Empty(rig.Isp.Instance.Mmap);
        IopgTable.LookupEntry(rig.Iva2, da, out _, out uint ppte);
        Assert.Equal(pages[0] | 0x2, rig.Soc.Memory.ReadWord(ppte));
    }

    [Fact]
    public void NonZeroDaWithoutFixed_IsIgnored()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out _);

        Assert.Equal(0x1000u, Iovmm.Vmap(rig.Isp, 0x50000000, sgt, 0));
    }

    [Fact]
    public void FixedDaZero_IsAllowed()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out uint[] pages);

        Assert.Equal(0u, Iovmm.Vmap(rig.Isp, 0, sgt, IovmFlags.IOVMF_DA_FIXED));
        Assert.Equal(pages[0] | 0x2, rig.Pte(0));
    }

    [Fact]
    public void SecondVmap_SkipsAGuardPage()
    {
        var rig = new LegacyOmapRig();

        uint first = Iovmm.Vmap(rig.Isp, 0, rig.SgOfPages(1, out _), 0);
        uint second = Iovmm.Vmap(rig.Isp, 0, rig.SgOfPages(1, out _), 0);

        Assert.Equal(0x1000u, first);
        Assert.Equal(0x3000u, second);
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(rig.PteAddress(0x2000)));
        Assert.Equal(new uint[] { 0x1000, 0x3000 }, rig.Isp.Instance.Mmap.Select(a => a.DaStart));
    }

    [Fact]
    public void FreedHole_IsReusedFirstFit()
    {
        var rig = new LegacyOmapRig();
        uint a = Iovmm.Vmap(rig.Isp, 0, rig.SgOfPages(3, out _), 0);
        uint b = Iovmm.Vmap(rig.Isp, 0, rig.SgOfPages(1, out _), 0);
        Assert.Equal((0x1000u, 0x5000u), (a, b));
        Assert.NotNull(Iovmm.Vunmap(rig.Isp, a));

        Assert.Equal(0x1000u, Iovmm.Vmap(rig.Isp, 0, rig.SgOfPages(1, out _), 0));
    }

    [Fact]
    public void FailureOnTheSecondEntry_RollsBackTheFirst()
    {
        var rig = new LegacyOmapRig();
        uint page = rig.AllocPages();
        SgTable sgt = LegacyOmapRig.Sg((page, 0x1000), (0x88000000, 0x100000)); // 1M entry lands at da 0x2000

        uint ret = Iovmm.Vmap(rig.Isp, 0, sgt, 0);

        Assert.Equal(0xFFFFFFF4u, ret);
        Assert.Empty(rig.Isp.Instance.Mmap);
        IopgTable.LookupEntry(rig.Isp, 0x1000, out uint ppgd, out uint ppte);
        Assert.Equal(0u, ppte); // the emptied L2 table was freed and its L1 entry zeroed
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(ppgd));
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
    }

    [Fact]
    public void FailureOnTheThirdEntry_RollsBackExactlyTheEntriesStoredBefore()
    {
        var rig = new LegacyOmapRig();
        uint other = Iovmm.Vmap(rig.Isp, 0x00010000, rig.SgOfPages(1, out uint[] kept), IovmFlags.IOVMF_DA_FIXED);
        Assert.Equal(0x00010000u, other);
        uint pages = rig.AllocPages(order: 1);
        uint big = rig.AllocPages(order: 4);
        SgTable sgt = LegacyOmapRig.Sg((pages, 0x1000), (pages + 0x1000, 0x1000), (big, 0x10000));

        uint ret = Iovmm.Vmap(rig.Isp, 0, sgt, 0);

        // The anonymous area went after the fixed one (guard page): 4K at 0x12000, 4K at 0x13000, 64K at 0x14000 fails.
        Assert.Equal(0xFFFFFFF4u, ret);
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(rig.PteAddress(0x12000)));
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(rig.PteAddress(0x13000)));
        Assert.Equal(kept[0] | 0x2, rig.Pte(0x00010000)); // the neighbour's mapping is untouched
        IovmArea remaining = Assert.Single(rig.Isp.Instance.Mmap);
        Assert.Equal(0x00010000u, remaining.DaStart);
        Assert.Equal(1, rig.Driver.L2Cache.LiveObjects);
    }

    [Fact]
    public void MmioWithAMappingFailure_ReleasesTheKernelMapping()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out _);
        rig.Driver.L2Cache.Faults.FailAt(1);

        uint ret = Iovmm.Vmap(rig.Isp, 0, sgt, IovmFlags.IOVMF_MMIO);

        Assert.Equal(0xFFFFFFF4u, ret);
        Assert.Equal(0, rig.Kmem.VmAreaCount);
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0u, rig.Pgd(0x1000));
    }

    [Fact]
    public void MmioPageMappingFailure_ReturnsEagain()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(2, out _);
        rig.Kmem.VmapFaults.FailAt(2);

        uint ret = Iovmm.Vmap(rig.Isp, 0, sgt, IovmFlags.IOVMF_MMIO);

        Assert.Equal(0xFFFFFFF5u, ret);
        Assert.Equal(0, rig.Kmem.VmAreaCount);
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Fact]
    public void DescriptorAllocationFailure_ReturnsEnomem()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out _);
        rig.Kmem.KzallocFaults.FailAt(1);

        Assert.Equal(0xFFFFFFF4u, Iovmm.Vmap(rig.Isp, 0, sgt, 0));
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0u, rig.Pgd(0x1000));
    }

    [Fact]
    public void OverlappingFixedDa_ReturnsEinval()
    {
        var rig = new LegacyOmapRig();
        Assert.Equal(0x1000u, Iovmm.Vmap(rig.Isp, 0, rig.SgOfPages(2, out _), 0));

        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmap(rig.Isp, 0x2000, rig.SgOfPages(1, out _), IovmFlags.IOVMF_DA_FIXED));
        Assert.Equal(0x3000u, Iovmm.Vmap(rig.Isp, 0x3000, rig.SgOfPages(1, out _), IovmFlags.IOVMF_DA_FIXED)); // adjacent is fine
    }
}
