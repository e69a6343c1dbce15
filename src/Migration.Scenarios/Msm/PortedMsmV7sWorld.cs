using Generic.Iommu;
using Generic.Msm;
using Migration.Drivers.Msm;
using Migration.Kernel;
using Migration.Scenarios.KnownBad;

namespace Migration.Scenarios.Msm;

/// <summary>
/// The modern world of `msm-random`: msm_iommu.c on io-pgtable-arm-v7s (Linux 6.13+) behind the generic API; page runs
/// through one byte-sized iommu_map, lists through iommu_map_sg, both unmapped with one iommu_unmap; prot is the
/// generic flag set (<see cref="MsmRandomProt"/>). With a known-bad port, the driver is that port's (test-only).
/// </summary>
internal sealed class PortedMsmV7sWorld : MsmRandomWorld
{
    private readonly IommuDomain _domain;

    public PortedMsmV7sWorld(KnownBadPort? knownBad = null)
        : base("Linux 6.13+: msm_iommu on io-pgtable-arm-v7s behind iommu_map / iommu_map_sg / iommu_unmap"
            + (knownBad is null ? "" : $", with the known-bad port {knownBad.Name} (test-only)"))
    {
        var platform = new MsmIommuPlatform(Kmem);
        platform.ProbeAll(Soc);
        var bus = new BusType("platform");
        IIommuOps ops = knownBad?.MsmV7sOps(platform) ?? new MsmIommuV7sOps(platform);
        int ret = bus.SetIommu(ops);
        if (ret != 0)
            throw new InvalidOperationException($"bus_set_iommu: {Errno.Describe(ret)}");
        Device ctx = platform.GetCtx(ContextName)!;
        ContextNumber = ((MsmIommuCtxDrvdata)ctx.DriverData!).Num;
        _domain = IommuApi.DomainAlloc(bus) ?? throw new InvalidOperationException("iommu_domain_alloc failed");
        ret = IommuApi.AttachDevice(_domain, ctx);
        if (ret != 0)
            throw new InvalidOperationException($"iommu_attach_device: {Errno.Describe(ret)}");
    }

    protected override int ContextNumber { get; }

    protected override int Map(uint iova, uint pa, uint size, int count, bool cached) =>
        IommuApi.Map(_domain, iova, pa, size * (uint)count, MsmRandomProt.Generic(readOnly: false, cached));

    protected override long Unmap(uint iova, uint size, int count) => IommuApi.Unmap(_domain, iova, size * (uint)count);

    protected override long MapSg(uint iova, SgTable sgt, bool readOnly, bool cached) =>
        IommuApi.MapSg(_domain, iova, sgt, sgt.Nents, MsmRandomProt.Generic(readOnly, cached));

    protected override long UnmapSg(uint iova, uint bytes) => IommuApi.Unmap(_domain, iova, bytes);
}
