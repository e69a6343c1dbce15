namespace Migration.Analysis.C;

/// <summary>The findings of one C file and what the front end did with it.</summary>
/// <param name="Findings">The file's findings, in source order.</param>
/// <param name="Report">Counts by origin, stubs, and the file's error if any.</param>
public sealed record CFileAnalysis(IReadOnlyList<Finding> Findings, SourceFileReport Report);
