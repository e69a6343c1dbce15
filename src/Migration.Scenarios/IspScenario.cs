using Migration.Equivalence;
using Migration.Scenarios.Omap3isp;

namespace Migration.Scenarios;

/// <summary>
/// The omap3isp scenarios of two worlds, omap3isp on the 3.0 vendor API and on omap-iovmm 3.3 over a generic domain,
/// compared address by address unless a subclass says otherwise. Subclasses generate the sessions.
/// </summary>
public abstract class IspScenario : IspSessionScenario, ITwoWorldScenario
{
    /// <inheritdoc />
    public override IReadOnlyList<IWorldComparison> Comparisons { get; } = [EntryForEntryComparison.Instance];

    /// <inheritdoc />
    public virtual IEquivalenceWorld CreateLegacy() => new LegacyIspWorld();

    /// <inheritdoc />
    public virtual IEquivalenceWorld CreatePorted() => new PortedIspWorld();
}
