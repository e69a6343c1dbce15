using Generic.Iommu;
using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Generic.Omap.Tests;

/// <summary>drivers/iommu/omap-iovmm.c of 3.3 on the generic API (omap.md §5, §7.2, §7.5, §7.7, §8.16-19, §8.24).</summary>
public class OmapIovmmTests
{
    private const uint EINVAL = 0xFFFFFFEA; // -22 as u32
    private const uint ENOMEM = 0xFFFFFFF4; // -12 as u32

    private static Scatterlist Sg(uint page, uint length, uint offset = 0)
    {
        var sg = new Scatterlist();
        sg.SetPage(page, length, offset);
        return sg;
    }

    private static SgTable Table(params Scatterlist[] entries) => SgTable.FromEntries(entries);

    [Fact]
    public void Vmap_ThreePages_Anonymous_Returns0x1000_AndMapsThroughDomainAndHardware()
    {
        var rig = new GenericOmapRig();
        SgTable sgt = Table(Sg(0x50001000, 0x1000), Sg(0x50005000, 0x1000), Sg(0x50003000, 0x1000));

        uint da = OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, sgt, 0);

        Assert.Equal(0x1000u, da);
        IovmArea area = Assert.IsType<IovmArea>(OmapIovmm.FindIovmArea(rig.IspClient, 0x3FFF));
        Assert.Equal(0x1000u, area.DaStart);
        Assert.Equal(0x4000u, area.DaEnd);
        Assert.Equal(0x50000u, area.Flags); // DISCONT | MMIO
        Assert.Same(sgt, area.Sgt);
        Assert.Equal(0u, OmapIovmm.DaToVa(rig.IspClient, 0x1000)); // no IOVMF_MMIO from the caller: no kernel mapping (§8.17)
        Assert.Equal(0x50001123u, IommuApi.IovaToPhys(rig.Domain, 0x1123));
        Assert.Equal(0x50005000u, IommuApi.IovaToPhys(rig.Domain, 0x2000));
        Assert.Equal(0x50003FFFu, IommuApi.IovaToPhys(rig.Domain, 0x3FFF));
        Assert.Equal(0u, IommuApi.IovaToPhys(rig.Domain, 0x4000));
        Assert.Equal(0x50005002u, rig.Pte(0x2000)); // small page, attributes 0

        OmapMmuTranslation t = rig.IspMmu.Translate(0x2ABC);
        Assert.Equal(OmapMmuOutcome.Walked, t.Outcome);
        Assert.Equal(0x50005ABCu, t.Pa);
        Assert.Equal(OmapMmuOutcome.Fault, rig.IspMmu.Translate(0x4000).Outcome);
    }

    [Fact]
    public void Vmap_UserptrFirstEntryOffset_Returns0x1100_AndMapsThePageBases()
    {
        var rig = new GenericOmapRig();
        SgTable sgt = Table(Sg(0x50010000, 0xF00, 0x100), Sg(0x50020000, 0x1000));

        uint da = OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, sgt, 0);

        Assert.Equal(0x1100u, da); // area start + first offset (§7.7)
        IovmArea area = Assert.IsType<IovmArea>(OmapIovmm.FindIovmArea(rig.IspClient, da));
        Assert.Equal(0x1000u, area.DaStart);
        Assert.Equal(0x3000u, area.DaEnd);
        Assert.Equal(0x50010000u, IommuApi.IovaToPhys(rig.Domain, 0x1000));
        Assert.Equal(0x50010100u, IommuApi.IovaToPhys(rig.Domain, 0x1100));
        Assert.Equal(0x50020FFFu, IommuApi.IovaToPhys(rig.Domain, 0x2FFF));
        Assert.Equal(0x50010100u, rig.IspMmu.Translate(da).Pa);
    }

    [Fact]
    public void Vmap_OffsetOnALaterEntry_IsEinval_AndNothingIsAllocated()
    {
        var rig = new GenericOmapRig();
        SgTable sgt = Table(Sg(0x50010000, 0x1000), Sg(0x50020000, 0xF00, 0x100));

        Assert.Equal(EINVAL, OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, sgt, 0));

        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.True(rig.L1TableIsZero());
    }

    [Fact]
    public void Vmap_EntrySizeNotAPageSize_IsEinval()
    {
        var rig = new GenericOmapRig();

        // length + offset = 0x1100: not 4K/64K/1M/16M.
        Assert.Equal(EINVAL, OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, Table(Sg(0x50010000, 0x1000, 0x100)), 0));
        Assert.Equal(EINVAL, OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, null, 0));
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Fact]
    public void Vmap_64KEntryAt4KOnlyAlignedAreaStart_IsSplitInto4KPages_AndSucceeds()
    {
        var rig = new GenericOmapRig();
        SgTable sgt = Table(Sg(0x50010000, 0x10000));

        uint da = OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, sgt, 0);

        Assert.Equal(0x1000u, da); // 3.0 would return -ENOMEM (§7.5)
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x50010002u + (i << 12), rig.Pte(0x1000 + (i << 12))); // sixteen distinct 4K PTEs, not a large page
        Assert.Equal(0x5001FFFFu, IommuApi.IovaToPhys(rig.Domain, 0x10FFF));

        // unmap_iovm_area: iommu_unmap(0x1000, 64K) gets 16 × 4K back, no BUG; the emptied L2 table is freed.
        Assert.Same(sgt, OmapIovmm.Vunmap(rig.Domain, rig.IspClient, 0x1000));
        Assert.True(rig.L1TableIsZero());
        Assert.Equal(0, rig.Isp.Instance.L2Cache.LiveObjects);
    }

    [Fact]
    public void Vunmap_WithTheOffsetDa_StripsTheOffset_AndReturnsTheCallersSgt()
    {
        var rig = new GenericOmapRig();
        SgTable sgt = Table(Sg(0x50010000, 0xF00, 0x100), Sg(0x50020000, 0x1000));
        uint da = OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, sgt, 0);
        Assert.Equal(0x1100u, da);

        Assert.Same(sgt, OmapIovmm.Vunmap(rig.Domain, rig.IspClient, da));

        Assert.Null(OmapIovmm.FindIovmArea(rig.IspClient, 0x1000));
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0u, IommuApi.IovaToPhys(rig.Domain, 0x1100));
        Assert.True(rig.L1TableIsZero());
        Assert.Null(OmapIovmm.Vunmap(rig.Domain, rig.IspClient, da)); // already gone
    }

    [Fact]
    public void Vmap_AllocationFailureWithOffset_ReturnsErrnoPlusOffset_WhichIsNoLongerAnErrorValue()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0x1000u, OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, Table(Sg(0x50001000, 0x1000)), 0));

        // IOVMF_DA_FIXED over the existing area: alloc_iovm_area -EINVAL, then + 0x100 (§8.24).
        uint ret = OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0x1000, Table(Sg(0x50010000, 0xF00, 0x100)), IovmFlags.IOVMF_DA_FIXED);

        Assert.Equal(0xEAu, ret); // 0xFFFFFFEA + 0x100 wraps
        Assert.False(ErrValue.IsErrValue(ret));
        Assert.Single(rig.Isp.Instance.Mmap);
    }

    [Fact]
    public void Vmap_MapFailureOnSecondEntry_RollsBackTheFirst_AndReturnsEnomemPlusOffset()
    {
        var rig = new GenericOmapRig();
        // Fixed at 0xFF000: entry 0 in L1 slot 0, entry 1 at 0x100000 needs a second L2 table, which fails.
        rig.Isp.Instance.L2Cache.Faults.FailAt(2);
        SgTable sgt = Table(Sg(0x50010000, 0xF00, 0x100), Sg(0x50020000, 0x1000));

        uint ret = OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0xFF000, sgt, IovmFlags.IOVMF_DA_FIXED);

        Assert.Equal(0xF4u, ret); // -ENOMEM (0xFFFFFFF4) + 0x100
        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.True(rig.L1TableIsZero()); // entry 0 unmapped with its own size; its L2 table freed
        Assert.Equal(0, rig.Isp.Instance.L2Cache.LiveObjects);
    }

    [Fact]
    public void Vmap_MapFailureWithoutOffset_IsEnomem()
    {
        var rig = new GenericOmapRig();
        rig.Isp.Instance.L2Cache.Faults.FailAt(1);

        Assert.Equal(ENOMEM, OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, Table(Sg(0x50010000, 0x1000)), 0));
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Fact]
    public void Vmalloc_0x1001Bytes_MapsTwoPages_DaToVaIsTheAreaStart_VfreeRemovesIt()
    {
        var rig = new GenericOmapRig();
        int vmAreasBefore = rig.Kmem.VmAreaCount;

        uint da = OmapIovmm.Vmalloc(rig.Domain, rig.IspClient, 0, 0x1001, 0);

        Assert.Equal(0x1000u, da);
        IovmArea area = Assert.IsType<IovmArea>(OmapIovmm.FindIovmArea(rig.IspClient, 0x1000));
        Assert.Equal(0x3000u, area.DaEnd);
        Assert.Equal(0x60000u, area.Flags); // DISCONT | ALLOC
        Assert.Equal(2, area.Sgt!.Nents);
        uint va = area.Va;
        Assert.InRange(va, KernelMemory.VMALLOC_START, KernelMemory.VMALLOC_END - 1);
        Assert.Equal(va, OmapIovmm.DaToVa(rig.IspClient, 0x2ABC)); // start va, not va + 0x1ABC (§8.17)
        Assert.Equal(rig.Kmem.VmallocToPhys(va) | 0x123, IommuApi.IovaToPhys(rig.Domain, 0x1123));
        Assert.Equal(rig.Kmem.VmallocToPhys(va + 0x1000) | 0xFFF, IommuApi.IovaToPhys(rig.Domain, 0x2FFF));
        Assert.Equal(0u, IommuApi.IovaToPhys(rig.Domain, 0x3000));
        Assert.Equal(vmAreasBefore + 1, rig.Kmem.VmAreaCount);

        OmapIovmm.Vfree(rig.Domain, rig.IspClient, 0x1000);

        Assert.Null(OmapIovmm.FindIovmArea(rig.IspClient, 0x1000));
        Assert.Equal(0u, OmapIovmm.DaToVa(rig.IspClient, 0x1000));
        Assert.Equal(vmAreasBefore, rig.Kmem.VmAreaCount);
        Assert.True(rig.L1TableIsZero());
    }

    [Fact]
    public void Vmalloc_ZeroBytes_IsEinval_AndVmallocFailureIsEnomem()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(EINVAL, OmapIovmm.Vmalloc(rig.Domain, rig.IspClient, 0, 0, 0));
        rig.Kmem.VmallocFaults.FailAt(1);
        Assert.Equal(ENOMEM, OmapIovmm.Vmalloc(rig.Domain, rig.IspClient, 0, 0x1000, 0));
        Assert.Empty(rig.Isp.Instance.Mmap);
    }

    [Fact]
    public void UnmapByInteriorDa_RemovesTheWholeArea()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0x1000u, OmapIovmm.Vmalloc(rig.Domain, rig.IspClient, 0, 0x3000, 0));
        SgTable sgt = Table(Sg(0x50001000, 0x1000), Sg(0x50002000, 0x1000));
        Assert.Equal(0x5000u, OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, sgt, 0)); // guard page after [0x1000, 0x4000)

        OmapIovmm.Vfree(rig.Domain, rig.IspClient, 0x1800); // not 4K aligned: nothing (§8.16)
        Assert.Equal(2, rig.Isp.Instance.Mmap.Count);

        OmapIovmm.Vfree(rig.Domain, rig.IspClient, 0x3000);
        Assert.Same(sgt, OmapIovmm.Vunmap(rig.Domain, rig.IspClient, 0x6000));

        Assert.Empty(rig.Isp.Instance.Mmap);
        Assert.Equal(0u, IommuApi.IovaToPhys(rig.Domain, 0x1000));
        Assert.Equal(0u, IommuApi.IovaToPhys(rig.Domain, 0x5000));
        Assert.True(rig.L1TableIsZero());
    }

    [Fact]
    public void WrongFlags_VunmapOfVmallocArea_ReturnsNull_AndVfreeOfVmapAreaDoesNothing()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0x1000u, OmapIovmm.Vmalloc(rig.Domain, rig.IspClient, 0, 0x1000, 0));
        Assert.Equal(0x3000u, OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, Table(Sg(0x50001000, 0x1000)), 0));
        uint pa = IommuApi.IovaToPhys(rig.Domain, 0x1000);
        Assert.NotEqual(0u, pa);

        Assert.Null(OmapIovmm.Vunmap(rig.Domain, rig.IspClient, 0x1000));
        OmapIovmm.Vfree(rig.Domain, rig.IspClient, 0x3000);

        Assert.Equal(2, rig.Isp.Instance.Mmap.Count);
        Assert.Equal(pa, IommuApi.IovaToPhys(rig.Domain, 0x1000));
        Assert.Equal(0x50001000u, IommuApi.IovaToPhys(rig.Domain, 0x3000));
    }

    [Fact]
    public void Detach_ClearsTheTableButNotTheAreaList_ALaterVmapSkipsTheOldArea()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0x1000u, OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, Table(Sg(0x50001000, 0x1000)), 0));

        IommuApi.DetachDevice(rig.Domain, rig.IspClient);

        Assert.True(rig.L1TableIsZero());
        Assert.Single(rig.Isp.Instance.Mmap); // §8.19
        Assert.Null(rig.IspArchData.IommuDev);
        Assert.Equal(EINVAL, OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, Table(Sg(0x50002000, 0x1000)), 0)); // !obj
        Assert.Throws<KernelBugException>(() => OmapIovmm.FindIovmArea(rig.IspClient, 0x1000)); // NULL obj->mmap_lock

        Assert.Equal(0, IommuApi.AttachDevice(rig.Domain, rig.IspClient));
        uint da = OmapIovmm.Vmap(rig.Domain, rig.IspClient, 0, Table(Sg(0x50002000, 0x1000)), 0);

        Assert.Equal(0x3000u, da); // the stale [0x1000, 0x2000) area and its guard page are skipped
        Assert.Equal(0u, IommuApi.IovaToPhys(rig.Domain, 0x1000)); // the stale area is not mapped any more
        Assert.Equal(0x50002000u, IommuApi.IovaToPhys(rig.Domain, 0x3000));
        Assert.Equal(2, rig.Isp.Instance.Mmap.Count);
    }

    [Fact]
    public void ClientWithoutArchData_IsANullDereference()
    {
        var rig = new GenericOmapRig();
        var bare = new Device("bare");

        Assert.Throws<KernelBugException>(() => OmapIovmm.Vmap(rig.Domain, bare, 0, Table(Sg(0x50001000, 0x1000)), 0));
        Assert.Throws<KernelBugException>(() => OmapIovmm.DaToVa(bare, 0x1000));
    }
}
