using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Migration.Analyzers.Analysis;

/// <summary>
/// The analyzers' .editorconfig / globalconfig options (read through AnalyzerConfigOptionsProvider):
/// <c>iommu_migration.severity.&lt;symbol&gt; = error|warning|suggestion|silent|none</c> per model member, type or
/// namespace (a type or namespace key covers everything inside it: editorconfig keys cannot hold '*');
/// <c>iommu_migration.docs_base_uri</c>; and the expressions the code fixes use
/// for the port's inputs (<c>iommu_migration.port.device_expression</c>, <c>iommu_migration.port.bus_expression</c>).
/// </summary>
internal static class MigrationOptions
{
    /// <summary>Prefix of the per-symbol severity keys.</summary>
    public const string SeverityPrefix = "iommu_migration.severity.";

    /// <summary>The C# expression (valid at the call) the code fixes use as the client device.</summary>
    public const string DeviceExpressionKey = "iommu_migration.port.device_expression";

    /// <summary>The C# expression (valid at the call) the code fixes use as the bus.</summary>
    public const string BusExpressionKey = "iommu_migration.port.bus_expression";

    /// <summary>
    /// The per-symbol severity for <paramref name="qualifiedName"/> in <paramref name="tree"/>: the most specific of
    /// the keys naming the symbol or a container ("Legacy.Omap.Iovmm", "Legacy.Omap"). Null when none is set (the
    /// rule's own severity applies); <see cref="ReportDiagnostic.Suppress"/> for "none".
    /// </summary>
    public static ReportDiagnostic? SeverityFor(AnalyzerOptions options, SyntaxTree tree, string qualifiedName)
    {
        AnalyzerConfigOptions config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        string name = qualifiedName;
        while (name.Length != 0)
        {
            if (config.TryGetValue(SeverityPrefix + name, out string? value) && Parse(value) is { } exact)
                return exact;
            int dot = name.LastIndexOf('.');
            name = dot < 0 ? string.Empty : name.Substring(0, dot);
        }
        return null;
    }

    /// <summary>
    /// The docs base for diagnostics in <paramref name="tree"/>: the .editorconfig key, else the build's
    /// IommuAnalyzerDocsBaseUri property (set by the package to the docs it ships), else null for the built one.
    /// </summary>
    public static string? DocsBase(AnalyzerOptions options, SyntaxTree tree)
    {
        if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(IommuRules.DocsBaseUriOption, out string? v) && !string.IsNullOrWhiteSpace(v))
            return v;
        return options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property." + IommuRules.DocsBaseUriProperty, out string? p) && !string.IsNullOrWhiteSpace(p) ? p : null;
    }

    /// <summary>The value of <paramref name="key"/> for <paramref name="tree"/>, or null.</summary>
    public static string? Get(AnalyzerOptions options, SyntaxTree tree, string key) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(key, out string? v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>"error" → Error, "warning" → Warn, "suggestion"/"info" → Info, "silent"/"hidden" → Hidden, "none" → Suppress; else null.</summary>
    public static ReportDiagnostic? Parse(string? value)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "error": return ReportDiagnostic.Error;
            case "warning": return ReportDiagnostic.Warn;
            case "suggestion":
            case "info": return ReportDiagnostic.Info;
            case "silent":
            case "hidden": return ReportDiagnostic.Hidden;
            case "none": return ReportDiagnostic.Suppress;
            default: return null;
        }
    }

    /// <summary>The diagnostic severity of a non-suppressing <paramref name="report"/>.</summary>
    public static DiagnosticSeverity ToSeverity(ReportDiagnostic report) => report switch
    {
        ReportDiagnostic.Error => DiagnosticSeverity.Error,
        ReportDiagnostic.Warn => DiagnosticSeverity.Warning,
        ReportDiagnostic.Info => DiagnosticSeverity.Info,
        ReportDiagnostic.Hidden => DiagnosticSeverity.Hidden,
        _ => throw new ArgumentOutOfRangeException(nameof(report)),
    };
}
