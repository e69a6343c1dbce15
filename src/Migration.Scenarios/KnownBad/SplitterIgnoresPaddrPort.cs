using Generic.Iommu;

namespace Migration.Scenarios.KnownBad;

/// <summary>
/// `splitter-ignores-paddr`: the 3.3 core's iommu_pgsize picks the page size by the iova's alignment only, not the
/// common alignment of iova and paddr (generic.md §5.1 step 5): a 1M-aligned iova over a 4K-aligned buffer gets a
/// 1M page whose physical base is not the buffer.
/// </summary>
public sealed class SplitterIgnoresPaddrPort : KnownBadPort
{
    private static readonly IommuMapPolicy Policy = new ByIovaOnly();

    /// <inheritdoc />
    public override string Name => "splitter-ignores-paddr";

    /// <inheritdoc />
    public override string Breaks => "generic/Generic.Iommu PageSizeSplitter (iommu_pgsize) aligns the page to the iova only, ignoring paddr";

    /// <inheritdoc />
    public override IReadOnlyList<string> CaughtBy { get; } = ["msm-camera"];

    internal override void Domain(IommuDomain domain) => domain.MapPolicy = Policy;

    private sealed class ByIovaOnly : IommuMapPolicy
    {
        public override uint PageSize(uint pgsizeBitmap, uint iova, uint paddr, uint size) =>
            PageSizeSplitter.PageSize(pgsizeBitmap, iova, iova, size); // the injected bug: paddr's alignment dropped
    }
}
