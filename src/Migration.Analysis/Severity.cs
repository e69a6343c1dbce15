using Microsoft.CodeAnalysis;

namespace Migration.Analysis;

/// <summary>Diagnostic severities as SARIF levels ("error", "warning", "note", "none").</summary>
public static class Severity
{
    /// <summary>The SARIF level of <paramref name="severity"/>.</summary>
    public static string Of(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };
}
