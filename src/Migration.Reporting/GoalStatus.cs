namespace Migration.Reporting;

/// <summary>Whether a goal was met in this run.</summary>
public enum GoalStatus
{
    /// <summary>Measured and within the limit.</summary>
    Met,

    /// <summary>Measured and outside the limit.</summary>
    Missed,

    /// <summary>A case the goal needs did not run (benchmarks skipped or filtered out).</summary>
    NotMeasured,
}
