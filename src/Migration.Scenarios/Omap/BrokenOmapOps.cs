using Generic.Iommu;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Migration.Scenarios.Omap;

/// <summary>
/// A deliberately broken port of the OMAP driver, for proving that the engine catches one: every op is the real
/// 3.3 driver's except map, which also sets IOVMF_ENDIAN_BIG, i.e. writes one wrong attribute bit (E) into each
/// entry. Never registered unless a test or `equiv --broken-port` asks for it.
/// </summary>
public sealed class BrokenOmapOps : IIommuOps
{
    private readonly IIommuOps _real;

    /// <summary>Wraps the real driver's ops <paramref name="real"/>.</summary>
    public BrokenOmapOps(IIommuOps real)
    {
        ArgumentNullException.ThrowIfNull(real);
        _real = real;
    }

    /// <summary>A bus whose IOMMU is the broken variant of the ops registered on <paramref name="bus"/>.</summary>
    public static BusType Install(BusType bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var broken = new BusType(bus.Name + " (broken port)");
        broken.SetIommu(new BrokenOmapOps(bus.IommuOps ?? throw new InvalidOperationException("no IOMMU driver on " + bus.Name)));
        return broken;
    }

    /// <inheritdoc />
    public uint PgsizeBitmap => _real.PgsizeBitmap;

    /// <inheritdoc />
    public int DomainInit(IommuDomain domain) => _real.DomainInit(domain);

    /// <inheritdoc />
    public void DomainDestroy(IommuDomain domain) => _real.DomainDestroy(domain);

    /// <inheritdoc />
    public int AttachDev(IommuDomain domain, Device dev) => _real.AttachDev(domain, dev);

    /// <inheritdoc />
    public void DetachDev(IommuDomain domain, Device dev) => _real.DetachDev(domain, dev);

    /// <inheritdoc />
    public int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot) =>
        _real.Map(domain, iova, paddr, size, prot | (int)IovmFlags.IOVMF_ENDIAN_BIG); // the injected bug

    /// <inheritdoc />
    public uint Unmap(IommuDomain domain, uint iova, uint size) => _real.Unmap(domain, iova, size);

    /// <inheritdoc />
    public uint IovaToPhys(IommuDomain domain, uint iova) => _real.IovaToPhys(domain, iova);

    /// <inheritdoc />
    public int DomainHasCap(IommuDomain domain, uint cap) => _real.DomainHasCap(domain, cap);
}
