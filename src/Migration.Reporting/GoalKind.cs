namespace Migration.Reporting;

/// <summary>How a performance goal turns benchmark medians into its figure and judges it.</summary>
public enum GoalKind
{
    /// <summary>Subject / reference ≤ limit (the new path within a factor of the old one or of the limit).</summary>
    RatioAtMost,

    /// <summary>Reference / subject ≥ limit (the new path at least that many times faster).</summary>
    SpeedupAtLeast,

    /// <summary>(Subject − reference) / reference ≤ limit (a cost measured as the difference of two methods, against the second).</summary>
    ExtraRatioAtMost,

    /// <summary>Subject's median ≤ limit nanoseconds.</summary>
    TimeAtMost,

    /// <summary>Subject allocates 0 bytes per operation.</summary>
    NoAllocation,

    /// <summary>The main job's own wall time after the build ≤ limit seconds (measured by the job, not by BenchmarkDotNet).</summary>
    ReportSecondsAtMost,
}
