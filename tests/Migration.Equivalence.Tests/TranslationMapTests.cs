using Generic.Iommu;
using Legacy.Iommu;
using Legacy.Omap;
using Migration.Drivers.Msm;
using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Kernel;
using GenericOmapArchData = Generic.Omap.OmapIommuArchData;
using GenericOmapDomain = Generic.Omap.OmapIommuDomain;
using GenericOmapDriver = Generic.Omap.OmapIommuDriver;
using GenericMsmDriver = Generic.Msm.MsmIommuDriver;
using LegacyMsmDriver = Legacy.Msm.MsmIommuDriver;

namespace Migration.Equivalence.Tests;

/// <summary>Canonical translation maps of the two worlds, compared as merged runs (issue: translation mode).</summary>
public class TranslationMapTests
{
    private static (IommuCore Core, Legacy.Iommu.IommuDomain Domain, Soc Soc) LegacyMsm()
    {
        var soc = Soc.CreateDefault();
        var core = new IommuCore(IommuCoreFlavor.Caf30);
        LegacyMsmDriver.Register(soc, new KernelMemory(soc.Pages), core);
        return (core, core.IommuDomainAlloc(0)!, soc);
    }

    private static (Generic.Iommu.IommuDomain Domain, Soc Soc) PortedMsm()
    {
        var soc = Soc.CreateDefault();
        var bus = new BusType("platform");
        GenericMsmDriver.Register(soc, new KernelMemory(soc.Pages), bus);
        return (IommuApi.DomainAlloc(bus)!, soc);
    }

    private static List<TranslationRun> MapOf(Soc soc, object priv) =>
        TranslationMap.Build(new MsmTranslationWalker(soc.Memory), ((MsmPriv)priv).PageTable.FlTable);

    [Fact]
    public void PageByPageLegacyAndOneCallPort_HaveTheSameMergedMap()
    {
        var (core, legacyDomain, legacySoc) = LegacyMsm();
        var (portDomain, portSoc) = PortedMsm();
        for (uint off = 0; off < 0x00121000; off += 0x1000)
            Assert.Equal(0, core.IommuMap(legacyDomain, 0x0010F000 + off, 0x4010F000 + off, 0, 0));
        Assert.Equal(0, IommuApi.Map(portDomain, 0x0010F000, 0x4010F000, 0x00121000, 0));

        List<TranslationRun> legacy = MapOf(legacySoc, legacyDomain.Priv!);
        List<TranslationRun> port = MapOf(portSoc, portDomain.Priv!);

        // 289 legacy 4K pages against the port's 4K, 64K and 1M pages: one merged run on each side, equal in
        // translation mode (prot 0 = class 1, B only, so the 64K TEX0 position does not matter here).
        Assert.Equal([new TranslationRun(0x0010F000, 0x121000, 0x4010F000, 0x16)], legacy);
        Assert.Equal(legacy, port);
        Assert.Null(TranslationMap.FirstDifference(legacy, port));
    }

    [Fact]
    public void CachedMappings_DivergeWhereThePortUses64KPages_BecauseTex0IsWrittenAtBit6_MsmMd33()
    {
        var (core, legacyDomain, legacySoc) = LegacyMsm();
        var (portDomain, portSoc) = PortedMsm();
        for (uint off = 0; off < 0x20000; off += 0x1000)
            Assert.Equal(0, core.IommuMap(legacyDomain, 0x30000000 + off, 0x60000000 + off, 0, 1)); // prot 1: class 7
        Assert.Equal(0, IommuApi.Map(portDomain, 0x30000000, 0x60000000, 0x20000, 1));            // two 64K pages

        TranslationDivergence? d = TranslationMap.FirstDifference(MapOf(legacySoc, legacyDomain.Priv!), MapOf(portSoc, portDomain.Priv!));

        // Small pages carry TEX0 at bit 6, large pages at bit 12; the driver writes bit 6 for both (msm.md §3.3
        // note), so the hardware sees memory type 7 through the legacy 4K pages and 3 through the port's 64K pages.
        Assert.NotNull(d);
        Assert.Equal(0x30000000u, d.Iova);
        Assert.Equal(0x76u, d.Left!.Value.Attributes);
        Assert.Equal(0x36u, d.Right!.Value.Attributes);
    }

    [Fact]
    public void AWrongAttributeBitInTheTable_IsReportedAtTheFirstDivergentAddress()
    {
        var (core, legacyDomain, legacySoc) = LegacyMsm();
        var (portDomain, portSoc) = PortedMsm();
        for (uint off = 0; off < 0x8000; off += 0x1000)
            core.IommuMap(legacyDomain, 0x20000000 + off, 0x50000000 + off, 0, 0);
        IommuApi.Map(portDomain, 0x20000000, 0x50000000, 0x8000, 0);
        // A broken port: the sixth page's small-page descriptor gets the C bit.
        MsmPageTable table = ((MsmPriv)portDomain.Priv!).PageTable;
        uint pte = (table.ReadFl(0x200) & 0xFFFFFC00) + 5 * 4;
        portSoc.Memory.WriteWord(pte, portSoc.Memory.ReadWord(pte) | MsmPageTableFormat.SL_CACHEABLE);

        TranslationDivergence? d = TranslationMap.FirstDifference(MapOf(legacySoc, legacyDomain.Priv!), MapOf(portSoc, portDomain.Priv!));

        Assert.NotNull(d);
        Assert.Equal(0x20005000u, d.Iova);
        Assert.Equal(0x50005000u, d.Left!.Value.Translate(d.Iova));
        Assert.Equal(0x50005000u, d.Right!.Value.Translate(d.Iova));
        Assert.Equal(0x16u, d.Left!.Value.Attributes);
        Assert.Equal(0x36u, d.Right!.Value.Attributes); // memory type index 1 → 3
    }

    [Fact]
    public void OmapProtReadAsIovmfBits_IsADivergence_OmapMd73()
    {
        // Legacy: a 4K page stored through iopgtable_store_entry.
        var legacySoc = Soc.CreateDefault();
        var legacy = OmapIommuDriver.Register(legacySoc, new KernelMemory(legacySoc.Pages));
        OmapIommu isp = OmapIommu.Get(legacy, "isp").Value!;
        IotlbEntry.Init(out IotlbEntry e, 0x00101000, 0x80101000, IovmFlags.IOVMF_PGSZ_4K);
        Assert.Equal(0, IopgTable.StoreEntry(isp, e));

        // Port: a generic caller passes IOMMU_READ|IOMMU_WRITE = 3, which the 3.3 OMAP driver reads as the 16M code.
        var portSoc = Soc.CreateDefault();
        var bus = new BusType("platform");
        GenericOmapDriver.Register(portSoc, new KernelMemory(portSoc.Pages), bus);
        var domain = IommuApi.DomainAlloc(bus)!;
        var client = new Device("isp-client") { ArchDataIommu = new GenericOmapArchData("isp") };
        Assert.Equal(0, IommuApi.AttachDevice(domain, client));
        Assert.Equal(-22, IommuApi.Map(domain, 0x00101000, 0x80101000, 0x1000, 3));

        TranslationDivergence? d = TranslationMap.FirstDifference(
            TranslationMap.Build(new OmapTranslationWalker(legacySoc.Memory), isp.Instance.Iopgd),
            TranslationMap.Build(new OmapTranslationWalker(portSoc.Memory), ((GenericOmapDomain)domain.Priv!).Pgtable));

        Assert.NotNull(d);
        Assert.Equal(0x00101000u, d.Iova);
        Assert.NotNull(d.Left);
        Assert.Null(d.Right);
    }

    [Fact]
    public void EmptySpaces_AreEquivalent_AndBuildInOneWalkPerFirstLevelEntry()
    {
        var (_, legacyDomain, legacySoc) = LegacyMsm();
        var walker = new CountingWalker(new MsmTranslationWalker(legacySoc.Memory));
        Assert.Empty(TranslationMap.Build(walker, ((MsmPriv)legacyDomain.Priv!).PageTable.FlTable));
        Assert.Equal(4096, walker.Walks);
    }

    private sealed class CountingWalker(ITranslationWalker inner) : ITranslationWalker
    {
        public int Walks { get; private set; }

        public string Format => inner.Format;

        public bool Walk(uint root, uint va, out PageEntry entry, out uint faultGranule)
        {
            Walks++;
            return inner.Walk(root, va, out entry, out faultGranule);
        }

        public uint SecondLevelTable(uint root, uint va) => inner.SecondLevelTable(root, va);

        public DeviceAccess Access(in PageEntry entry) => inner.Access(entry);
    }
}
