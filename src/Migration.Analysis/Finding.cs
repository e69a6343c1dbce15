namespace Migration.Analysis;

/// <summary>One diagnostic of a migration rule at one source location.</summary>
/// <param name="RuleId">"IOMMU002".</param>
/// <param name="Severity">"error", "warning", "note" (info) or "none" (hidden).</param>
/// <param name="Message">The diagnostic's message.</param>
/// <param name="File">Source file, relative to the analysed root when inside it.</param>
/// <param name="Line">1-based start line.</param>
/// <param name="Column">1-based start column.</param>
/// <param name="EndLine">1-based end line.</param>
/// <param name="EndColumn">1-based end column.</param>
/// <param name="Project">The project the file was compiled in.</param>
/// <param name="KernelSymbol">The kernel symbol the flagged code calls (from the diagnostic's properties), if known.</param>
/// <param name="EnclosingMember">The method or property containing the finding, if any.</param>
public sealed record Finding(string RuleId, string Severity, string Message, string File, int Line, int Column, int EndLine, int EndColumn,
    string Project, string? KernelSymbol, string? EnclosingMember)
{
    /// <summary>How a C front-end finding was found (<see cref="FindingOrigin"/>); null for Roslyn findings on C# code.</summary>
    public string? Origin { get; init; }

    /// <summary>The rewrites `migrate fix` would make for this finding (SARIF <c>fixes</c>), or null when none were computed (null keeps the JSON report as it was).</summary>
    public IReadOnlyList<FindingFix>? Fixes { get; init; }
}
