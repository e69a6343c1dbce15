using Migration.Equivalence;

namespace Migration.Scenarios;

/// <summary>
/// A fixed session (the seed and step count do not change it) that demonstrates one documented difference of the
/// real port: its expected outcome is that exact divergence, labelled with the reference section.
/// </summary>
public abstract class ScriptedScenario : ITwoWorldScenario
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <summary>The reference section and what it says, used as the divergence's label.</summary>
    public abstract string Reference { get; }

    /// <summary>The steps of the session.</summary>
    protected abstract IReadOnlyList<TraceStep> Script { get; }

    /// <inheritdoc />
    public int DefaultSteps => Script.Count;

    /// <inheritdoc />
    public IReadOnlyList<TraceStep> Generate(int seed, int steps) => Script;

    /// <inheritdoc />
    public abstract (string Field, string Message)? Validate(TraceStep step);

    /// <summary>The documented divergences the script shows, exactly (labelled with <see cref="Reference"/>).</summary>
    protected abstract IReadOnlyList<ExpectedDivergence> Expected { get; }

    /// <inheritdoc />
    /// <remarks>Only the script itself is documented: a trace of other steps (a replayed, edited one) must agree everywhere.</remarks>
    public IReadOnlyList<ExpectedDivergence> ExpectedDivergences(Trace trace, EquivalenceMode mode)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return trace.RunsExactly(Script) ? Expected : [];
    }

    /// <inheritdoc />
    /// <remarks>Both worlds place what the script maps at the same device addresses.</remarks>
    public IReadOnlyList<IWorldComparison> Comparisons { get; } = [EntryForEntryComparison.Instance];

    /// <inheritdoc />
    public abstract IEquivalenceWorld CreateLegacy();

    /// <inheritdoc />
    public abstract IEquivalenceWorld CreatePorted();
}
