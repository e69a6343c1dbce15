using Generic.Iommu;
using Generic.Omap;
using Migration.Drivers.Msm;
using Migration.Equivalence;
using Migration.Hardware;
using Migration.Kernel;
using OmapDriver = Generic.Omap.OmapIommuDriver;
using MsmDriver = Generic.Msm.MsmIommuDriver;

namespace Generic.SharedSpace.Tests;

/// <summary>
/// One SoC with the OMAP ISP MMU and the MSM VFE context each behind its own 3.3 driver (one iommu_ops per bus), a
/// domain on each, and buffers from a page allocator that belongs to neither.
/// </summary>
internal sealed class SharedSpaceRig
{
    public SharedSpaceRig(SharedAddressSpace? space = null)
    {
        Space = space ?? new SharedAddressSpace();
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        var omapBus = new BusType("platform (omap)");
        var msmBus = new BusType("platform (msm)");
        OmapDriver.Register(Soc, Kmem, omapBus);
        Msm = MsmDriver.Register(Soc, Kmem, msmBus);
        Omap = IommuApi.DomainAlloc(omapBus)!;
        MsmDomain = IommuApi.DomainAlloc(msmBus)!;
        Assert.Equal(0, IommuApi.AttachDevice(Omap, new Device("omap3isp") { ArchDataIommu = new OmapIommuArchData("isp") }));
        Assert.Equal(0, IommuApi.AttachDevice(MsmDomain, Msm.GetCtx("vfe_imgwr")!));
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public MsmDriver Msm { get; }

    public IommuDomain Omap { get; }

    public IommuDomain MsmDomain { get; }

    public SharedAddressSpace Space { get; }

    /// <summary>omap3isp's IOMMU_FLAG: the OMAP driver reads prot as IOVMF bits (omap.md §7.3).</summary>
    public static int OmapProt(int prot) => 0;

    /// <summary>The mainline MSM driver reads prot &amp; 3 as a cache class (msm.md §9.1): class slot 0 for every buffer here.</summary>
    public static int MsmProt(int prot) => 0;

    public MsmPageTable MsmTable => ((MsmPriv)MsmDomain.Priv!).PageTable;

    /// <summary>What each IOMMU translates, as merged runs with the format's attribute bits left out (they differ by design).</summary>
    public List<TranslationRun> OmapRuns() =>
        Plain(TranslationMap.Build(new OmapTranslationWalker(Soc.Memory), ((OmapIommuDomain)Omap.Priv!).Pgtable));

    public List<TranslationRun> MsmRuns() =>
        Plain(TranslationMap.Build(new MsmTranslationWalker(Soc.Memory), MsmTable.FlTable));

    /// <summary>The page sizes the OMAP walker finds at two device addresses.</summary>
    public (uint, uint) OmapPageSizes(uint a, uint b) => (PageSize(new OmapTranslationWalker(Soc.Memory), ((OmapIommuDomain)Omap.Priv!).Pgtable, a), PageSize(new OmapTranslationWalker(Soc.Memory), ((OmapIommuDomain)Omap.Priv!).Pgtable, b));

    /// <summary>The page sizes the MSM walker finds at two device addresses.</summary>
    public (uint, uint) MsmPageSizes(uint a, uint b) => (PageSize(new MsmTranslationWalker(Soc.Memory), MsmTable.FlTable, a), PageSize(new MsmTranslationWalker(Soc.Memory), MsmTable.FlTable, b));

    private static uint PageSize(ITranslationWalker walker, uint root, uint va) => walker.Walk(root, va, out PageEntry e, out _) ? e.Size : 0;

    /// <summary>A physically contiguous buffer of 2^order pages from the SoC's allocator (owned by the test, not a domain).</summary>
    public uint Buffer(int order) => Soc.Pages.AllocPages(order, zero: false);

    private static List<TranslationRun> Plain(List<TranslationRun> runs)
    {
        var merged = new List<TranslationRun>();
        foreach (TranslationRun r in runs)
        {
            TranslationRun p = r with { Attributes = 0 };
            if (merged.Count > 0 && merged[^1].End == p.Iova && merged[^1].Pa + merged[^1].Length == p.Pa)
                merged[^1] = merged[^1] with { Length = merged[^1].Length + p.Length };
            else
                merged.Add(p);
        }
        return merged;
    }
}
