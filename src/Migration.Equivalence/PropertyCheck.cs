using CsCheck;

namespace Migration.Equivalence;

/// <summary>
/// Property-based equivalence: CsCheck generates random traces, each is run in both worlds, and a failing trace is
/// shrunk by CsCheck (fewer steps, smaller values) to a minimal one, which the caller writes as a replayable trace.
/// A trace fails when its run does not pass (an unexpected divergence, a missing documented one) or when running it
/// throws: a failure is never reported as success.
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
        string? smallestError = null;
        long tried = 0;
        try
        {
            generator.Traces.Sample(steps =>
            {
                tried++;
                var trace = new Trace(scenario.Name, 0, steps);
                Trace cut;
                string? error = null;
                try
                {
                    EquivalenceReport report = EquivalenceEngine.Run(scenario, trace, options);
                    if (report.Passed)
                        return true;
                    // Cut after the divergent step; a missing documented divergence needs the whole trace.
                    cut = report.Divergence is { } d ? trace with { Steps = steps.Take(d.Step + 1).ToArray() } : trace;
                }
                catch (Exception e)
                {
                    // The engine itself failed on this trace (a model or comparison error): a failure like any other.
                    cut = trace;
                    error = $"{e.GetType().Name}: {e.Message}";
                }
                // CsCheck keeps shrinking; remember the smallest failing trace it reached.
                if (smallest is null || Size(cut).CompareTo(Size(smallest)) < 0)
                {
                    smallest = cut;
                    smallestError = error;
                }
                return false;
            }, iter: iterations, threads: 1, seed: seed);
        }
        catch (CsCheckException) when (smallest is not null)
        {
            // The failure is reported through the smallest trace; CsCheck's own message repeats it.
        }
        catch (CsCheckException e)
        {
            // CsCheck failed without a trace of ours (the generator itself threw): still a failure, never success.
            return new PropertyCheckResult(tried, null, null) { Error = e.Message };
        }
        if (smallest is null)
            return new PropertyCheckResult(tried, null, null);
        if (smallestError is not null)
            return new PropertyCheckResult(tried, smallest, null) { Error = smallestError };
        // The minimal trace's own report (its step count and divergence, replayable as written).
        EquivalenceReport minimal;
        try
        {
            minimal = EquivalenceEngine.Run(scenario, smallest, options);
        }
        catch (Exception e)
        {
            return new PropertyCheckResult(tried, smallest, null) { Error = $"{e.GetType().Name}: {e.Message}" };
        }
        return new PropertyCheckResult(tried, smallest, minimal);
    }

    // Fewer steps first, then smaller argument values: the order in which a human wants to read a counterexample.
    private static (int Steps, decimal Values) Size(Trace trace) =>
        (trace.Steps.Count, trace.Steps.Sum(s => s.Args.Sum(a => (decimal)Math.Abs(a.Value))));
}
