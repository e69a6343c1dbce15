using Migration.Hardware.Omap;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Hardware.Tests;

/// <summary>The OMAP MMU TLB: LD_TLB, READ_CAM/READ_RAM, GFLUSH, FLUSH_ENTRY, hits, victims (omap.md §2.2, §2.3).</summary>
public class OmapMmuTlbTests
{
    [Fact]
    public void LdTlb_LoadsCamAndRamAtLockVictim()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        MmuRig.LoadTlb(mmu, 3, 0x12345006, 0x87654000);
        Assert.Equal(0x12345006u, mmu.PeekTlb(3).Cam);
        Assert.Equal(0x87654000u, mmu.PeekTlb(3).Ram);
        Assert.Equal(0u, mmu.PeekTlb(2).Cam);
        Assert.Equal(0u, mmu.PeekTlb(4).Cam);
    }

    [Fact]
    public void LdTlb_DoesNotMoveVictim()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_LOCK, (1u << 10) | (3u << 4));
        mmu.Write(MMU_CAM, 0x12345006);
        mmu.Write(MMU_RAM, 0x87654000);
        mmu.Write(MMU_LD_TLB, 1);
        Assert.Equal(0x0430u, mmu.Read(MMU_LOCK));
    }

    [Fact]
    public void LdTlb_WriteZero_LoadsNothing()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_CAM, 0x12345006);
        mmu.Write(MMU_RAM, 0x87654000);
        mmu.Write(MMU_LD_TLB, 0);
        Assert.Equal(0u, mmu.PeekTlb(0).Cam);
        Assert.Equal(0u, mmu.PeekTlb(0).Ram);
    }

    [Fact]
    public void ReadCamReadRam_ShowEntryAtLockVictim()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        MmuRig.LoadTlb(mmu, 2, 0x10000004, 0x90000000);
        MmuRig.LoadTlb(mmu, 5, 0x20010005, 0x8ABC0340);
        MmuRig.SetVictim(mmu, 2);
        Assert.Equal(0x10000004u, mmu.Read(MMU_READ_CAM));
        Assert.Equal(0x90000000u, mmu.Read(MMU_READ_RAM));
        MmuRig.SetVictim(mmu, 5);
        Assert.Equal(0x20010005u, mmu.Read(MMU_READ_CAM));
        Assert.Equal(0x8ABC0340u, mmu.Read(MMU_READ_RAM));
        MmuRig.SetVictim(mmu, 4);
        Assert.Equal(0u, mmu.Read(MMU_READ_CAM));
        Assert.Equal(0u, mmu.Read(MMU_READ_RAM));
    }

    [Fact]
    public void ReadCam_WithBaseSet_StillSelectsVictim()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        MmuRig.LoadTlb(mmu, 6, 0x30000007, 0x9F000000);
        mmu.Write(MMU_LOCK, (4u << 10) | (6u << 4));
        Assert.Equal(0x30000007u, mmu.Read(MMU_READ_CAM));
        Assert.Equal(0x9F000000u, mmu.Read(MMU_READ_RAM));
    }

    [Fact]
    public void Gflush_InvalidatesWholeTlb()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        MmuRig.LoadTlb(mmu, 0, 0x10000004, 0x90000000);
        MmuRig.LoadTlb(mmu, 3, 0x20000004, 0x91000000);
        MmuRig.LoadTlb(mmu, 7, 0x30000004, 0x92000000);
        mmu.Write(MMU_GFLUSH, 1);
        for (int i = 0; i < 8; i++)
        {
            MmuRig.SetVictim(mmu, i);
            Assert.Equal(0u, mmu.Read(MMU_READ_CAM) & MMU_CAM_V);
            Assert.False(mmu.PeekTlb(i).Valid);
        }
    }

    [Fact]
    public void Gflush_AlsoDropsPreservedEntries()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_LOCK, 1u << 10); // BASE 1: entry 0 locked
        MmuRig.LoadTlb(mmu, 0, 0x10000000 | MMU_CAM_P | MMU_CAM_V, 0x90000000);
        mmu.Write(MMU_LOCK, 0);        // flush_iotlb_all: LOCK = 0, GFLUSH = 1
        mmu.Write(MMU_GFLUSH, 1);
        Assert.False(mmu.PeekTlb(0).Valid);
    }

    [Fact]
    public void Gflush_WriteZero_KeepsEntries()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        MmuRig.LoadTlb(mmu, 1, 0x10000004, 0x90000000);
        mmu.Write(MMU_GFLUSH, 0);
        Assert.Equal(0x10000004u, mmu.PeekTlb(1).Cam);
    }

    [Fact]
    public void FlushEntry_InvalidatesOnlyEntriesMatchingCamTag()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        MmuRig.LoadTlb(mmu, 0, 0x10000006, 0x90000000); // 4K at 0x10000000
        MmuRig.LoadTlb(mmu, 1, 0x10001006, 0x90001000); // 4K at 0x10001000
        MmuRig.LoadTlb(mmu, 2, 0x20000004, 0x91000000); // 1M at 0x20000000
        mmu.Write(MMU_CAM, 0x10000006);
        mmu.Write(MMU_FLUSH_ENTRY, 1);
        Assert.False(mmu.PeekTlb(0).Valid);
        Assert.True(mmu.PeekTlb(1).Valid);
        Assert.True(mmu.PeekTlb(2).Valid);
    }

    [Fact]
    public void FlushEntry_SectionTag_InvalidatesSectionEntry()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        MmuRig.LoadTlb(mmu, 4, 0x20000004, 0x91000000);
        mmu.Write(MMU_CAM, 0x20000004);
        mmu.Write(MMU_FLUSH_ENTRY, 1);
        Assert.False(mmu.PeekTlb(4).Valid);
    }

    [Fact]
    public void FlushEntry_WriteZero_KeepsEntries()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        MmuRig.LoadTlb(mmu, 0, 0x10000006, 0x90000000);
        mmu.Write(MMU_CAM, 0x10000006);
        mmu.Write(MMU_FLUSH_ENTRY, 0);
        Assert.True(mmu.PeekTlb(0).Valid);
    }

    [Fact]
    public void DriverLoadSequence_ReloadElsewhere_LeavesSingleCopy()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        foreach (int victim in new[] { 0, 1 })
        {
            MmuRig.SetVictim(mmu, victim);
            mmu.Write(MMU_CAM, 0x10000006);
            mmu.Write(MMU_RAM, 0x90000000);
            mmu.Write(MMU_FLUSH_ENTRY, 1);
            mmu.Write(MMU_LD_TLB, 1);
        }
        Assert.False(mmu.PeekTlb(0).Valid);
        Assert.Equal(0x10000006u, mmu.PeekTlb(1).Cam);
        Assert.Equal(0x90000000u, mmu.PeekTlb(1).Ram);
    }

    [Fact]
    public void LoadedEntry_TranslatesWithoutWalker_64K()
    {
        OmapMmu mmu = MmuRig.TlbMissModeIsp(out _);
        MmuRig.LoadTlb(mmu, 0, 0x20010005, 0x8ABC0100);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.TlbHit, 0x8ABCABCD, 0x10000, 0x100, 0), mmu.Translate(0x2001ABCD));
    }

    [Fact]
    public void LoadedEntry_TranslatesWithoutWalker_16M()
    {
        OmapMmu mmu = MmuRig.TlbMissModeIsp(out _);
        MmuRig.LoadTlb(mmu, 5, 0x30000007, 0x9F000240);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.TlbHit, 0x9FABCDEF, 0x1000000, 0x240, 0), mmu.Translate(0x30ABCDEF));
    }

    [Fact]
    public void LoadedEntry_TranslatesWithoutWalker_1MAnd4K()
    {
        OmapMmu mmu = MmuRig.TlbMissModeIsp(out _);
        MmuRig.LoadTlb(mmu, 0, 0x40000004, 0x93000080);
        MmuRig.LoadTlb(mmu, 1, 0x50123006, 0x87654180);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.TlbHit, 0x930ABCDE, 0x100000, 0x080, 0), mmu.Translate(0x400ABCDE));
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.TlbHit, 0x87654FFF, 0x1000, 0x180, 0), mmu.Translate(0x50123FFF));
    }

    [Fact]
    public void LoadedEntry_WithoutValidBit_DoesNotHit()
    {
        OmapMmu mmu = MmuRig.TlbMissModeIsp(out _);
        MmuRig.LoadTlb(mmu, 0, 0x40000000, 0x93000000); // V clear
        Assert.Equal(OmapMmuOutcome.Fault, mmu.Translate(0x40000000).Outcome);
        Assert.Equal(MMU_IRQ_TLBMISS, mmu.Read(MMU_IRQSTATUS));
    }

    [Fact]
    public void Translate_AfterWalk_HitsTlb()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out var mem);
        MmuRig.SetL1(mem, 0x12345678, 0x9AB00002);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.Walked, 0x9AB45678, 0x100000, 0, 0), mmu.Translate(0x12345678));
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.TlbHit, 0x9ABFFFFC, 0x100000, 0, 0), mmu.Translate(0x123FFFFC));
    }

    [Fact]
    public void Translate_Walk_LoadsEntryAtVictimAndAdvancesVictim()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out var mem);
        MmuRig.SetVictim(mmu, 3);
        MmuRig.SetL1(mem, 0x12345678, 0x9AB00002);
        mmu.Translate(0x12345678);
        Assert.Equal(0x12300004u, mmu.PeekTlb(3).Cam);
        Assert.Equal(0x9AB00000u, mmu.PeekTlb(3).Ram);
        Assert.Equal(4u, MmuRig.Victim(mmu));
    }

    [Fact]
    public void Translate_StaleTlbEntry_ReturnsOldPaUntilFlushed()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out var mem);
        MmuRig.SetL1(mem, 0x12345678, 0x9AB00002);
        mmu.Translate(0x12345678);
        MmuRig.SetL1(mem, 0x12345678, 0x9CD00002); // no TLB flush

        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.TlbHit, 0x9AB45678, 0x100000, 0, 0), mmu.Translate(0x12345678));
    }

    [Fact]
    public void Translate_AfterFlushEntry_WalksNewDescriptor()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out var mem);
        MmuRig.SetL1(mem, 0x12345678, 0x9AB00002);
        mmu.Translate(0x12345678);
        MmuRig.SetL1(mem, 0x12345678, 0x9CD00002);
        mmu.Write(MMU_CAM, 0x12300004);
        mmu.Write(MMU_FLUSH_ENTRY, 1);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.Walked, 0x9CD45678, 0x100000, 0, 0), mmu.Translate(0x12345678));
    }

    [Fact]
    public void Translate_AfterGflush_WalksNewDescriptor()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out var mem);
        MmuRig.SetL1(mem, 0x12345678, 0x9AB00002);
        mmu.Translate(0x12345678);
        MmuRig.SetL1(mem, 0x12345678, 0x9CD00002);
        mmu.Write(MMU_LOCK, 0);
        mmu.Write(MMU_GFLUSH, 1);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.Walked, 0x9CD45678, 0x100000, 0, 0), mmu.Translate(0x12345678));
    }

    [Fact]
    public void Walks_FillVictimsRoundRobinFromZero()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out var mem);
        for (uint i = 0; i < 9; i++)
        {
            uint da = (i + 1) << 20;
            MmuRig.SetL1(mem, da, 0x90000002 + (i << 20));
            Assert.Equal(OmapMmuOutcome.Walked, mmu.Translate(da).Outcome);
            Assert.Equal((i + 1) % 8, MmuRig.Victim(mmu));
        }
        Assert.Equal((9u << 20) | 0x4, mmu.PeekTlb(0).Cam); // the 9th walk replaced entry 0
        Assert.Equal(0x90800000u, mmu.PeekTlb(0).Ram);
        Assert.Equal((2u << 20) | 0x4, mmu.PeekTlb(1).Cam);
    }

    [Fact]
    public void Walks_WrapToBase_KeepLockedEntries()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out var mem);
        MmuRig.LoadTlb(mmu, 0, 0xF0000004 | MMU_CAM_P, 0x9F000000);
        MmuRig.LoadTlb(mmu, 1, 0xF0100004 | MMU_CAM_P, 0x9F100000);
        mmu.Write(MMU_LOCK, (2u << 10) | (2u << 4));
        var victims = new List<uint>();
        for (uint i = 0; i < 7; i++)
        {
            uint da = (i + 1) << 20;
            MmuRig.SetL1(mem, da, 0x90000002 + (i << 20));
            mmu.Translate(da);
            victims.Add(MmuRig.Victim(mmu));
        }
        Assert.Equal(new uint[] { 3, 4, 5, 6, 7, 2, 3 }, victims);
        Assert.Equal(0x2u << 10, mmu.Read(MMU_LOCK) & MMU_LOCK_BASE_MASK);
        Assert.Equal(0xF000000Cu, mmu.PeekTlb(0).Cam);
        Assert.Equal(0xF010000Cu, mmu.PeekTlb(1).Cam);
        Assert.Equal((7u << 20) | 0x4, mmu.PeekTlb(2).Cam);
        Assert.Equal(new OmapMmuTranslation(OmapMmuOutcome.TlbHit, 0x9F012345, 0x100000, 0, 0), mmu.Translate(0xF0012345));
    }

    [Fact]
    public void TlbEntry_Matches_UsesPageSizeMask()
    {
        var e = new OmapTlbEntry { Cam = 0x20010005, Ram = 0x8ABC0000 };
        Assert.True(e.Valid);
        Assert.Equal(0xFFFF0000u, e.TagMask);
        Assert.True(e.Matches(0x2001FFFF));
        Assert.False(e.Matches(0x20020000));
        Assert.False(e.Matches(0x2000FFFF));
    }

    [Fact]
    public void TlbEntry_Invalid_NeverMatches()
    {
        var e = new OmapTlbEntry { Cam = 0x20010001, Ram = 0x8ABC0000 };
        Assert.False(e.Valid);
        Assert.False(e.Matches(0x20010000));
    }
}
