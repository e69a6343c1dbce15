using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Migration.Analyzers.Analysis;

/// <summary>
/// Creates the rules' diagnostics with the project's docs base and the per-symbol severity of .editorconfig
/// (<c>iommu_migration.severity.&lt;symbol&gt;</c>); the rule-wide <c>dotnet_diagnostic.IOMMU00N.severity</c> is applied
/// by the compiler afterwards.
/// </summary>
internal static class DiagnosticFactory
{
    /// <summary>Diagnostic property: the API map symbol the diagnostic is about.</summary>
    public const string SymbolProperty = "Symbol";

    /// <summary>Diagnostic property: the kernel symbol.</summary>
    public const string KernelProperty = "Kernel";

    /// <summary>Diagnostic property: the code fix that applies (absent when none is safe).</summary>
    public const string FixProperty = "Fix";

    /// <summary>
    /// The diagnostic of rule <paramref name="ruleId"/> at <paramref name="location"/> about <paramref name="symbolName"/>,
    /// or null when the per-symbol severity is "none".
    /// </summary>
    public static Diagnostic? Create(string ruleId, Location location, AnalyzerOptions options, string symbolName, string? kernel, string? fix, params object?[] messageArgs)
    {
        SyntaxTree tree = location.SourceTree!;
        DiagnosticDescriptor descriptor = IommuRules.Get(ruleId, MigrationOptions.DocsBase(options, tree));
        ReportDiagnostic? perSymbol = MigrationOptions.SeverityFor(options, tree, symbolName);
        if (perSymbol == ReportDiagnostic.Suppress)
            return null;
        DiagnosticSeverity severity = perSymbol is { } r ? MigrationOptions.ToSeverity(r) : descriptor.DefaultSeverity;
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
            .Add(SymbolProperty, symbolName)
            .Add(KernelProperty, kernel);
        if (fix is not null)
            properties = properties.Add(FixProperty, fix);
        return Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties, messageArgs);
    }

    /// <summary>The message tail saying whether a code fix applies.</summary>
    public static string FixText(string? fixDescription, string? reason) =>
        fixDescription is not null ? "a code fix " + fixDescription : "no safe automatic fix: " + (reason ?? "no one-to-one rewrite is known");
}
