using Generic.Iommu;
using Migration.Kernel;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// struct iommu_ops forwarding every op to a real driver's: a known-bad driver overrides the one op it breaks.
/// Only the 3.3 ops (no map_pages / unmap_pages), which is what the OMAP driver offers.
/// </summary>
internal abstract class DelegatingIommuOps : IIommuOps
{
    protected DelegatingIommuOps(IIommuOps real)
    {
        ArgumentNullException.ThrowIfNull(real);
        Real = real;
    }

    /// <summary>The real driver's ops.</summary>
    protected IIommuOps Real { get; }

    /// <summary>A bus whose IOMMU is the ops registered on <paramref name="bus"/> wrapped by <paramref name="wrap"/>.</summary>
    public static BusType Install(BusType bus, Func<IIommuOps, IIommuOps> wrap)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(wrap);
        var broken = new BusType(bus.Name + " (known-bad port)");
        broken.SetIommu(wrap(bus.IommuOps ?? throw new InvalidOperationException("no IOMMU driver on " + bus.Name)));
        return broken;
    }

    public uint PgsizeBitmap => Real.PgsizeBitmap;

    public int DomainInit(IommuDomain domain) => Real.DomainInit(domain);

    public void DomainDestroy(IommuDomain domain) => Real.DomainDestroy(domain);

    public int AttachDev(IommuDomain domain, Device dev) => Real.AttachDev(domain, dev);

    public void DetachDev(IommuDomain domain, Device dev) => Real.DetachDev(domain, dev);

    public virtual int Map(IommuDomain domain, uint iova, uint paddr, uint size, int prot) => Real.Map(domain, iova, paddr, size, prot);

    public virtual uint Unmap(IommuDomain domain, uint iova, uint size) => Real.Unmap(domain, iova, size);

    public uint IovaToPhys(IommuDomain domain, uint iova) => Real.IovaToPhys(domain, iova);

    public int DomainHasCap(IommuDomain domain, uint cap) => Real.DomainHasCap(domain, cap);
}
