using Migration.Vectors.Suites;

namespace Migration.Vectors;

/// <summary>
/// Which vector suites a runner replays, by name, and the explicit list of suites whose model has not landed yet (a
/// file of a pending suite is an error for the verb, never skipped silently). The catalog of every suite the
/// workbench replays is <c>Generic.Vectors.VectorSuites.Catalog</c>: two suites need the generic world, which this
/// project does not reference.
/// </summary>
public sealed class SuiteCatalog
{
    /// <summary>A catalog of the <paramref name="implemented"/> suites and the <paramref name="pending"/> ones (name → issue).</summary>
    public SuiteCatalog(IReadOnlyDictionary<string, Func<IVectorSuite>> implemented, IReadOnlyDictionary<string, string> pending)
    {
        ArgumentNullException.ThrowIfNull(implemented);
        ArgumentNullException.ThrowIfNull(pending);
        Implemented = implemented;
        Pending = pending;
    }

    /// <summary>
    /// The suites whose model is driver code the 3.0 → 3.3 port left unchanged (src/Migration.Drivers): omap-pgtable,
    /// omap-iovmm-alloc, msm-pgtable.
    /// </summary>
    public static IReadOnlyDictionary<string, Func<IVectorSuite>> SharedDriverSuites { get; } = new Dictionary<string, Func<IVectorSuite>>(StringComparer.Ordinal)
    {
        ["omap-pgtable"] = () => new OmapPgtableSuite(),
        ["omap-iovmm-alloc"] = () => new OmapIovmmAllocSuite(),
        ["msm-pgtable"] = () => new MsmPgtableSuite(),
    };

    /// <summary>Suites with a model, by name.</summary>
    public IReadOnlyDictionary<string, Func<IVectorSuite>> Implemented { get; }

    /// <summary>Suites known but not modelled yet, with the issue that brings their model.</summary>
    public IReadOnlyDictionary<string, string> Pending { get; }

    /// <summary>The model for <paramref name="suite"/>, or null when it is pending or unknown.</summary>
    public IVectorSuite? Create(string suite) => Implemented.TryGetValue(suite, out var make) ? make() : null;
}
