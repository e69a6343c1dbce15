using Generic.Iommu;
using Generic.IoPgtable;
using Generic.Msm;
using Migration.Drivers.Msm;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// `msm-v7s-gather-without-sync`: the v7s MSM port's tlb_add_page adds the cleared page to the gather, as a driver with
/// an iotlb_sync would, but msm_iommu_ops.iotlb_sync stays NULL (v7s.md §2.2): no leaf invalidation is ever issued, so a
/// page the device used stays in the TLB after unmap clears it. Table frees still get their walk flush.
/// </summary>
public sealed class MsmV7sGatherWithoutSyncPort : KnownBadPort
{
    /// <inheritdoc />
    public override string Name => "msm-v7s-gather-without-sync";

    /// <inheritdoc />
    public override string Breaks => "generic/Generic.Msm msm_iommu_flush_ops.tlb_add_page gathers, but the ops have no iotlb_sync";

    /// <inheritdoc />
    public override IReadOnlyList<string> CaughtBy { get; } = ["msm-random"];

    internal override IIommuOps? MsmV7sOps(MsmIommuPlatform platform) => new MsmIommuV7sOps(platform, real => new GatheringFlushOps(real));

    private sealed class GatheringFlushOps(IIommuFlushOps real) : IIommuFlushOps
    {
        public void TlbFlushAll(object? cookie) => real.TlbFlushAll(cookie);

        public void TlbFlushWalk(uint iova, uint size, uint granule, object? cookie) => real.TlbFlushWalk(iova, size, granule, cookie);

        // The injected bug: gathered for an iotlb_sync that msm_iommu_ops does not have.
        public void TlbAddPage(ref IommuIotlbGather gather, uint iova, uint granule, object? cookie) => gather.AddRange(iova, granule, granule);
    }
}
