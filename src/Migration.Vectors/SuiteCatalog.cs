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
    };

    /// <summary>Suites known but not modelled yet, with the issue that brings their model.</summary>
    public static IReadOnlyDictionary<string, string> Pending { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["msm-core"] = "the legacy MSM and generic framework issues (3.3 core over the MSM driver)",
    };

    /// <summary>The model for <paramref name="suite"/>, or null when it is pending or unknown.</summary>
    public static IVectorSuite? Create(string suite) => Implemented.TryGetValue(suite, out var make) ? make() : null;
}
