using Migration.Vectors;

namespace Generic.Vectors;

/// <summary>
/// Every vector suite the workbench replays (the five of iommu-vectors/1): the suites on shared driver code
/// (<see cref="SuiteCatalog.SharedDriverSuites"/>) and the two whose model is the 3.3 generic core, alone
/// (pgsize-split) or driving the ported MSM driver (msm-core); and the one explicit list of pending suites.
/// </summary>
public static class VectorSuites
{
    /// <summary>The catalog the `vectors` verb, the report and the tests replay with.</summary>
    public static SuiteCatalog Catalog { get; } = new(
        new Dictionary<string, Func<IVectorSuite>>(SuiteCatalog.SharedDriverSuites, StringComparer.Ordinal)
        {
            ["pgsize-split"] = () => new PgsizeSplitSuite(),
            ["msm-core"] = () => new MsmCoreSuite(),
        },
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Every suite of iommu-vectors/1 has a model. A new suite that appears in ../shared/vectors before
            // its model lands is named here with the issue that brings it.
        });

    /// <summary>A runner over <see cref="Catalog"/>.</summary>
    public static VectorRunner Runner { get; } = new(Catalog);
}
