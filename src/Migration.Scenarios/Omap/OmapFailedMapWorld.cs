using Generic.Iommu;
using Generic.Omap;
using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Equivalence;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;
using Migration.Scenarios.KnownBad;

namespace Migration.Scenarios.Omap;

/// <summary>
/// A caller mapping a physically contiguous region at a fixed device address, whose map can fail midway: in 3.0
/// through iommu_vmap(isp, da, sgt, IOVMF_DA_FIXED) with one sg entry per page the region's alignment allows (the
/// largest OMAP page, as a 3.0 client built such lists), which map_iovm_area unwinds on a failure (omap.md §5.5);
/// in 3.3 through one byte-sized iommu_map, which splits the region and rolls back on a failure (generic.md §9.5).
/// Steps: "l2fail" (the ISP MMU's next L2 table allocation fails), "map da= pa= size=", "dma da= size=".
/// </summary>
internal sealed class OmapFailedMapWorld : IEquivalenceWorld
{
    private static readonly uint[] PageSizes = [0x1000000, 0x100000, 0x10000, 0x1000];

    private readonly Soc _soc = Soc.CreateDefault();
    private readonly OmapMmu _mmu;
    private readonly OmapIommuInstance _instance;
    private readonly OmapIommu? _isp;
    private readonly IommuDomain? _domain;

    /// <summary>The 3.0 world, or with <paramref name="ported"/> the 3.3 one (running <paramref name="knownBad"/> when given).</summary>
    public OmapFailedMapWorld(bool ported, KnownBadPort? knownBad = null)
    {
        var kmem = new KernelMemory(_soc.Pages);
        _mmu = _soc.FindOmapMmu("isp")!;
        if (ported)
        {
            var bus = new BusType("platform");
            var driver = Generic.Omap.OmapIommuDriver.Register(_soc, kmem, bus);
            _domain = IommuApi.DomainAlloc(knownBad?.OmapBus(bus) ?? bus) ?? throw new InvalidOperationException("iommu_domain_alloc failed on a fresh SoC");
            knownBad?.Domain(_domain);
            int ret = IommuApi.AttachDevice(_domain, new Device("omap3isp") { ArchDataIommu = new OmapIommuArchData("isp") });
            if (ret != 0)
                throw new InvalidOperationException($"iommu_attach_device failed on a fresh SoC: {ret}");
            _instance = driver.FindDevice("isp")!.Instance;
            Name = "Linux 3.3: iommu_map(domain, da, pa, bytes, 0) of the whole region" + (knownBad is null ? "" : $", with the known-bad port {knownBad.Name} (test-only)");
            Spaces = [new DeviceAddressSpace("isp", new OmapTranslationWalker(_soc.Memory), () => ((OmapIommuDomain)_domain.Priv!).Pgtable, () => OmapWorldSupport.Tlb(_mmu))];
        }
        else
        {
            _isp = OmapIommu.Get(Legacy.Omap.OmapIommuDriver.Register(_soc, kmem), "isp").Value ?? throw new InvalidOperationException("iommu_get(\"isp\") failed on a fresh SoC");
            _instance = _isp.Instance;
            Name = "Linux 3.0: iommu_vmap(isp, da, sgt of the region's pages, IOVMF_DA_FIXED)";
            Spaces = [new DeviceAddressSpace("isp", new OmapTranslationWalker(_soc.Memory), () => _isp.Instance.Iopgd, () => OmapWorldSupport.Tlb(_mmu))];
        }
    }

    public string Name { get; }

    public PhysicalMemory Memory => _soc.Memory;

    public IReadOnlyList<DeviceAddressSpace> Spaces { get; }

    public PhysicalIdentity Identity { get; } = new();

    public WriteTracker Tracker { get; } = new();

    public StepOutcome Apply(TraceStep step)
    {
        switch (step.Op)
        {
            case "l2fail":
                _instance.L2Cache.Faults.FailAt(1);
                return StepOutcome.Of(0);
            case "map":
            {
                uint da = step.U("da"), pa = step.U("pa"), size = step.U("size");
                Identity.NameContiguous(0, pa, size);
                return StepOutcome.Of(_domain is not null ? MapPorted(da, pa, size) : MapLegacy(da, pa, size));
            }
            case "dma":
                return new StepOutcome(0, OmapWorldSupport.Access(_mmu, Identity, step.U("da"), step.U("size")));
            default:
                throw new InvalidOperationException($"unknown op '{step.Op}' (the scenario validates ops before running)");
        }
    }

    private int MapPorted(uint da, uint pa, uint size)
    {
        Tracker.CurrentCall = $"iommu_map(domain, 0x{da:x8}, 0x{pa:x8}, 0x{size:x}, 0)";
        return IommuApi.Map(_domain!, da, pa, size, 0);
    }

    private int MapLegacy(uint da, uint pa, uint size)
    {
        var entries = new List<uint>();
        for (uint left = size, at = 0; left != 0;)
        {
            uint page = PageSizes.First(p => p <= left && ((da + at) & (p - 1)) == 0 && ((pa + at) & (p - 1)) == 0);
            entries.Add(page);
            at += page;
            left -= page;
        }
        SgTable sgt = SgTable.Alloc(entries.Count).Value!;
        uint off = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            sgt.Sgl[i].SetPage(pa + off, entries[i], 0);
            off += entries[i];
        }
        Tracker.CurrentCall = $"iommu_vmap(isp, 0x{da:x8}, sgt[{string.Join(", ", entries.Select(e => $"0x{e:x}"))}] @0x{pa:x8}, IOVMF_DA_FIXED)";
        uint ret = Iovmm.Vmap(_isp!, da, sgt, IovmFlags.IOVMF_DA_FIXED);
        return ErrValue.IsErrValue(ret) ? (int)ret : 0;
    }
}
