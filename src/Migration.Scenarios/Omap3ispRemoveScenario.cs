using Migration.Equivalence;

namespace Migration.Scenarios;

/// <summary>
/// `omap3isp-remove` (omap.md §7.7, §7.2): in 3.3 isp_remove detaches the domain (which clears archdata's iommu_dev)
/// and then calls omap3isp_put, whose context save passes isp->dev to omap_iommu_save_ctx with no NULL guard: an
/// oops where 3.0's guarded iommu_save_ctx(isp->iommu) completes.
/// </summary>
public sealed class Omap3ispRemoveScenario : IspScenario
{
    /// <inheritdoc />
    public override string Name => "omap3isp-remove";

    /// <inheritdoc />
    public override string Description => "omap.md §7.7: unloading omap3isp, 3.0 vs 3.3 (context save after detach)";

    /// <inheritdoc />
    public override int DefaultSteps => 4;

    private const string Reference = "omap.md §7.7: 3.3 save/restore ctx take isp->dev with no NULL guard, and isp_remove's omap3isp_put runs after iommu_detach_device cleared archdata->iommu_dev";

    /// <inheritdoc />
    public override IReadOnlyList<ExpectedDivergence> ExpectedDivergences(Trace trace, EquivalenceMode mode)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return trace.RunsExactly(Generate(0, DefaultSteps))
            ?
            [
                new()
                {
                    Reference = Reference, Step = 3, Kind = DivergenceKind.Crash, Legacy = ExpectedSide.Text("0"),
                    Ported = ExpectedSide.Text("KernelBugException: kernel BUG: omap2_iommu_save_ctx: NULL pointer dereference"),
                },
            ]
            : [];
    }

    /// <inheritdoc />
    public override IReadOnlyList<TraceStep> Generate(int seed, int steps) =>
        [Step("probe"), Step("get"), Step("put"), Step("remove")];

}
