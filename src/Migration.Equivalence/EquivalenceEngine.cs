using System.Diagnostics;

namespace Migration.Equivalence;

/// <summary>
/// Runs a trace in a scenario's worlds and asks the scenario's comparison (<see cref="IWorldComparison"/>) what
/// differs after every step. Two worlds (<see cref="ITwoWorldScenario"/>) run side by side: return values and device
/// observations are compared, then the device address spaces (only the 1 MiB slots whose table words the step wrote,
/// plus a whole comparison every <see cref="EquivalenceOptions.FullCompareEvery"/> steps and at the end), then the
/// hardware view (every valid TLB entry agrees with the tables). One world (<see cref="ISharedSpaceScenario"/>) is
/// compared whole across its IOMMUs after every step.
/// </summary>
public static class EquivalenceEngine
{
    /// <summary>
    /// Runs <paramref name="trace"/> of <paramref name="scenario"/> with the first comparison it declares for the
    /// options' mode: every divergence is judged against the scenario's documented differences; the run goes on past
    /// a documented one and stops at the first unexpected one.
    /// </summary>
    public static EquivalenceReport Run(IScenario scenario, Trace trace, EquivalenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(trace);
        options ??= new EquivalenceOptions();
        IWorldComparison comparison = ComparisonFor(scenario, options.Mode)
            ?? throw new ArgumentException($"scenario {scenario.Name} has no comparison in {options.Mode} mode ({string.Join(", ", scenario.Comparisons.Select(c => $"{c.Name}: {string.Join("/", c.Modes)}"))})", nameof(options));
        var judge = new DivergenceJudge(scenario.ExpectedDivergences(trace, options.Mode));
        return (scenario, comparison) switch
        {
            (ITwoWorldScenario two, TwoWorldComparison c) => RunTwoWorlds(two, c, trace, options, judge),
            (ISharedSpaceScenario one, CrossDeviceComparison) => RunSharedSpace(one, trace, options, judge),
            _ => throw new InvalidOperationException($"scenario {scenario.Name}: the {comparison.Name} comparison it declares cannot compare its worlds"),
        };
    }

    /// <summary>The first comparison <paramref name="scenario"/> declares that runs in <paramref name="mode"/>, or null when the mode does not apply to it.</summary>
    public static IWorldComparison? ComparisonFor(IScenario scenario, EquivalenceMode mode)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        foreach (IWorldComparison c in scenario.Comparisons)
        {
            if (c.Modes.Contains(mode))
                return c;
        }
        return null;
    }

    /// <summary>
    /// Compares two worlds as they are now, address by address (<see cref="EntryForEntryComparison"/>), every address
    /// space whole (the comparison a run does every <see cref="EquivalenceOptions.FullCompareEvery"/> steps and at its
    /// end), with nothing documented: the first divergence, or null when they agree. Leaves the worlds' write
    /// observers as they were.
    /// </summary>
    public static Divergence? CompareNow(IEquivalenceWorld legacy, IEquivalenceWorld ported, EquivalenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(legacy);
        ArgumentNullException.ThrowIfNull(ported);
        var run = new TwoWorldRun($"{legacy.Name} vs {ported.Name}", EntryForEntryComparison.Instance, legacy, ported, options ?? new EquivalenceOptions(), new DivergenceJudge([]), trackWrites: false);
        return run.CompareAll(-1, "(now)");
    }

    private static EquivalenceReport RunTwoWorlds(ITwoWorldScenario scenario, TwoWorldComparison comparison, Trace trace, EquivalenceOptions options, DivergenceJudge judge)
    {
        var clock = Stopwatch.StartNew();
        IEquivalenceWorld legacy = scenario.CreateLegacy();
        IEquivalenceWorld ported = scenario.CreatePorted();
        var run = new TwoWorldRun(scenario.Name, comparison, legacy, ported, options, judge, trackWrites: true);

        Divergence? divergence = run.CompareAll(-1, "(boot)");
        int stepsRun = 0;
        for (int i = 0; divergence is null && i < trace.Steps.Count; i++)
        {
            divergence = run.Step(i, trace.Steps[i]);
            stepsRun = i + 1;
            if (divergence is null && options.FullCompareEvery > 0 && (i + 1) % options.FullCompareEvery == 0)
                divergence = run.CompareAll(i, trace.Steps[i].ToString());
            options.Progress?.Invoke(stepsRun, trace.Steps.Count);
        }
        if (divergence is null && trace.Steps.Count > 0)
            divergence = run.CompareAll(trace.Steps.Count - 1, trace.Steps[^1].ToString());

        List<TranslationRun> finalRuns = run.LegacyImages.Count == 0 ? [] : run.LegacyImages.SelectMany(img => img.Runs()).ToList();
        return new EquivalenceReport
        {
            Scenario = scenario.Name,
            Seed = trace.Seed,
            Mode = options.Mode,
            Legacy = legacy.Name,
            Ported = ported.Name,
            StepsTotal = trace.Steps.Count,
            StepsRun = stepsRun,
            MappingsCompared = run.MappingsCompared,
            PeakMappings = run.PeakMappings,
            FinalRuns = finalRuns.Count,
            FinalMappedBytes = TranslationMap.MappedBytes(finalRuns),
            ReturnValueDifferences = run.AcceptedReturnDifferences,
            ElapsedMilliseconds = clock.ElapsedMilliseconds,
            Divergence = divergence,
            Documented = judge.Documented,
            DocumentedCount = judge.DocumentedCount,
            // A run cut short by an unexpected divergence cannot tell which documented ones were still to come.
            Missing = divergence is null ? judge.Missing() : [],
        };
    }

    // One world compared whole after every step, so there is no periodic or final whole comparison to add.
    private static EquivalenceReport RunSharedSpace(ISharedSpaceScenario scenario, Trace trace, EquivalenceOptions options, DivergenceJudge judge)
    {
        var clock = Stopwatch.StartNew();
        var run = new SharedSpaceRun(scenario.CreateWorld(), judge);
        ISharedSpaceWorld world = run.World;

        Divergence? divergence = run.CompareAll(-1, "(boot)");
        int stepsRun = 0;
        for (int i = 0; divergence is null && i < trace.Steps.Count; i++)
        {
            divergence = run.Step(i, trace.Steps[i]);
            stepsRun = i + 1;
            options.Progress?.Invoke(stepsRun, trace.Steps.Count);
        }

        IReadOnlyList<IntendedMapping> final = world.SharedSpaces.SelectMany(v => v.Mappings()).ToList();
        return new EquivalenceReport
        {
            Scenario = scenario.Name,
            Seed = trace.Seed,
            Mode = EquivalenceMode.Translation, // across formats only the translations can be the same, never the entries
            LegacyLabel = "reference",
            PortedLabel = "world",
            Legacy = "the shared spaces' own mappings (" + string.Join(", ", world.SharedSpaces.Select(v => $"{v.Name} [0x{v.Start:x8}, 0x{v.End:x9})")) + ")",
            Ported = world.Name,
            StepsTotal = trace.Steps.Count,
            StepsRun = stepsRun,
            MappingsCompared = run.MappingsCompared,
            PeakMappings = run.PeakMappings,
            FinalRuns = final.Count,
            FinalMappedBytes = (ulong)final.Sum(m => (long)m.Size),
            ReturnValueDifferences = 0,
            ElapsedMilliseconds = clock.ElapsedMilliseconds,
            Divergence = divergence,
            Documented = judge.Documented,
            DocumentedCount = judge.DocumentedCount,
            Missing = divergence is null ? judge.Missing() : [],
        };
    }
}
