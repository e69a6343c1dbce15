using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Migration.Analysis;

/// <summary>The analyzers a run uses: every C# <see cref="DiagnosticAnalyzer"/> of an analyzer assembly, and the rules they define.</summary>
public sealed class AnalyzerSet
{
    /// <summary>
    /// A set of <paramref name="analyzers"/>; <paramref name="names"/> gives rules a readable name by id, and
    /// <paramref name="docsBaseUri"/> (ending in '/') moves every help link of the form BASE/ID.md under it.
    /// </summary>
    public AnalyzerSet(ImmutableArray<DiagnosticAnalyzer> analyzers, IReadOnlyDictionary<string, string>? names = null, string? docsBaseUri = null)
    {
        Analyzers = analyzers;
        Rules = analyzers.SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new RuleInfo(d.Id, d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), Rebase(d, docsBaseUri), Severity.Of(d.DefaultSeverity), d.Category)
            {
                Name = names is not null && names.TryGetValue(d.Id, out string? name) ? name : null,
            })
            .ToList();
    }

    // A link to the rule's own docs page (…/IOMMU001.md) moves to the same page under the given base; others stay.
    private static string Rebase(DiagnosticDescriptor d, string? docsBaseUri) =>
        docsBaseUri is not null && d.HelpLinkUri.EndsWith("/" + d.Id + ".md", StringComparison.Ordinal) ? docsBaseUri + d.Id + ".md" : d.HelpLinkUri;

    /// <summary>The analyzer instances.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>The rules they report, by id.</summary>
    public IReadOnlyList<RuleInfo> Rules { get; }

    /// <summary>Every public C# analyzer type of <paramref name="assembly"/>, instantiated (see the constructor for the other arguments).</summary>
    public static AnalyzerSet FromAssembly(Assembly assembly, IReadOnlyDictionary<string, string>? names = null, string? docsBaseUri = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var analyzers = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        return new AnalyzerSet(analyzers, names, docsBaseUri);
    }
}
