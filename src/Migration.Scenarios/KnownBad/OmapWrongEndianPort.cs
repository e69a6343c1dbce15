using Generic.Iommu;
using Migration.Drivers.Omap;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// `omap-wrong-endian`: the ported OMAP driver (omap_iommu_map) also sets IOVMF_ENDIAN_BIG, one wrong attribute bit
/// (E) in every entry it writes. The first known-bad port (`equiv --broken-port`).
/// </summary>
public sealed class OmapWrongEndianPort : KnownBadPort
{
    /// <inheritdoc />
    public override string Name => "omap-wrong-endian";

    /// <inheritdoc />
    public override string Breaks => "generic/Generic.Omap omap_iommu_map writes IOVMF_ENDIAN_BIG (E) into every entry";

    /// <inheritdoc />
    public override IReadOnlyList<string> CaughtBy { get; } = ["random", "shared-space"];

    internal override BusType OmapBus(BusType bus) => DelegatingIommuOps.Install(bus, real => new Ops(real));

    private sealed class Ops(IIommuOps real) : DelegatingIommuOps(real)
    {
        public override int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot) =>
            Real.Map(domain, iova, paddr, size, prot | (int)IovmFlags.IOVMF_ENDIAN_BIG); // the injected bug
    }
}
