using Generic.Iommu;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// `map-rollback-skipped`: the 3.3 core's iommu_map returns the driver's error without unmapping the pages it
/// already mapped (generic.md §9.5): a map that fails midway leaves its head mapped.
/// </summary>
public sealed class MapRollbackSkippedPort : KnownBadPort
{
    private static readonly IommuMapPolicy Policy = new NoRollback();

    /// <inheritdoc />
    public override string Name => "map-rollback-skipped";

    /// <inheritdoc />
    public override string Breaks => "generic/Generic.Iommu IommuApi.Map skips the rollback of what it mapped before the driver failed";

    /// <inheritdoc />
    public override IReadOnlyList<string> CaughtBy { get; } = ["omap-map-rollback"];

    internal override void Domain(IommuDomain domain) => domain.MapPolicy = Policy;

    private sealed class NoRollback : IommuMapPolicy
    {
        public override void RollBack(IommuDomain domain, uint iova, uint mapped)
        {
            // the injected bug: nothing is unmapped
        }
    }
}
