namespace Migration.Reporting;

/// <summary>
/// One speed or allocation goal of the migration (issue 16): what is compared, how, and the limit. Ratios are taken
/// between BenchmarkDotNet medians of one run on one machine.
/// </summary>
/// <param name="Question">The question the goal answers, which is also its plot ("scatter list").</param>
/// <param name="Text">The goal in words ("GenericMapSg / LegacyMapRange ≤ 1.0, 30 entries").</param>
/// <param name="Kind">How the figure is computed and judged.</param>
/// <param name="Subject">The new path's case (null for <see cref="GoalKind.ReportSecondsAtMost"/>).</param>
/// <param name="Reference">The case it is compared with (the old path or the limit), for the ratio kinds.</param>
/// <param name="Limit">The bound: a ratio, nanoseconds or seconds, by kind.</param>
public sealed record PerformanceGoal(string Question, string Text, GoalKind Kind, BenchmarkSelector? Subject, BenchmarkSelector? Reference, double Limit)
{
    /// <summary>What the kernel being modelled does that stands in the goal's way (cited), printed under the verdict when the goal is missed.</summary>
    public string? Caveat { get; init; }

    /// <summary>
    /// The goal's figure in <paramref name="rows"/> (and the job's own <paramref name="reportSeconds"/>) and whether it is
    /// met. An allocation goal reads <paramref name="allocations"/> (bytes in 20 steady-state calls by the thread's
    /// allocation counter, keyed by <see cref="BenchmarkSelector.ToString"/>) when it holds the subject, else the row's
    /// BenchmarkDotNet figure.
    /// </summary>
    public GoalResult Evaluate(IReadOnlyList<BenchmarkRow> rows, double? reportSeconds, IReadOnlyDictionary<string, long>? allocations = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (Kind == GoalKind.ReportSecondsAtMost)
            return reportSeconds is { } s ? Judge(s, $"{s:0.#} s") : Unmeasured("the job's time was not measured");
        if (Kind == GoalKind.NoAllocation && Subject is not null && allocations is not null && allocations.TryGetValue(Subject.ToString(), out long counted))
            return Judge(counted, $"{counted} B in 20 steady-state calls (thread allocation counter)");
        BenchmarkRow? subject = Subject is null ? null : rows.FirstOrDefault(Subject.Matches);
        if (subject is null)
            return Unmeasured($"{Subject} did not run");
        if (Kind == GoalKind.NoAllocation)
            return subject.AllocatedBytes is { } bytes ? Judge(bytes, $"{bytes} B") : Unmeasured($"{Subject}: allocation not measured");
        if (Kind == GoalKind.TimeAtMost)
            return Judge(subject.MedianNs, ReportPlots.FormatNanoseconds(subject.MedianNs));
        BenchmarkRow? reference = Reference is null ? null : rows.FirstOrDefault(Reference.Matches);
        if (reference is null || reference.MedianNs <= 0 || subject.MedianNs <= 0)
            return Unmeasured($"{Reference} did not run");
        double figure = Kind switch
        {
            GoalKind.RatioAtMost => subject.MedianNs / reference.MedianNs,
            GoalKind.SpeedupAtLeast => reference.MedianNs / subject.MedianNs,
            _ => (subject.MedianNs - reference.MedianNs) / reference.MedianNs,
        };
        string detail = $"{ReportPlots.FormatNanoseconds(subject.MedianNs)} vs {ReportPlots.FormatNanoseconds(reference.MedianNs)}";
        return Judge(figure, Kind == GoalKind.SpeedupAtLeast ? $"{figure:0.#}× ({detail})" : $"{figure:0.###} ({detail})");
    }

    private GoalResult Judge(double figure, string text)
    {
        bool met = Kind == GoalKind.SpeedupAtLeast ? figure >= Limit : figure <= Limit;
        return new GoalResult(this, figure, text, met ? GoalStatus.Met : GoalStatus.Missed);
    }

    private GoalResult Unmeasured(string why) => new(this, null, why, GoalStatus.NotMeasured);
}
