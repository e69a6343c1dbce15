using Generic.Iommu;
using Generic.Iommu.Dma;
using Generic.Msm;
using Generic.MsmCamera;
using Migration.Drivers.Msm;
using Generic.Omap;
using Migration.Kernel;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// A deliberately wrong port (issue 15: a verifier is only as good as the wrong ports it catches): one piece of the
/// ported (generic/) side wrapped or replaced with one bug. A scenario's ported world asks the port for each piece it
/// builds; every hook returns the real piece unless the port replaces that one. Test-only: never the default.
/// </summary>
public abstract class KnownBadPort
{
    /// <summary>The catalog name (kebab-case).</summary>
    public abstract string Name { get; }

    /// <summary>What the bug is and where it sits, one sentence.</summary>
    public abstract string Breaks { get; }

    /// <summary>The scenarios that catch it (each reports a divergence the scenario does not document).</summary>
    public abstract IReadOnlyList<string> CaughtBy { get; }

    /// <summary>The bus whose IOMMU ops the ported OMAP world allocates its domain from (bus_set_iommu's ops).</summary>
    internal virtual BusType OmapBus(BusType bus) => bus;

    /// <summary>Called for every domain a ported MSM world allocates: the core's page choice and rollback live there.</summary>
    internal virtual void Domain(IommuDomain domain)
    {
    }

    /// <summary>The iommu_ops the ported MSM v7s world registers on <paramref name="platform"/>; null for the real <see cref="MsmIommuV7sOps"/>.</summary>
    internal virtual IIommuOps? MsmV7sOps(MsmIommuPlatform platform) => null;

    /// <summary>The dma_map_ops the DMA-mapping port of omap3isp installs, given the real <see cref="IommuDmaOps"/>.</summary>
    internal virtual IDmaMapOps DmaOps(IDmaMapOps real) => real;

    /// <summary>The shared address space over [start, start + size) the shared-space world builds.</summary>
    internal virtual SharedAddressSpace SharedSpace(uint start, uint size) => new(start, size);

    /// <summary>The MSM camera's translation of a shared mapping's generic prot into its cache slot.</summary>
    internal virtual Func<int, int> MsmSharedProt => MsmCameraProt.ForShared;

    /// <summary>omap_iommu_vunmap(domain, dev, da) of omap-iovmm 3.3.</summary>
    internal virtual SgTable? OmapIovmmVunmap(IommuDomain domain, Device dev, uint da) => OmapIovmm.Vunmap(domain, dev, da);

    /// <inheritdoc />
    public override string ToString() => Name;
}
