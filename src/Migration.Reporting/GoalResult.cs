namespace Migration.Reporting;

/// <summary>A goal as this run measured it.</summary>
/// <param name="Goal">The goal.</param>
/// <param name="Figure">The measured figure (ratio, nanoseconds, bytes or seconds by kind), null when not measured.</param>
/// <param name="FigureText">The figure as the report prints it, with the medians it comes from, or why it is missing.</param>
/// <param name="Status">Met, missed, or not measured.</param>
public sealed record GoalResult(PerformanceGoal Goal, double? Figure, string FigureText, GoalStatus Status);
