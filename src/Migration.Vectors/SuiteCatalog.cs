using Migration.Vectors.Suites;

namespace Migration.Vectors;

/// <summary>
/// Which vector suites the workbench replays, and the one explicit list of suites whose model has not
/// landed yet (a file of a pending suite is an error for the verb, never skipped silently).
/// </summary>
public static class SuiteCatalog
{
    /// <summary>Suites with a model, by name.</summary>
    public static IReadOnlyDictionary<string, Func<IVectorSuite>> Implemented { get; } = new Dictionary<string, Func<IVectorSuite>>(StringComparer.Ordinal)
    {
        ["omap-pgtable"] = () => new OmapPgtableSuite(),
        ["omap-iovmm-alloc"] = () => new OmapIovmmAllocSuite(),
        ["msm-pgtable"] = () => new MsmPgtableSuite(),
        ["pgsize-split"] = () => new PgsizeSplitSuite(),
        ["msm-core"] = () => new MsmCoreSuite(),
    };

    /// <summary>Suites known but not modelled yet, with the issue that brings their model.</summary>
    public static IReadOnlyDictionary<string, string> Pending { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Every suite of iommu-vectors/1 has a model. A new suite that appears in ../shared/vectors before
        // its model lands is named here with the issue that brings it.
    };

    /// <summary>The model for <paramref name="suite"/>, or null when it is pending or unknown.</summary>
    public static IVectorSuite? Create(string suite) => Implemented.TryGetValue(suite, out var make) ? make() : null;
}
