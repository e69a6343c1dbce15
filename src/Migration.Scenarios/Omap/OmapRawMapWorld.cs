using Generic.Iommu;
using Generic.Omap;
using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Equivalence;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Kernel;

namespace Migration.Scenarios.Omap;

/// <summary>
/// A caller that maps single pages itself: in 3.0 through iopgtable_store_entry with the IOVMF page-size code
/// (omap.md §4.5), in 3.3 through iommu_map(domain, da, pa, bytes, prot) with the generic IOMMU_* prot bits a
/// generic caller passes (generic.md §2.1). Step: "map da= pa= size= prot=".
/// </summary>
public sealed class OmapRawMapWorld : IEquivalenceWorld
{
    private readonly Soc _soc = Soc.CreateDefault();
    private readonly OmapIommu? _isp;
    private readonly IommuDomain? _domain;

    /// <summary>The ISP MMU on a fresh SoC, driven by the 3.3 generic API when <paramref name="ported"/>, else by 3.0 iopgtable_store_entry.</summary>
    public OmapRawMapWorld(bool ported)
    {
        var kmem = new KernelMemory(_soc.Pages);
        var mmu = _soc.FindOmapMmu("isp")!;
        if (ported)
        {
            var bus = new BusType("platform");
            Generic.Omap.OmapIommuDriver.Register(_soc, kmem, bus);
            _domain = IommuApi.DomainAlloc(bus)!;
            IommuApi.AttachDevice(_domain, new Device("omap3isp") { ArchDataIommu = new OmapIommuArchData("isp") });
            Name = "Linux 3.3: a generic caller, iommu_map(domain, da, pa, bytes, IOMMU_READ|IOMMU_WRITE)";
            Spaces = [new DeviceAddressSpace("isp", new OmapTranslationWalker(_soc.Memory), () => ((OmapIommuDomain)_domain.Priv!).Pgtable, () => OmapWorldSupport.Tlb(mmu))];
        }
        else
        {
            _isp = OmapIommu.Get(Legacy.Omap.OmapIommuDriver.Register(_soc, kmem), "isp").Value!;
            Name = "Linux 3.0: the same pages through iopgtable_store_entry with the IOVMF page-size code";
            Spaces = [new DeviceAddressSpace("isp", new OmapTranslationWalker(_soc.Memory), () => _isp.Instance.Iopgd, () => OmapWorldSupport.Tlb(mmu))];
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public PhysicalMemory Memory => _soc.Memory;

    /// <inheritdoc />
    public IReadOnlyList<DeviceAddressSpace> Spaces { get; }

    /// <inheritdoc />
    public PhysicalIdentity Identity { get; } = new();

    /// <inheritdoc />
    public WriteTracker Tracker { get; } = new();

    /// <summary>"map da= pa= size= prot=": one entry of that size (prot is the generic IOMMU_* word; 3.0 has none).</summary>
    public StepOutcome Apply(TraceStep step)
    {
        uint da = step.U("da"), pa = step.U("pa"), size = step.U("size");
        if (_domain is not null)
        {
            Tracker.CurrentCall = $"iommu_map(domain, 0x{da:x8}, 0x{pa:x8}, 0x{size:x}, {step["prot"]})";
            return StepOutcome.Of(IommuApi.Map(_domain, da, pa, size, step.I("prot")));
        }
        uint code = size switch
        {
            0x1000 => IovmFlags.IOVMF_PGSZ_4K,
            0x10000 => IovmFlags.IOVMF_PGSZ_64K,
            0x100000 => IovmFlags.IOVMF_PGSZ_1M,
            _ => IovmFlags.IOVMF_PGSZ_16M,
        };
        Tracker.CurrentCall = $"iopgtable_store_entry(isp, {{da 0x{da:x8}, pa 0x{pa:x8}, pgsz 0x{code:x}}})";
        IotlbEntry.Init(out IotlbEntry e, da, pa, code);
        return StepOutcome.Of(IopgTable.StoreEntry(_isp!, e));
    }
}
