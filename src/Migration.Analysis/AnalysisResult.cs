namespace Migration.Analysis;

/// <summary>What one analysis run found: the findings (ordered by file and position), the rules, the projects analysed.</summary>
/// <param name="Root">The path given to the run.</param>
/// <param name="Findings">Findings of the migration rules (other compiler diagnostics are not included).</param>
/// <param name="Rules">Every rule the analyzers define.</param>
/// <param name="Projects">Projects analysed.</param>
/// <param name="AnalyzerExceptions">AD0001 reports (an analyzer threw), as messages; empty on a healthy run.</param>
public sealed record AnalysisResult(string Root, IReadOnlyList<Finding> Findings, IReadOnlyList<RuleInfo> Rules, IReadOnlyList<string> Projects, IReadOnlyList<string> AnalyzerExceptions)
{
    /// <summary>True when a finding has error severity.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == "error");

    /// <summary>Per source file read by the C front end: how many calls each means recovered, and the file's error if any (empty for C#-only runs).</summary>
    public IReadOnlyList<SourceFileReport> SourceFiles { get; init; } = [];

    /// <summary>True when some input file could not be analysed (unreadable, or syntax errors left after stubbing); the findings cover the rest.</summary>
    public bool HasFileErrors => SourceFiles.Any(s => s.Error is not null);
}
