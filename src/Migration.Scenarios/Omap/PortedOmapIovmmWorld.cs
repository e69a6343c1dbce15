using Generic.Iommu;
using Generic.Omap;
using Migration.Drivers.Omap;
using Migration.Equivalence;
using Migration.Kernel;
using Migration.Scenarios.KnownBad;

namespace Migration.Scenarios.Omap;

/// <summary>
/// The Linux 3.3 world: the OMAP driver behind bus_set_iommu, a domain attached to the ISP device (archdata
/// {"isp"}), and omap-iovmm on the generic API (omap.md §7.5, §7.7).
/// </summary>
internal sealed class PortedOmapIovmmWorld : OmapIovmmWorld
{
    private readonly IommuDomain _domain;
    private readonly Device _dev;
    private readonly KnownBadPort? _knownBad;

    /// <summary>The 3.3 world; with <paramref name="knownBad"/> the pieces that port replaces are its (test-only).</summary>
    public PortedOmapIovmmWorld(KnownBadPort? knownBad = null)
        : base(knownBad is not null
            ? $"Linux 3.3 omap-iovmm on the generic API, with the known-bad port {knownBad.Name} (test-only)"
            : "Linux 3.3: omap-iovmm on the generic IOMMU API (domain + iommu_map by bytes)")
    {
        _knownBad = knownBad;
        var bus = new BusType("platform");
        OmapIommuDriver.Register(Soc, Kmem, bus);
        _domain = IommuApi.DomainAlloc(knownBad?.OmapBus(bus) ?? bus) ?? throw new InvalidOperationException("iommu_domain_alloc failed on a fresh SoC");
        _dev = new Device("omap3isp") { ArchDataIommu = new OmapIommuArchData("isp") };
        int ret = IommuApi.AttachDevice(_domain, _dev);
        if (ret != 0)
            throw new InvalidOperationException($"iommu_attach_device failed on a fresh SoC: {ret}");
        Spaces = [IspSpace(() => ((OmapIommuDomain)_domain.Priv!).Pgtable)];
    }

    public override IReadOnlyList<DeviceAddressSpace> Spaces { get; }

    protected override uint Vmalloc(uint bytes) => OmapIovmm.Vmalloc(_domain, _dev, 0, bytes, 0);

    protected override void Vfree(uint da) => OmapIovmm.Vfree(_domain, _dev, da);

    protected override uint Vmap(uint da, SgTable sgt, uint flags) => OmapIovmm.Vmap(_domain, _dev, da, sgt, flags);

    protected override SgTable? Vunmap(uint da) => _knownBad is { } bad ? bad.OmapIovmmVunmap(_domain, _dev, da) : OmapIovmm.Vunmap(_domain, _dev, da);

    protected override IovmArea? FindArea(uint da) => OmapIovmm.FindIovmArea(_dev, da);
}
