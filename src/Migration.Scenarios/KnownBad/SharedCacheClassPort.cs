using Migration.Drivers.Msm;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// `shared-cache-class-noncached`: the MSM camera's shared-space prot translation sends IOMMU_CACHE to the NONCACHED
/// slot (TEX class 1) instead of WB_WA (class 7, what CAF gives a cached mapping, msm.md §3.3): the camera reads a
/// buffer the space asked to be cacheable as non-cacheable memory.
/// </summary>
public sealed class SharedCacheClassPort : KnownBadPort
{
    /// <inheritdoc />
    public override string Name => "shared-cache-class-noncached";

    /// <inheritdoc />
    public override string Breaks => "generic/Generic.MsmCamera MsmCameraProt.ForShared maps IOMMU_CACHE to NONCACHED (class 1) instead of WB_WA (class 7)";

    /// <inheritdoc />
    public override IReadOnlyList<string> CaughtBy { get; } = ["shared-space"];

    // NONCACHED, not WT (class 2): the space only asks for a cacheable memory type, and write-through is cacheable, so
    // a WT mapping meets it (the cross-device check compares cacheable or not, not the class).
    internal override Func<int, int> MsmSharedProt => static _ => MsmAttributes.MSM_IOMMU_ATTR_NONCACHED; // the injected bug: IOMMU_CACHE ignored
}
