using System.Text.RegularExpressions;

namespace Migration.Vectors.Tests;

/// <summary>The layering rules of the workbench, checked on the project files.</summary>
public partial class LayeringTests
{
    [GeneratedRegex("<ProjectReference Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();

    private static IEnumerable<(string Project, string Reference)> References(string folder)
    {
        string root = Path.Combine(RepositoryPaths.Root, folder);
        if (!Directory.Exists(root))
            yield break;
        foreach (string csproj in Directory.GetFiles(root, "*.csproj", SearchOption.AllDirectories))
        {
            foreach (Match m in ProjectReference().Matches(File.ReadAllText(csproj)))
            {
                string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!, m.Groups[1].Value));
                yield return (Path.GetRelativePath(RepositoryPaths.Root, csproj), Path.GetRelativePath(RepositoryPaths.Root, full).Replace('\\', '/'));
            }
        }
    }

    [Fact]
    public void LegacyNeverReferencesGeneric()
    {
        var bad = References("legacy").Where(r => r.Reference.StartsWith("generic/", StringComparison.Ordinal)).ToList();
        Assert.Empty(bad);
        Assert.NotEmpty(References("legacy")); // the rule is checked on real projects
    }

    [Fact]
    public void GenericNeverReferencesLegacy() =>
        Assert.DoesNotContain(References("generic"), r => r.Reference.StartsWith("legacy/", StringComparison.Ordinal));

    [Fact]
    public void SharedSourcesReferenceNeitherWorld()
    {
        var bad = References("src")
            .Where(r => !r.Project.StartsWith("src/Migration.Vectors", StringComparison.Ordinal)
                && !r.Project.StartsWith("src/Migration.Cli", StringComparison.Ordinal)
                && !r.Project.StartsWith("src/Migration.Equivalence", StringComparison.Ordinal)
                && !r.Project.StartsWith("src/Migration.Scenarios", StringComparison.Ordinal)
                && !r.Project.StartsWith("src/Migration.Reporting", StringComparison.Ordinal)
                && !r.Project.StartsWith("src/Migration.Benchmarks", StringComparison.Ordinal))
            .Where(r => r.Reference.StartsWith("legacy/", StringComparison.Ordinal) || r.Reference.StartsWith("generic/", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(bad);
    }

    [Fact]
    public void AnalyzersReferenceNeitherWorld()
    {
        // The analyzers match the model symbols by name (the API map): a reference to either world would tie them to it.
        var references = References("analyzers").ToList();
        Assert.DoesNotContain(references, r => r.Reference.StartsWith("legacy/", StringComparison.Ordinal) || r.Reference.StartsWith("generic/", StringComparison.Ordinal));
        Assert.All(references, r => Assert.StartsWith("analyzers/", r.Reference, StringComparison.Ordinal));
        Assert.NotEmpty(references); // the code fixes and the package reference the analyzer: the rule is checked on real projects
    }

    [Fact]
    public void GenericReferencesAreAllowedButTheCoreKnowsNoPageTableFormat()
    {
        // generic -> generic is the normal case (a driver on the core and on io-pgtable); the core itself must not learn
        // a format's bits, so it references neither io-pgtable nor a driver (v7s.md: the format lives in the library).
        var generic = References("generic").ToList();
        Assert.Contains(generic, r => r.Project.StartsWith("generic/Generic.IoPgtable/", StringComparison.Ordinal) && r.Reference.StartsWith("generic/Generic.Iommu/", StringComparison.Ordinal));
        Assert.DoesNotContain(generic, r => r.Project.StartsWith("generic/Generic.Iommu/", StringComparison.Ordinal) && r.Reference.StartsWith("generic/", StringComparison.Ordinal));
    }

    [Fact]
    public void HardwareReferencesNoOtherProject() =>
        Assert.Empty(References("src/Migration.Hardware"));
}
