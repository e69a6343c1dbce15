namespace Migration.Equivalence;

/// <summary>
/// A comparison of a legacy and a ported world (<see cref="ITwoWorldScenario"/>). The engine runs each step in both
/// worlds, compares what they returned and what the device observed, re-reads the table words the step wrote and
/// checks every TLB entry against the tables; the comparison says how the tables must agree, space by space after
/// each step and whole every <see cref="EquivalenceOptions.FullCompareEvery"/> steps, then across the worlds.
/// </summary>
public abstract class TwoWorldComparison : IWorldComparison
{
    private protected TwoWorldComparison()
    {
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<EquivalenceMode> Modes { get; } = [EquivalenceMode.Translation, EquivalenceMode.Strict];

    /// <summary>Whether differing return values are a divergence (they are not where they are device addresses placed apart by design).</summary>
    internal virtual bool ComparesReturnValues => true;

    /// <summary>Throws when <paramref name="legacy"/> and <paramref name="ported"/> cannot be compared this way (a model error of the scenario).</summary>
    internal virtual void CheckWorlds(string scenario, IEquivalenceWorld legacy, IEquivalenceWorld ported)
    {
    }

    /// <summary>Compares the parts of one space's images a step wrote (<paramref name="written"/>, already re-read); the first unexpected divergence, or null.</summary>
    internal virtual Divergence? CompareWritten(TwoWorldRun run, int index, string text, AddressSpaceImage legacy, AddressSpaceImage ported, DirtyWindows written) => null;

    /// <summary>Compares one space's images whole (already re-read); the first unexpected divergence, or null.</summary>
    internal virtual Divergence? CompareWhole(TwoWorldRun run, int index, string text, AddressSpaceImage legacy, AddressSpaceImage ported) => null;

    /// <summary>Compares the worlds once every space has been compared and its TLB checked; the first unexpected divergence, or null.</summary>
    internal virtual Divergence? CompareWorlds(TwoWorldRun run, int index, string text) => null;

    /// <summary>One side of a divergence at <paramref name="iova"/>: the entry and the page it names, or a fault.</summary>
    private protected static string Side(PageEntry? e, PhysicalIdentity identity, uint iova) =>
        e is { } p ? $"{p.Describe()} -> {PhysicalIdentity.Format(identity.Resolve(p.Pa + (iova - p.Iova)))}" : "unmapped (fault)";
}
