using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Migration.Analysis;

/// <summary>The analyzers a run uses: every C# <see cref="DiagnosticAnalyzer"/> of an analyzer assembly, and the rules they define.</summary>
public sealed class AnalyzerSet
{
    /// <summary>A set of <paramref name="analyzers"/>.</summary>
    public AnalyzerSet(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Analyzers = analyzers;
        Rules = analyzers.SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new RuleInfo(d.Id, d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), d.HelpLinkUri, Severity.Of(d.DefaultSeverity), d.Category))
            .ToList();
    }

    /// <summary>The analyzer instances.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>The rules they report, by id.</summary>
    public IReadOnlyList<RuleInfo> Rules { get; }

    /// <summary>Every public C# analyzer type of <paramref name="assembly"/>, instantiated.</summary>
    public static AnalyzerSet FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var analyzers = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        return new AnalyzerSet(analyzers);
    }
}
