using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Legacy.Omap.Tests;

/// <summary>
/// End to end: mappings made through the 3.0 driver, translated by the simulated MMU (TLB + hardware
/// walker), including stale TLB entries when the table changes without a flush (omap.md §2.3-§2.5, §4.4, §8.6).
/// </summary>
public class AcceptanceWalkTests
{
    [Fact]
    public void VmapPage_FirstAccessWalks_SecondHitsTheTlb()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out uint[] pages);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        Assert.Equal(0x1000u, da);

        OmapMmuTranslation first = rig.IspMmu.Translate(0x1ABC);
        OmapMmuTranslation second = rig.IspMmu.Translate(0x1DEF);

        Assert.Equal(OmapMmuOutcome.Walked, first.Outcome);
        Assert.Equal(pages[0] + 0xABC, first.Pa);
        Assert.Equal(0x1000u, first.PageSize);
        Assert.Equal(OmapMmuOutcome.TlbHit, second.Outcome);
        Assert.Equal(pages[0] + 0xDEF, second.Pa);
    }

    [Fact]
    public void Walk_FillsTheVictimLeftByTheStoreFlush()
    {
        // vmap's store flushed the TLB for da first, and every scan leaves LOCK.VICT at N-1 = 7.
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out uint[] pages);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        Assert.Equal(7u << MMU_LOCK_VICT_SHIFT, rig.Reg(MMU_LOCK));

        _ = rig.IspMmu.Translate(da);

        OmapTlbEntry e = rig.IspMmu.PeekTlb(7);
        Assert.Equal(0x1000u | MMU_CAM_V | MMU_CAM_PGSZ_4K, e.Cam);
        Assert.Equal(pages[0], e.Ram);
    }

    [Fact]
    public void ChangedPteWithoutFlush_TlbStillReturnsTheOldPa_UntilFlushIotlbPage()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out uint[] pages);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        Assert.Equal(pages[0] + 0x40, rig.IspMmu.Translate(da + 0x40).Pa);
        uint newPage = rig.AllocPages();
        uint pteAddress = rig.PteAddress(da);
        Assert.NotEqual(0u, pteAddress);

        rig.Soc.Memory.WriteWord(pteAddress, newPage | 0x2);
        OmapMmuTranslation stale = rig.IspMmu.Translate(da + 0x40);

        Assert.Equal(OmapMmuOutcome.TlbHit, stale.Outcome);
        Assert.Equal(pages[0] + 0x40, stale.Pa);

        OmapIommu.FlushIotlbPage(rig.Isp, da + 0x800);
        OmapMmuTranslation fresh = rig.IspMmu.Translate(da + 0x40);

        Assert.Equal(OmapMmuOutcome.Walked, fresh.Outcome);
        Assert.Equal(newPage + 0x40, fresh.Pa);
    }

    [Fact]
    public void FlushIotlbPage_OnlyInvalidatesTheEntryCoveringDa()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(2, out uint[] pages);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        _ = rig.IspMmu.Translate(da);
        _ = rig.IspMmu.Translate(da + 0x1000);

        OmapIommu.FlushIotlbPage(rig.Isp, da);

        Assert.Equal(OmapMmuOutcome.Walked, rig.IspMmu.Translate(da).Outcome);
        OmapMmuTranslation other = rig.IspMmu.Translate(da + 0x1000);
        Assert.Equal(OmapMmuOutcome.TlbHit, other.Outcome);
        Assert.Equal(pages[1], other.Pa);
    }

    [Fact]
    public void FlushIotlbAll_DropsEveryEntry()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(3, out _);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        for (uint i = 0; i < 3; i++)
            _ = rig.IspMmu.Translate(da + (i << 12));
        Assert.False(rig.TlbEmpty());

        OmapIommu.FlushIotlbAll(rig.Isp);

        Assert.True(rig.TlbEmpty());
        Assert.Equal(0u, rig.Reg(MMU_LOCK));
    }

    [Fact]
    public void FlushIotlbRange_InvalidatesEveryPageInTheRange()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(3, out _);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        for (uint i = 0; i < 3; i++)
            _ = rig.IspMmu.Translate(da + (i << 12));

        OmapIommu.FlushIotlbRange(rig.Isp, da, da + 0x2000);

        Assert.Equal(OmapMmuOutcome.Walked, rig.IspMmu.Translate(da).Outcome);
        Assert.Equal(OmapMmuOutcome.Walked, rig.IspMmu.Translate(da + 0x1000).Outcome);
        Assert.Equal(OmapMmuOutcome.TlbHit, rig.IspMmu.Translate(da + 0x2000).Outcome);
    }

    [Fact]
    public void StoreEntry_FlushesBeforeWriting_SoARemapIsSeenImmediately()
    {
        var rig = new LegacyOmapRig();
        uint oldPa = rig.AllocPages();
        uint newPa = rig.AllocPages();
        IotlbEntry.Init(out IotlbEntry e, 0x00300000, oldPa, IovmFlags.IOVMF_PGSZ_4K);
        Assert.Equal(0, IopgTable.StoreEntry(rig.Isp, e));
        Assert.Equal(oldPa, rig.IspMmu.Translate(0x00300000).Pa);

        IotlbEntry.Init(out IotlbEntry again, 0x00300000, newPa, IovmFlags.IOVMF_PGSZ_4K);
        Assert.Equal(0, IopgTable.StoreEntry(rig.Isp, again));
        OmapMmuTranslation t = rig.IspMmu.Translate(0x00300000);

        Assert.Equal(OmapMmuOutcome.Walked, t.Outcome);
        Assert.Equal(newPa, t.Pa);
    }

    [Fact]
    public void ClearEntry_FlushesAfterClearing_SoTheNextAccessFaults()
    {
        var rig = new LegacyOmapRig();
        var recorder = new LegacyOmapRig.FaultRecorder();
        OmapIommu.Put(rig.Isp);
        Assert.Equal(0, OmapIommu.SetIsr(rig.Driver, "isp", recorder.Callback, null));
        _ = OmapIommu.Get(rig.Driver, "isp");
        IotlbEntry.Init(out IotlbEntry e, 0x00300000, rig.AllocPages(), IovmFlags.IOVMF_PGSZ_4K);
        Assert.Equal(0, IopgTable.StoreEntry(rig.Isp, e));
        Assert.True(rig.IspMmu.Translate(0x00300000).Succeeded);

        Assert.Equal(0x1000u, IopgTable.ClearEntry(rig.Isp, 0x00300000));
        OmapMmuTranslation t = rig.IspMmu.Translate(0x00300000);

        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        Assert.Equal(0x00300000u, Assert.Single(recorder.Calls).Da);
    }

    [Fact]
    public void LargePage_TranslatesAndCachesA64KEntry()
    {
        var rig = new LegacyOmapRig();
        uint pa = rig.AllocPages(order: 4);
        IotlbEntry.Init(out IotlbEntry e, 0x00410000, pa, IovmFlags.IOVMF_PGSZ_64K);
        Assert.Equal(0, IopgTable.StoreEntry(rig.Isp, e));

        OmapMmuTranslation first = rig.IspMmu.Translate(0x0041A123);
        OmapMmuTranslation second = rig.IspMmu.Translate(0x00410004);

        Assert.Equal(OmapMmuOutcome.Walked, first.Outcome);
        Assert.Equal(pa + 0xA123, first.Pa);
        Assert.Equal(0x10000u, first.PageSize);
        Assert.Equal(OmapMmuOutcome.TlbHit, second.Outcome);
        Assert.Equal(pa + 0x4, second.Pa);
    }

    [Fact]
    public void StaleLargePage_IsDroppedByAFlushOfAnyDaInside()
    {
        var rig = new LegacyOmapRig();
        uint pa = rig.AllocPages(order: 4);
        IotlbEntry.Init(out IotlbEntry e, 0x00410000, pa, IovmFlags.IOVMF_PGSZ_64K);
        Assert.Equal(0, IopgTable.StoreEntry(rig.Isp, e));
        _ = rig.IspMmu.Translate(0x00410000);
        IopgTable.LookupEntry(rig.Isp, 0x00410000, out _, out uint ppte);
        for (uint i = 0; i < 16; i++)
            rig.Soc.Memory.WriteWord(ppte + (i << 2), 0x88000000 | 0x1);
        Assert.Equal(pa + 0x5000, rig.IspMmu.Translate(0x00415000).Pa); // stale

        OmapIommu.FlushIotlbPage(rig.Isp, 0x0041F000);

        Assert.Equal(0x88005000u, rig.IspMmu.Translate(0x00415000).Pa);
    }

    [Fact]
    public void SectionAndSupersection_TranslateThroughTheL1Table()
    {
        var rig = new LegacyOmapRig();
        IotlbEntry.Init(out IotlbEntry section, 0x00500000, 0x88100000, IovmFlags.IOVMF_PGSZ_1M);
        IotlbEntry.Init(out IotlbEntry super, 0x01000000, 0x89000000, IovmFlags.IOVMF_PGSZ_16M);
        Assert.Equal(0, IopgTable.StoreEntry(rig.Isp, section));
        Assert.Equal(0, IopgTable.StoreEntry(rig.Isp, super));

        OmapMmuTranslation s = rig.IspMmu.Translate(0x005ABCDC);
        OmapMmuTranslation ss = rig.IspMmu.Translate(0x01FEDCB8);

        Assert.Equal(0x881ABCDCu, s.Pa);
        Assert.Equal(0x100000u, s.PageSize);
        Assert.Equal(0x89FEDCB8u, ss.Pa);
        Assert.Equal(0x1000000u, ss.PageSize);
        Assert.Equal(0x88100002u, rig.Pgd(0x00500000));
        Assert.Equal(0x89040002u, rig.Pgd(0x01F00000));
    }

    [Fact]
    public void UnmappedDa_SetsStatusAndFaultAddressAndCallsTheIsr()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        var recorder = new LegacyOmapRig.FaultRecorder();
        Assert.Equal(0, OmapIommu.SetIsr(rig.Driver, "isp", recorder.Callback, "isp-priv"));
        OmapIommu isp = OmapIommu.Get(rig.Driver, "isp").Value!;
        SgTable sgt = rig.SgOfPages(1, out _);
        uint da = Iovmm.Vmap(isp, 0, sgt, 0);

        OmapMmuTranslation t = rig.IspMmu.Translate(da + 0x1000); // the guard page after the area

        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        Assert.Equal(MMU_IRQ_TRANSLATIONFAULT, t.FaultBits);
        Assert.Equal(da + 0x1000, rig.Reg(MMU_FAULT_AD));
        var call = Assert.Single(recorder.Calls);
        Assert.Equal((da + 0x1000, 0x2u, (object?)"isp-priv"), (call.Da, call.Errs, call.Priv));
    }

    [Fact]
    public void TlbReplacement_IsRoundRobinOverTheEightEntries()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(9, out _);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        OmapIommu.FlushIotlbAll(rig.Isp); // VICT = 0

        for (uint i = 0; i < 9; i++)
            Assert.Equal(OmapMmuOutcome.Walked, rig.IspMmu.Translate(da + (i << 12)).Outcome);

        Assert.Equal((da + 0x8000) | MMU_CAM_V | MMU_CAM_PGSZ_4K, rig.IspMmu.PeekTlb(0).Cam);
        Assert.Equal(OmapMmuOutcome.Walked, rig.IspMmu.Translate(da).Outcome); // evicted
        Assert.Equal(OmapMmuOutcome.TlbHit, rig.IspMmu.Translate(da + 0x7000).Outcome);
    }

    [Fact]
    public void VunmapThenAccess_Faults()
    {
        var rig = new LegacyOmapRig();
        var recorder = new LegacyOmapRig.FaultRecorder();
        OmapIommu.Put(rig.Isp);
        Assert.Equal(0, OmapIommu.SetIsr(rig.Driver, "isp", recorder.Callback, null));
        _ = OmapIommu.Get(rig.Driver, "isp");
        SgTable sgt = rig.SgOfPages(2, out _);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        Assert.True(rig.IspMmu.Translate(da + 0x1000).Succeeded);

        Assert.Same(sgt, Iovmm.Vunmap(rig.Isp, da));

        Assert.Equal(OmapMmuOutcome.Fault, rig.IspMmu.Translate(da + 0x1000).Outcome);
        Assert.Single(recorder.Calls);
    }
}
