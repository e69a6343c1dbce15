using Generic.Iommu;
using Generic.IoPgtable;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Generic.Msm.Tests;

/// <summary>msm_iommu.c on io-pgtable-arm-v7s (v7s.md §2, §5): context programming, TLBIVA flushes, table lifetime, V2P.</summary>
public class MsmV7sDriverTests
{
    private const int RW = IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE;

    private sealed class World
    {
        public World()
        {
            Soc = Soc.CreateDefault();
            Platform = new MsmIommuPlatform(new KernelMemory(Soc.Pages));
            Platform.ProbeAll(Soc);
            var bus = new BusType("platform");
            Ops = new MsmIommuV7sOps(Platform);
            Assert.Equal(0, bus.SetIommu(Ops));
            Domain = IommuApi.DomainAlloc(bus)!;
            Imgwr = Platform.GetCtx("vfe_imgwr")!;
            Misc = Platform.GetCtx("vfe_misc")!;
            Hw = Soc.FindMsmIommu("vfe")!;
        }

        public Soc Soc { get; }
        public MsmIommuPlatform Platform { get; }
        public MsmIommuV7sOps Ops { get; }
        public IommuDomain Domain { get; }
        public Device Imgwr { get; }
        public Device Misc { get; }
        public MsmIommu Hw { get; }
        public MsmV7sPriv Priv => (MsmV7sPriv)Domain.Priv!;
        public ArmV7sPageTable Table => Priv.Iop!;

        public World Attached()
        {
            Assert.Equal(0, IommuApi.AttachDevice(Domain, Imgwr));
            Platform.TlbInvalidations = 0;
            return this;
        }
    }

    [Fact]
    public void Attach_CreatesTheTableAndProgramsTheV7sRegisters()
    {
        var w = new World();
        Assert.Null(w.Priv.Iop); // nothing before attach (V7S-D14)
        int pages = w.Soc.Pages.AllocatedPages;
        w.Attached();
        Assert.Equal(pages + 4, w.Soc.Pages.AllocatedPages); // the 16 KiB level-1 table
        uint sctlr = w.Hw.PeekContextRegister(0, SCTLR);
        Assert.Equal(SCTLR_M | SCTLR_TRE | SCTLR_AFE, sctlr & (SCTLR_M | SCTLR_TRE | SCTLR_AFE));
        Assert.Equal(w.Table.Pgd | 0x2, w.Hw.PeekContextRegister(0, TTBR0));
        Assert.Equal((0u, 0u), (w.Hw.PeekContextRegister(0, TTBCR), w.Hw.PeekContextRegister(0, TTBR1)));
        Assert.Equal((0x800B8204u, 0x40004000u), (w.Hw.PeekContextRegister(0, PRRR), w.Hw.PeekContextRegister(0, NMRR)));
        Assert.Equal(-Errno.EEXIST, IommuApi.AttachDevice(w.Domain, w.Imgwr));
    }

    [Fact]
    public void Map_WritesV7sDescriptorsTheHardwareWalksAndSyncsEveryPage()
    {
        var w = new World().Attached();
        Assert.Equal(0, IommuApi.Map(w.Domain, 0x10000000, 0x8A345000, 0x1000, RW));
        Assert.Equal(1, w.Platform.TlbInvalidations); // sync_map: one TLBIVA per 4K of the iommu_map
        Assert.Equal(0, IommuApi.Map(w.Domain, 0x10100000, 0x8A400000, 0x100000, RW | IommuProt.IOMMU_CACHE));
        Assert.Equal(1 + 256, w.Platform.TlbInvalidations);
        Assert.Equal(0x8A345C72u, w.Soc.Memory.ReadWord((w.Soc.Memory.ReadWord(w.Table.Pgd + (0x100u << 2)) & 0xFFFFFC00)));

        MsmTranslation t = w.Hw.Translate(0, 0x10000ABC, write: true);
        Assert.Equal((MsmTranslationOutcome.Walked, 0x8A345ABCu, 4u), (t.Outcome, t.Pa, t.MemoryTypeIndex)); // TEX0 = 1: index 4, Normal NC
        t = w.Hw.Translate(0, 0x10123456, write: false);
        Assert.Equal((0x8A423456u, 7u), (t.Pa, t.MemoryTypeIndex)); // B|C|TEX0: index 7, WBWA under the v7s NMRR
        Assert.Equal(0x8A423456u, IommuApi.IovaToPhys(w.Domain, 0x10123456)); // V2P
    }

    [Fact]
    public void ReadOnlyMapping_FaultsOnWrite_AndProtWithoutAccessIsEinval()
    {
        var w = new World().Attached();
        Assert.Equal(-Errno.EINVAL, IommuApi.Map(w.Domain, 0x10000000, 0x8A345000, 0x1000, IommuProt.IOMMU_CACHE));
        Assert.Equal(0, IommuApi.Map(w.Domain, 0x10000000, 0x8A345000, 0x1000, IommuProt.IOMMU_READ));
        Assert.True(w.Hw.Translate(0, 0x10000000, write: false).Succeeded);
        MsmTranslation t = w.Hw.Translate(0, 0x10000000, write: true);
        Assert.Equal((MsmTranslationOutcome.Fault, FSR_APF), (t.Outcome, t.FaultStatus));
    }

    [Fact]
    public void Unmap_InvalidatesEachClearedPageSoNoStaleEntryTranslates()
    {
        var w = new World().Attached();
        Assert.Equal(0, IommuApi.Map(w.Domain, 0x10000000, 0x8A000000, 0x10000, RW));
        Assert.Equal(MsmTranslationOutcome.Walked, w.Hw.Translate(0, 0x10005000, write: false).Outcome);
        Assert.Equal(MsmTranslationOutcome.TlbHit, w.Hw.Translate(0, 0x1000F000, write: false).Outcome);
        w.Platform.TlbInvalidations = 0;
        Assert.Equal(0x10000u, IommuApi.Unmap(w.Domain, 0x10000000, 0x10000));
        Assert.Equal(16, w.Platform.TlbInvalidations); // a 64K block: one TLBIVA per cleared slot
        Assert.Equal(MsmTranslationOutcome.Fault, w.Hw.Translate(0, 0x10005000, write: false).Outcome);
    }

    [Fact]
    public void AlignedMegabyteUnmapOfSmallPages_FreesTheTableWithAWalkFlush()
    {
        var w = new World().Attached();
        var pages = new uint[256];
        for (int i = 0; i < pages.Length; i++)
            pages[i] = 0x8A000000u + (uint)(i * 7 % 256) * 0x1000;
        var sgl = new Scatterlist[pages.Length];
        for (int i = 0; i < pages.Length; i++)
            sgl[i].SetPage(pages[i], 0x1000, 0);
        SgTable sgt = SgTable.FromEntries(sgl);
        Assert.Equal(0x100000L, IommuApi.MapSg(w.Domain, 0x20000000, sgt, pages.Length, RW));
        Assert.Equal(1, w.Table.L2Cache.LiveObjects);
        Assert.Equal(256, w.Platform.TlbInvalidations);
        Assert.Equal(0x8A007123u, IommuApi.IovaToPhys(w.Domain, 0x20001123));
        w.Platform.TlbInvalidations = 0;
        Assert.Equal(0x100000u, IommuApi.Unmap(w.Domain, 0x20000000, 0x100000));
        Assert.Equal(0, w.Table.L2Cache.LiveObjects); // 3.3 would leak it (msm.md §5.7, V7S-D7)
        Assert.Equal(256, w.Platform.TlbInvalidations); // tlb_flush_walk(iova, 1M, 4K)
        Assert.Equal(0u, w.Soc.Memory.ReadWord(w.Table.Pgd + (0x200u << 2)));
    }

    [Fact]
    public void TheFlushCursor_IsNotResetForTheNextContext()
    {
        var w = new World().Attached();
        Assert.Equal(0, IommuApi.Map(w.Domain, 0x10000000, 0x8A000000, 0x1000, RW));
        Assert.Equal(MsmTranslationOutcome.Walked, w.Hw.Translate(0, 0x10000000, write: false).Outcome);
        ArmV7sPageTable first = w.Table;
        Assert.Equal(0, IommuApi.AttachDevice(w.Domain, w.Misc)); // a second attach: a new, empty table (V7S-D14)
        Assert.NotSame(first, w.Table);
        Assert.Same(first, Assert.Single(w.Priv.Orphaned));
        Assert.Equal(first.Pgd | 0x2, w.Hw.PeekContextRegister(0, TTBR0)); // imgwr still walks the first table
        Assert.Equal(0, IommuApi.Map(w.Domain, 0x10000000, 0x8B000000, 0x1000, RW));
        // sync_map: list = [misc, imgwr]; misc gets TLBIVA 0x10000000, imgwr gets 0x10001000 (the cursor ran on),
        // so imgwr's TLB entry for 0x10000000 survives.
        Assert.Equal(MsmTranslationOutcome.TlbHit, w.Hw.Translate(0, 0x10000000, write: false).Outcome);
        Assert.Equal(0x8B000000u, w.Hw.Translate(1, 0x10000000, write: false).Pa);
    }

    [Fact]
    public void Detach_FreesEveryTableAndResetsTheContext()
    {
        var w = new World();
        int pages = w.Soc.Pages.AllocatedPages;
        w.Attached();
        Assert.Equal(0, IommuApi.Map(w.Domain, 0x10000000, 0x8A000000, 0x1000, RW));
        Assert.Equal(0, IommuApi.Map(w.Domain, 0x10400000, 0x8A000000, 0x1000, RW));
        Assert.True(w.Hw.Translate(0, 0x10000000, write: false).Succeeded);
        ArmV7sPageTable table = w.Table;
        w.Platform.TlbInvalidations = 0;
        IommuApi.DetachDevice(w.Domain, w.Imgwr);
        Assert.Equal(1, w.Platform.TlbInvalidations); // free_pgtable's tlb_flush_all
        Assert.Null(w.Priv.Iop);
        Assert.Equal(0, table.L2Cache.LiveObjects);
        Assert.Equal(pages, w.Soc.Pages.AllocatedPages);
        Assert.Equal(0u, w.Hw.PeekContextRegister(0, SCTLR));
        Assert.Equal(0u, IommuApi.IovaToPhys(w.Domain, 0x10000000));
        Assert.Throws<KernelBugException>(() => IommuApi.Map(w.Domain, 0x10000000, 0x8A000000, 0x1000, RW));
    }

    [Fact]
    public void MapBeforeAttach_DereferencesANullTable() =>
        Assert.Throws<KernelBugException>(() => IommuApi.Map(new World().Domain, 0x10000000, 0x8A000000, 0x1000, RW));

    [Fact]
    public void TheWalker_FaultsOnAMissingAccessFlagUnderAfe()
    {
        var w = new World().Attached();
        Assert.Equal(0, IommuApi.Map(w.Domain, 0x10000000, 0x8A000000, 0x1000, RW));
        uint slot = w.Soc.Memory.ReadWord(w.Table.Pgd + (0x100u << 2)) & 0xFFFFFC00;
        w.Soc.Memory.WriteWord(slot, w.Soc.Memory.ReadWord(slot) & ~0x10u); // clear AP0 (the access flag)
        MsmTranslation t = w.Hw.Translate(0, 0x10000000, write: false);
        Assert.Equal((MsmTranslationOutcome.Fault, FSR_AFF | FSR_SL), (t.Outcome, t.FaultStatus));
    }
}
