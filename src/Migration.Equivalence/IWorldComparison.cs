namespace Migration.Equivalence;

/// <summary>
/// A way of comparing a scenario's worlds after every step, and the modes it can run in. The engine runs the steps
/// and asks the comparison what differs: <see cref="EntryForEntryComparison"/> (both worlds address by address),
/// <see cref="RelocatedComparison"/> (both worlds buffer by buffer), <see cref="CrossDeviceComparison"/> (one world's
/// IOMMUs against its shared spaces).
/// </summary>
public interface IWorldComparison
{
    /// <summary>The comparison's name ("entry-for-entry", "relocated", "cross-device").</summary>
    string Name { get; }

    /// <summary>What it compares, as a phrase following "scenario 'x'" ("compares both worlds address by address").</summary>
    string Description { get; }

    /// <summary>The modes it can run in, translation first.</summary>
    IReadOnlyList<EquivalenceMode> Modes { get; }
}
