namespace Migration.Analyzers.Fixes;

/// <summary>Whether a safe rewrite exists: the plan, or the reason there is none.</summary>
internal readonly struct PlanResult
{
    private PlanResult(RewritePlan? plan, string? reason)
    {
        Plan = plan;
        Reason = reason;
    }

    /// <summary>The rewrite, or null.</summary>
    public RewritePlan? Plan { get; }

    /// <summary>Why no rewrite is safe (null when <see cref="Plan"/> is set).</summary>
    public string? Reason { get; }

    /// <summary>A safe rewrite.</summary>
    public static PlanResult Of(RewritePlan plan) => new(plan, null);

    /// <summary>No safe rewrite, because <paramref name="reason"/>.</summary>
    public static PlanResult None(string reason) => new(null, reason);
}
