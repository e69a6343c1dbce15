namespace Migration.Equivalence;

/// <summary>
/// A named, seeded workload: the step vocabulary, a generator of realistic sessions, and the two worlds the
/// steps run in (legacy first, ported second).
/// </summary>
public interface IScenario
{
    /// <summary>The name used on the command line ("omap3isp-capture").</summary>
    string Name { get; }

    /// <summary>One line saying what the scenario exercises and which worlds it compares.</summary>
    string Description { get; }

    /// <summary>The step count used when none is given.</summary>
    int DefaultSteps { get; }

    /// <summary>The steps of a session generated from <paramref name="seed"/>, about <paramref name="steps"/> of them.</summary>
    IReadOnlyList<TraceStep> Generate(int seed, int steps);

    /// <summary>Null when the worlds can run <paramref name="step"/>, else the field at fault and why.</summary>
    (string Field, string Message)? Validate(TraceStep step);

    /// <summary>
    /// The documented differences of the real port that a run of <paramref name="trace"/> in <paramref name="mode"/>
    /// shows, each declared exactly (step, kind, space, address range, both sides); empty when the worlds must agree.
    /// </summary>
    IReadOnlyList<ExpectedDivergence> ExpectedDivergences(Trace trace, EquivalenceMode mode) => [];

    /// <summary>
    /// True when the worlds place buffers at different device addresses by design (iovmm vs a DMA API port): the
    /// comparison then runs buffer by buffer (<see cref="EquivalenceOptions.Relocated"/>).
    /// </summary>
    bool Relocated => false;

    /// <summary>
    /// True for a scenario of one world checked against itself across IOMMUs (<see cref="ISharedSpaceWorld"/>): the
    /// engine runs only <see cref="CreatePorted"/> and compares every attached IOMMU with the shared space's mappings.
    /// </summary>
    bool CrossDevice => false;

    /// <summary>A fresh legacy world (not called for a <see cref="CrossDevice"/> scenario).</summary>
    IEquivalenceWorld CreateLegacy();

    /// <summary>A fresh ported world.</summary>
    IEquivalenceWorld CreatePorted();
}
