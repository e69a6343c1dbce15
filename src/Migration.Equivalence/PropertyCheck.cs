using CsCheck;

namespace Migration.Equivalence;

/// <summary>
/// Property-based equivalence: CsCheck generates random traces, each is run in both worlds, and a failing trace is
/// shrunk by CsCheck (fewer steps, smaller values) to a minimal one, which the caller writes as a replayable trace.
/// </summary>
public static class PropertyCheck
{
    /// <summary>
    /// Runs <paramref name="iterations"/> random traces of <paramref name="scenario"/> from <paramref name="generator"/>;
    /// <paramref name="seed"/> (a CsCheck seed string) makes the run repeatable.
    /// </summary>
    public static PropertyCheckResult Run(IScenario scenario, ITraceGenerator generator, long iterations, EquivalenceOptions? options = null, string? seed = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(generator);
        options ??= new EquivalenceOptions();
        Trace? smallest = null;
        long tried = 0;
        try
        {
            generator.Traces.Sample(steps =>
            {
                tried++;
                var trace = new Trace(scenario.Name, 0, steps);
                EquivalenceReport report = EquivalenceEngine.Run(scenario, trace, options);
                if (report.Equivalent)
                    return true;
                // CsCheck keeps shrinking; remember the smallest failing trace it reached, cut after the divergent step.
                Trace cut = trace with { Steps = steps.Take(report.Divergence!.Step + 1).ToArray() };
                if (smallest is null || Size(cut).CompareTo(Size(smallest)) < 0)
                    smallest = cut;
                return false;
            }, iter: iterations, threads: 1, seed: seed);
        }
        catch (CsCheckException)
        {
            // The failure is reported through the smallest trace; CsCheck's own message repeats it.
        }
        // The minimal trace's own report (its step count and divergence, replayable as written).
        EquivalenceReport? report = smallest is null ? null : EquivalenceEngine.Run(scenario, smallest, options);
        return new PropertyCheckResult(tried, smallest, report);
    }

    // Fewer steps first, then smaller argument values: the order in which a human wants to read a counterexample.
    private static (int Steps, decimal Values) Size(Trace trace) =>
        (trace.Steps.Count, trace.Steps.Sum(s => s.Args.Sum(a => (decimal)Math.Abs(a.Value))));
}
