namespace Migration.Equivalence;

/// <summary>
/// One run of a single shared-space world: the world, the judge and the running counts. Each step runs in the world
/// and the <see cref="CrossDeviceComparison"/> then compares every attached IOMMU with the shared spaces.
/// </summary>
internal sealed class SharedSpaceRun
{
    /// <summary>A run over <paramref name="world"/>, whose table writes are observed from now on.</summary>
    public SharedSpaceRun(ISharedSpaceWorld world, DivergenceJudge judge)
    {
        World = world;
        Judge = judge;
        world.Memory.WriteObserver = world.Tracker;
    }

    /// <summary>The one world.</summary>
    public ISharedSpaceWorld World { get; }

    /// <summary>Judges every divergence against the scenario's documented differences.</summary>
    public DivergenceJudge Judge { get; }

    /// <summary>IOMMU entries compared so far.</summary>
    public long MappingsCompared { get; set; }

    /// <summary>The most mappings one shared space held when compared.</summary>
    public int PeakMappings { get; set; }

    /// <summary>Compares the world as it is now; the first divergence not documented, or null.</summary>
    public Divergence? CompareAll(int index, string text) => Unexpected(CrossDeviceComparison.Compare(this, index, text));

    /// <summary>Runs one step and compares the world whole; the first divergence not documented, or null.</summary>
    public Divergence? Step(int index, TraceStep step)
    {
        string text = step.ToString();
        World.Tracker.TakeWritten();
        World.Tracker.CurrentCall = $"step {index} ({text})";
        try
        {
            _ = World.Apply(step);
            return CompareAll(index, text);
        }
        catch (Exception e)
        {
            // One world, so nothing to agree with: any BUG() or model error (in the step or in walking the tables it
            // left) is a failure of the run.
            return Unexpected(new Divergence
            {
                Step = index,
                StepText = text,
                Kind = DivergenceKind.Crash,
                LegacyLabel = "expected",
                Legacy = "the step completes",
                PortedLabel = "world",
                Ported = $"{e.GetType().Name}: {e.Message}",
            });
        }
    }

    // A documented divergence is accepted at its step, and the comparison starts again after the next step.
    private Divergence? Unexpected(Divergence? d) => d is not null && Judge.Judge(d) is null ? d : null;
}
