using System;

namespace Migration.Analyzers.Fixes;

/// <summary>
/// Whether a safe rewrite exists: its description and how to build it, or the reason there is none. The analyzer runs
/// the planner's checks (the message says whether a fix applies, or why not) but never builds the rewrite: the edits
/// are built by <see cref="Build"/> only when a code fix is asked for (issue 19).
/// </summary>
internal readonly struct PlanResult
{
    private readonly Func<RewritePlan>? _build;

    private PlanResult(string? description, Func<RewritePlan>? build, string? reason)
    {
        Description = description;
        _build = build;
        Reason = reason;
    }

    /// <summary>"rewrites it to …" when a rewrite is safe, else null.</summary>
    public string? Description { get; }

    /// <summary>Why no rewrite is safe (null when <see cref="Description"/> is set).</summary>
    public string? Reason { get; }

    /// <summary>True when a safe rewrite exists.</summary>
    public bool HasFix => _build is not null;

    /// <summary>The rewrite's edits, built now (null when there is no safe rewrite).</summary>
    public RewritePlan? Build() => _build?.Invoke();

    /// <summary>A safe rewrite described as "a code fix <paramref name="description"/>", built by <paramref name="build"/> on demand.</summary>
    public static PlanResult Of(string description, Func<RewritePlan> build) => new(description, build, null);

    /// <summary>No safe rewrite, because <paramref name="reason"/>.</summary>
    public static PlanResult None(string reason) => new(null, null, reason);
}
