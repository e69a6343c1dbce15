using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Drivers.Tests;

/// <summary>
/// TLB functions of plat-omap/iommu.c (omap.md §2.3, §4.4, §4.5, §8.6, §8.7) against the simulated
/// MMU: entries loaded by the hardware walker (Mmu.Translate) or by load_iotlb_entry, checked with PeekTlb.
/// </summary>
public class TlbFunctionTests
{
    private static OmapTlbEntry Walk(OmapTestRig rig, uint da)
    {
        OmapMmuTranslation t = rig.Mmu.Translate(da);
        Assert.Equal(OmapMmuOutcome.Walked, t.Outcome);
        int idx = Enumerable.Range(0, rig.Mmu.TlbEntries).Single(i => rig.Mmu.PeekTlb(i).Matches(da));
        return rig.Mmu.PeekTlb(idx);
    }

    private static void AssertClockBalanced(OmapTestRig rig) => Assert.Equal(0, rig.Mmu.Clock.EnableCount);

    [Fact]
    public void StoreScan_LeavesVictAtNMinus1SoWalkerFillsLastEntryThenWrapsToBase()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, rig.LockVict);
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        Assert.Equal(7, rig.LockVict);
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        Assert.Equal(7, rig.LockVict);

        Walk(rig, 0x00001000);
        Assert.Equal(new[] { 7 }, rig.ValidTlbEntries());
        Assert.Equal(0, rig.LockVict);
        Walk(rig, 0x00300000);
        Assert.Equal(new[] { 0, 7 }, rig.ValidTlbEntries());
        Assert.Equal(0x00001006u, rig.Mmu.PeekTlb(7).Cam);
        Assert.Equal(0x80123000u, rig.Mmu.PeekTlb(7).Ram);
        Assert.Equal(0x00300004u, rig.Mmu.PeekTlb(0).Cam);
        Assert.Equal(0x90000000u, rig.Mmu.PeekTlb(0).Ram);
    }

    [Fact]
    public void FlushPage_InvalidatesOnlyValidEntriesWhosePageContainsDa()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        Assert.Equal(0, rig.Store(0x00002000, 0x80124000, 0x1000));
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        Assert.Equal(0, rig.Store(0x00410000, 0x80010000, 0x10000));
        rig.ResetLock();
        Walk(rig, 0x00001000);
        Walk(rig, 0x00002000);
        Walk(rig, 0x00345000);
        Walk(rig, 0x00412000);
        OmapTlbEntry[] before = Enumerable.Range(0, 8).Select(rig.Mmu.PeekTlb).ToArray();
        Assert.Equal(new[] { 0, 1, 2, 3 }, rig.ValidTlbEntries());
        Assert.Equal(0x00300004u, before[2].Cam); // 1M entry: tag | V | code 0
        Assert.Equal(0x00410005u, before[3].Cam); // 64K entry: tag | V | code 1

        OmapTlb.FlushPage(rig.Instance, 0x003FFFFC); // inside the section only
        Assert.Equal(new[] { 0, 1, 3 }, rig.ValidTlbEntries());
        Assert.Equal(7, rig.LockVict);
        Assert.Equal(0, rig.LockBase);

        OmapTlb.FlushPage(rig.Instance, 0x00005000); // inside no page
        Assert.Equal(new[] { 0, 1, 3 }, rig.ValidTlbEntries());
        Assert.Equal(7, rig.LockVict);

        OmapTlb.FlushPage(rig.Instance, 0x0041F000); // last 4K of the 64K page
        Assert.Equal(new[] { 0, 1 }, rig.ValidTlbEntries());
        Assert.Equal(before[0], rig.Mmu.PeekTlb(0));
        Assert.Equal(before[1], rig.Mmu.PeekTlb(1));
        AssertClockBalanced(rig);
    }

    [Fact]
    public void FlushPage_KeepsLockBaseAndLeavesVictAtLastIndex()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00800000, 0x80800000, 0x2, preserved: true)));
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00900000, 0x80900000, 0x2, preserved: true)));
        Assert.Equal(2, rig.LockBase);
        OmapTlb.FlushPage(rig.Instance, 0x00800000);
        Assert.Equal(2, rig.LockBase);
        Assert.Equal(7, rig.LockVict);
        Assert.Equal(new[] { 1 }, rig.ValidTlbEntries());
    }

    [Fact]
    public void FlushRange_FlushesEach4KStepBelowEnd()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        foreach (uint da in new uint[] { 0x1000, 0x2000, 0x3000, 0x4000 })
            Assert.Equal(0, rig.Store(da, 0x80000000 + da, 0x1000));
        rig.ResetLock();
        foreach (uint da in new uint[] { 0x1000, 0x2000, 0x3000, 0x4000 })
            Walk(rig, da);

        OmapTlb.FlushRange(rig.Instance, 0x2000, 0x4000);

        Assert.True(rig.TlbCovers(0x1000));
        Assert.False(rig.TlbCovers(0x2000));
        Assert.False(rig.TlbCovers(0x3000));
        Assert.True(rig.TlbCovers(0x4000));

        OmapTlb.FlushRange(rig.Instance, 0x4000, 0x4000); // empty range
        Assert.True(rig.TlbCovers(0x4000));
        AssertClockBalanced(rig);
    }

    [Fact]
    public void FlushAll_InvalidatesEverythingAndResetsLockTo0()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00800000, 0x80800000, 0x2, preserved: true)));
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00900000, 0x80900000, 0x2, preserved: true)));
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00A00000, 0x80A00000, 0x2)));
        Assert.NotEqual(0u, rig.Reg(MMU_LOCK));
        Assert.Equal(3, rig.ValidTlbEntries().Length);

        OmapTlb.FlushAll(rig.Instance);

        Assert.Equal(0u, rig.Reg(MMU_LOCK));
        Assert.Empty(rig.ValidTlbEntries());
        AssertClockBalanced(rig);
    }

    [Fact]
    public void StoreEntry_FlushesBeforeWriting()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        OmapTlbEntry walked = Walk(rig, 0x00001000);
        Assert.Equal(0x00001006u, walked.Cam);
        Assert.Equal(0x80123000u, walked.Ram);

        var observer = new SnapshotWriteObserver(() => rig.TlbCovers(0x00001000));
        rig.Memory.WriteObserver = observer;
        Assert.Equal(0, rig.Store(0x00001000, 0x80777000, 0x1000));
        rig.Memory.WriteObserver = null;

        var write = Assert.Single(observer.Writes);
        Assert.Equal(0x80777002u, write.Value);
        Assert.False(write.Probe, "the TLB still held the old translation when the descriptor was written");
        Assert.Empty(rig.ValidTlbEntries()); // no preload (PREFETCH_IOTLB is off)
        Assert.Equal(7, rig.LockVict);

        OmapMmuTranslation t = rig.Mmu.Translate(0x00001ABC);
        Assert.Equal(OmapMmuOutcome.Walked, t.Outcome);
        Assert.Equal(0x80777ABCu, t.Pa);
    }

    [Fact]
    public void StoreEntry_FlushesEvenWhenTheStoreIsRejected()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, rig.Store(0x00380000, 0x80123000, 0x1000));
        Walk(rig, 0x00380000);
        Assert.Equal(-Errno.EINVAL, rig.Store(0x00380000, 0x90000000, 0x100000));
        Assert.False(rig.TlbCovers(0x00380000));
    }

    [Fact]
    public void StoreEntry_FlushesStaleSectionEntryBeforeRemapping()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        Walk(rig, 0x00345000);

        var observer = new SnapshotWriteObserver(() => rig.TlbCovers(0x00300000));
        rig.Memory.WriteObserver = observer;
        Assert.Equal(0, rig.Store(0x00300000, 0x91000000, 0x100000));
        rig.Memory.WriteObserver = null;

        var write = Assert.Single(observer.Writes);
        Assert.Equal((rig.L1Address(0x00300000), 0x91000002u, false), write);
        Assert.Equal(0x91045678u, rig.Mmu.Translate(0x00345678).Pa);
    }

    [Fact]
    public void ClearEntry_FlushesAfterClearing()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, rig.Store(0x00001000, 0x80123000, 0x1000));
        Walk(rig, 0x00001000);

        var observer = new SnapshotWriteObserver(() => rig.TlbCovers(0x00001000));
        rig.Memory.WriteObserver = observer;
        Assert.Equal(0x1000u, rig.Clear(0x00001000));
        rig.Memory.WriteObserver = null;

        // PTE zeroed, then the emptied table's L1 entry zeroed: both while the TLB still held the entry.
        Assert.Equal(2, observer.Writes.Count);
        Assert.All(observer.Writes, w => Assert.Equal(0u, w.Value));
        Assert.All(observer.Writes, w => Assert.True(w.Probe, "TLB was flushed before the clear"));
        Assert.False(rig.TlbCovers(0x00001000));
        Assert.Equal(7, rig.LockVict);

        OmapMmuTranslation t = rig.Mmu.Translate(0x00001000);
        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
    }

    [Fact]
    public void ClearEntry_OfEmptyL1_StillFlushesDa()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00700000, 0x80700000, 0x0)));
        Assert.True(rig.TlbCovers(0x00712000));
        Assert.Equal(0u, rig.Clear(0x00712000));
        Assert.False(rig.TlbCovers(0x00712000));
    }

    [Fact]
    public void ClearEntry_InsideLargePage_FlushesWithUnrewoundDa()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, rig.Store(0x00250000, 0x80010000, 0x10000));
        // Two 4K TLB entries inside the large page: one at its first replica, one at the cleared da.
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00250000, 0x80010000, 0x2)));
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00257000, 0x80017000, 0x2)));

        Assert.Equal(0x10000u, rig.Clear(0x00257000));

        Assert.True(rig.TlbCovers(0x00250000), "flush used the rewound da");
        Assert.False(rig.TlbCovers(0x00257000));
    }

    [Fact]
    public void ClearEntry_InsideSupersection_FlushesWithUnrewoundDa()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, rig.Store(0x05000000, 0x81000000, 0x1000000));
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x05000000, 0x81000000, 0x0)));
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x05700000, 0x81700000, 0x0)));

        Assert.Equal(0x1000000u, rig.Clear(0x05712000));

        Assert.True(rig.TlbCovers(0x05000000), "flush used the rewound da");
        Assert.False(rig.TlbCovers(0x05712000));
    }

    [Fact]
    public void LoadIotlbEntry_NonPreserved_GoesToFirstInvalidEntry()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00001000, 0x80001000, 0x2)));
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00002000, 0x80002000, 0x2)));
        Assert.Equal(0x00001006u, rig.Mmu.PeekTlb(0).Cam);
        Assert.Equal(0x80001000u, rig.Mmu.PeekTlb(0).Ram);
        Assert.Equal(0x00002006u, rig.Mmu.PeekTlb(1).Cam);
        Assert.Equal(0, rig.LockBase);
        Assert.Equal(2, rig.LockVict);

        OmapTlb.FlushPage(rig.Instance, 0x00001000); // hole at 0
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00003000, 0x80003000, 0x2)));
        Assert.Equal(0x00003006u, rig.Mmu.PeekTlb(0).Cam);
        Assert.Equal(1, rig.LockVict);
        AssertClockBalanced(rig);
    }

    [Fact]
    public void LoadIotlbEntry_Preserved_LandsAtBaseAndIncrementsBase()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00001000, 0x80001000, 0x2, preserved: true)));
        Assert.Equal(0x0000100Eu, rig.Mmu.PeekTlb(0).Cam); // P | V | 4K
        Assert.Equal(1, rig.LockBase);
        Assert.Equal(1, rig.LockVict);

        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00002000, 0x80002000, 0x2)));
        Assert.Equal(0x00002006u, rig.Mmu.PeekTlb(1).Cam);
        Assert.Equal(1, rig.LockBase);
        Assert.Equal(2, rig.LockVict);

        // A preserved load goes to BASE (1) even though that entry is in use.
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00003000, 0x80003000, 0x2, preserved: true)));
        Assert.Equal(0x0000300Eu, rig.Mmu.PeekTlb(1).Cam);
        Assert.Equal(2, rig.LockBase);
        Assert.Equal(2, rig.LockVict);
    }

    [Fact]
    public void LoadIotlbEntry_IsEBUSYWhenAllEntriesValidAndNonePreserved()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        for (uint i = 0; i < 8; i++)
            Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry((i + 1) << 12, 0x80000000 + (i << 12), 0x2)));
        Assert.Equal(8, rig.ValidTlbEntries().Length);
        Assert.Equal(0, rig.LockBase);
        OmapTlbEntry[] before = Enumerable.Range(0, 8).Select(rig.Mmu.PeekTlb).ToArray();

        Assert.Equal(-Errno.EBUSY, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00100000, 0x80100000, 0x2)));

        Assert.Equal(before, Enumerable.Range(0, 8).Select(rig.Mmu.PeekTlb).ToArray());
        Assert.Equal(7, rig.LockVict); // the scan read every entry
        AssertClockBalanced(rig);
    }

    [Fact]
    public void LoadIotlbEntry_IsEBUSYWhenBaseReachesN()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        for (uint i = 0; i < 8; i++)
            Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry((i + 1) << 12, 0x80000000 + (i << 12), 0x2, preserved: true)));
        Assert.Equal(8, rig.LockBase);

        Assert.Equal(-Errno.EBUSY, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00100000, 0x80100000, 0x2, preserved: true)));
        Assert.Equal(-Errno.EBUSY, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00100000, 0x80100000, 0x2)));
        Assert.Equal(8, rig.LockBase);
        AssertClockBalanced(rig);
    }

    [Fact]
    public void LoadIotlbEntry_WithInitEntry_CorruptsSizeCode4KTo16M()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        IotlbEntry.Init(out IotlbEntry e, 0x12345000, 0x80000000, IovmFlags.IOVMF_PGSZ_4K);
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, e));

        OmapTlbEntry loaded = rig.Mmu.PeekTlb(0);
        Assert.Equal(0x12345007u, loaded.Cam); // tag | V | (2 | 1) = 16M code 3
        Assert.Equal(0x80000000u, loaded.Ram);

        OmapMmuTranslation t = rig.Mmu.Translate(0x12ABC000);
        Assert.Equal(OmapMmuOutcome.TlbHit, t.Outcome);
        Assert.Equal(0x1000000u, t.PageSize);
        Assert.Equal(0x80ABC000u, t.Pa);
    }

    [Fact]
    public void LoadIotlbEntry_WithInitEntry_CorruptsSizeCode1MTo64K()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        IotlbEntry.Init(out IotlbEntry e, 0x00300000, 0x90000000, IovmFlags.IOVMF_PGSZ_1M);
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, e));
        Assert.Equal(0x00300005u, rig.Mmu.PeekTlb(0).Cam);
        Assert.False(rig.TlbCovers(0x00310000)); // only 64K of the intended 1M
        Assert.True(rig.TlbCovers(0x0030F000));
    }

    [Fact]
    public void LoadIotlbEntry_WithCrToEEntry_KeepsSizeCode()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        IotlbEntry e = rig.Instance.Arch.CrToE(new CrRegs(0x12345006, 0x80000000));
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, e));
        Assert.Equal(0x12345006u, rig.Mmu.PeekTlb(0).Cam);
        Assert.False(rig.TlbCovers(0x12346000));
    }

    [Fact]
    public void LoadIotlbEntry_ReturnsAllocCrEINVALForDaBelowTagMask()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(-Errno.EINVAL, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00101000, 0x90000000, 0x0)));
        Assert.Empty(rig.ValidTlbEntries());
        AssertClockBalanced(rig);
    }

    [Fact]
    public void LoadIotlbEntry_ReturnsENOMEMWhenCrAllocationFails()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        rig.Instance.KernelMemory.KzallocFaults.FailAt(1);
        Assert.Equal(-Errno.ENOMEM, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00001000, 0x80001000, 0x2)));
        Assert.Empty(rig.ValidTlbEntries());
    }

    [Fact]
    public void LoadIotlbEntry_RejectsMissingObjectOrTlb()
    {
        Assert.Equal(-Errno.EINVAL, OmapTlb.LoadIotlbEntry(null, OmapTestRig.CrStyleEntry(0x1000, 0x1000, 0x2)));
        OmapTestRig rig = OmapTestRig.Enabled();
        rig.Instance.NrTlbEntries = 0;
        Assert.Equal(-Errno.EINVAL, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x1000, 0x1000, 0x2)));
        Assert.Empty(rig.ValidTlbEntries());
    }

    [Fact]
    public void ReadCr_SelectsEntryByVictAndKeepsBase()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00001000, 0x80001000, 0x2, preserved: true)));
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x00010000, 0x80010000, 0x1)));

        Assert.Equal(new CrRegs(0x00010005, 0x80010000), OmapTlb.ReadCr(rig.Instance, 1));
        Assert.Equal(1, rig.LockVict);
        Assert.Equal(1, rig.LockBase);
        Assert.Equal(new CrRegs(0x0000100E, 0x80001000), OmapTlb.ReadCr(rig.Instance, 0));
        Assert.Equal(0, rig.LockVict);
        Assert.Equal(new CrRegs(0, 0), OmapTlb.ReadCr(rig.Instance, 5));
        Assert.Equal(1, rig.LockBase);
    }

    [Fact]
    public void LockGetAndLockSet_RoundTripThroughRegister()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        OmapTlb.LockSet(rig.Instance, new IotlbLock(3, 6));
        Assert.Equal((3u << 10) | (6u << 4), rig.Reg(MMU_LOCK));
        Assert.Equal(new IotlbLock(3, 6), OmapTlb.LockGet(rig.Instance));
    }

    [Fact]
    public void CrToE_ViaTlbModule_MatchesArch()
    {
        OmapTestRig rig = new();
        IotlbEntry e = OmapTlb.CrToE(rig.Instance, new CrRegs(0x00300004, 0x90000240));
        Assert.Equal(0x00300000u, e.Da);
        Assert.Equal(0x90000000u, e.Pa);
        Assert.Equal(0u, e.Pgsz);
        Assert.Equal(4u, e.Valid);
        Assert.Equal(0x200u, e.Endian);
        Assert.Equal(0x40u, e.Mixed);
    }
}
