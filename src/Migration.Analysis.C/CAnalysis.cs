namespace Migration.Analysis.C;

/// <summary>What a C front-end run over many files found.</summary>
/// <param name="Findings">Every finding, ordered by file, line, column.</param>
/// <param name="SourceFiles">One report per file, ordered by file.</param>
public sealed record CAnalysis(IReadOnlyList<Finding> Findings, IReadOnlyList<SourceFileReport> SourceFiles);
