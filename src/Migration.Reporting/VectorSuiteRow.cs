namespace Migration.Reporting;

/// <summary>Golden-vector results of one suite.</summary>
/// <param name="Suite">Suite name ("omap-pgtable").</param>
/// <param name="Passed">Cases that passed.</param>
/// <param name="Failed">Cases that failed.</param>
public sealed record VectorSuiteRow(string Suite, int Passed, int Failed);
