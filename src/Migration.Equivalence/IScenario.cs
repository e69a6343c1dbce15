namespace Migration.Equivalence;

/// <summary>
/// A named, seeded workload: the step vocabulary, a generator of realistic sessions, and the comparisons its worlds
/// support. The worlds themselves come from the shape of the scenario: <see cref="ITwoWorldScenario"/> (a legacy and
/// a ported world) or <see cref="ISharedSpaceScenario"/> (one world checked across its IOMMUs).
/// </summary>
public interface IScenario
{
    /// <summary>The name used on the command line ("omap3isp-capture").</summary>
    string Name { get; }

    /// <summary>One line saying what the scenario exercises and which worlds it compares.</summary>
    string Description { get; }

    /// <summary>The step count used when none is given.</summary>
    int DefaultSteps { get; }

    /// <summary>
    /// The ways this scenario's worlds are compared, in order of preference: a run in a mode uses the first one that
    /// supports it (<see cref="EquivalenceEngine.ComparisonFor"/>); a mode none supports does not apply.
    /// </summary>
    IReadOnlyList<IWorldComparison> Comparisons { get; }

    /// <summary>The steps of a session generated from <paramref name="seed"/>, about <paramref name="steps"/> of them.</summary>
    IReadOnlyList<TraceStep> Generate(int seed, int steps);

    /// <summary>Null when the worlds can run <paramref name="step"/>, else the field at fault and why.</summary>
    (string Field, string Message)? Validate(TraceStep step);

    /// <summary>
    /// The documented differences of the real port that a run of <paramref name="trace"/> in <paramref name="mode"/>
    /// shows, each declared exactly (step, kind, space, address range, both sides); empty when the worlds must agree.
    /// </summary>
    IReadOnlyList<ExpectedDivergence> ExpectedDivergences(Trace trace, EquivalenceMode mode) => [];
}
