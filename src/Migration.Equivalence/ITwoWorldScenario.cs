namespace Migration.Equivalence;

/// <summary>
/// A scenario that runs its steps in two worlds, the legacy one and the ported one, compared with each other by a
/// <see cref="TwoWorldComparison"/> (<see cref="EntryForEntryComparison"/> or <see cref="RelocatedComparison"/>).
/// </summary>
public interface ITwoWorldScenario : IScenario
{
    /// <summary>A fresh legacy world.</summary>
    IEquivalenceWorld CreateLegacy();

    /// <summary>A fresh ported world.</summary>
    IEquivalenceWorld CreatePorted();
}
