using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.ApiMap;

namespace Migration.Analyzers.Tests;

/// <summary>The rule catalog, the built-in API map against the real model assemblies, the docs pages, release tracking.</summary>
public partial class CatalogTests
{
    private static readonly Lazy<CSharpCompilation> Models = new(() => CSharpCompilation.Create("Models", [],
        Basic.Reference.Assemblies.Net100.References.All.Concat(
            Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
                .Where(f => Path.GetFileName(f) is var n && (n.StartsWith("Legacy.", StringComparison.Ordinal) || n.StartsWith("Generic.", StringComparison.Ordinal) || n.StartsWith("Migration.Kernel", StringComparison.Ordinal) || n.StartsWith("Migration.Drivers", StringComparison.Ordinal) || n.StartsWith("Migration.Hardware", StringComparison.Ordinal)))
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f, documentation: File.Exists(Path.ChangeExtension(f, ".xml")) ? XmlDocumentationProvider.CreateFromFile(Path.ChangeExtension(f, ".xml")) : null)))));

    [GeneratedRegex(@"^(IOMMU\d{3}) \| IommuMigration \| Warning \| (\w+)$", RegexOptions.Multiline)]
    private static partial Regex UnshippedRow();

    [Fact]
    public void TheCatalog_HasEightRulesWithHelpLinksToTheirDocsPages()
    {
        Assert.Equal(["IOMMU000", "IOMMU001", "IOMMU002", "IOMMU003", "IOMMU004", "IOMMU005", "IOMMU006", "IOMMU007"], IommuRules.All.Select(d => d.Id).ToArray());
        foreach (DiagnosticDescriptor d in IommuRules.All)
        {
            // By default the link opens this checkout's page: a file:// URI of analyzers/docs/IOMMU00N.md, which exists.
            string page = Path.Combine(ProductSources.Root, "analyzers", "docs", d.Id + ".md");
            Assert.Equal(new Uri(page).AbsoluteUri, d.HelpLinkUri);
            Assert.True(File.Exists(new Uri(d.HelpLinkUri).LocalPath), $"{d.HelpLinkUri} does not open");
            Assert.Equal(IommuRules.Category, d.Category);
            // A readable name distinct from the id (SARIF's reportingDescriptor.name).
            Assert.Matches("^[A-Z][A-Za-z]+$", IommuRules.Names[d.Id]);
        }
        Assert.Equal("https://docs.example/x/IOMMU005.md", IommuRules.Get("IOMMU005", "https://docs.example/x").HelpLinkUri);
        Assert.Equal("file:///opt/iommu%20docs/IOMMU005.md", IommuRules.Get("IOMMU005", "/opt/iommu docs").HelpLinkUri); // a folder becomes its file:// URI
        Assert.Equal(IommuRules.All.Length, IommuRules.Names.Count);
    }

    [Fact]
    public void EveryDocsPage_HasItsSections()
    {
        foreach (DiagnosticDescriptor d in IommuRules.All.Where(d => d.Id != IommuRules.ApiMapFileId))
        {
            string page = File.ReadAllText(Path.Combine(ProductSources.Root, "analyzers", "docs", d.Id + ".md"));
            foreach (string section in new[] { "## What it flags", "## Why", "## Before", "## After", "## Code fix", "## Configure", "## Reference" })
                Assert.True(page.Contains(section, StringComparison.Ordinal), $"{d.Id}.md lacks '{section}'");
        }
    }

    [Fact]
    public void EveryAnalyzerType_IsPublicSealedCSharpAndListedOnce()
    {
        Type[] types = typeof(IommuRules).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.Name).ToArray();
        Assert.Equal(5, types.Length);
        Assert.All(types, t => Assert.True(t.IsPublic && t.IsSealed && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>()!.Languages.SequenceEqual([LanguageNames.CSharp]), t.Name));
        Assert.Equal(types.Select(t => t.Name), IommuAnalyzers.CreateAll().Select(a => a.GetType().Name).OrderBy(n => n));
        var reported = IommuAnalyzers.CreateAll().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToArray();
        Assert.Equal(IommuRules.All.Select(d => d.Id), reported.OrderBy(i => i)); // each rule reported by exactly one analyzer

        string unshipped = File.ReadAllText(Path.Combine(ProductSources.Root, "analyzers", "Migration.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var rows = UnshippedRow().Matches(unshipped).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();
        Assert.Equal(IommuAnalyzers.CreateAll().SelectMany(a => a.SupportedDiagnostics.Select(d => (d.Id, a.GetType().Name))).OrderBy(r => r.Item1), rows);
    }

    [Fact]
    public void EveryBuiltInSymbol_ExistsAndItsDocNamesTheKernelSymbol()
    {
        CSharpCompilation models = Models.Value;
        var problems = new List<string>();
        foreach (ApiMapEntry e in ApiMap.ApiMap.BuiltIn.Entries)
        {
            Assert.False(e.IsWildcard, e.Symbol);
            ISymbol? symbol = models.GetTypeByMetadataName(e.Symbol);
            if (symbol is null)
            {
                int dot = e.Symbol.LastIndexOf('.');
                symbol = models.GetTypeByMetadataName(e.Symbol[..dot])?.GetMembers(e.Symbol[(dot + 1)..]).FirstOrDefault();
            }
            if (symbol is null)
            {
                problems.Add($"{e.Symbol}: no such type or member in the model assemblies");
                continue;
            }
            string doc = symbol.GetDocumentationCommentXml() ?? string.Empty;
            if (e.Kernel is null || !doc.Contains(e.Kernel, StringComparison.Ordinal))
                problems.Add($"{e.Symbol}: its XML doc does not name '{e.Kernel}'");
            Assert.NotNull(e.Replacement ?? (e.RuleId is null ? "generic" : null));
            Assert.True(e.Reference is not null, $"{e.Symbol} has no reference section");
            Assert.True(e.RuleId is null || e.CReplacement is not null, $"{e.Symbol} has no C replacement");
            Assert.True(e.RuleId is null || e.FixKind is not null || e.NoFix is not null, $"{e.Symbol} says neither its fix nor why there is none");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void TheAnalyzerAssembly_ReferencesNeitherWorld()
    {
        AssemblyName[] references = typeof(IommuRules).Assembly.GetReferencedAssemblies();
        Assert.DoesNotContain(references, r => r.Name!.StartsWith("Legacy.", StringComparison.Ordinal) || r.Name.StartsWith("Generic.", StringComparison.Ordinal) || r.Name.StartsWith("Migration.Kernel", StringComparison.Ordinal));
        Assert.Equal("netstandard", references.Single(r => r.Name == "netstandard").Name);
    }
}
