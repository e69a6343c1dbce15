namespace Migration.Layering.Tests;

/// <summary>
/// The hard rules between the worlds, checked on the project files themselves and on the table's rows, so that neither
/// a reference nor a row can break them.
/// </summary>
public class WorldRuleTests
{
    private static readonly IReadOnlyList<ProjectFile> Projects = ProjectFile.FindAll(RepositoryPaths.Root);
    private static readonly LayeringTable Table = LayeringTable.Load();

    // Folder of every project with a row or on disk, by name (names are unique in the repository).
    private static readonly Dictionary<string, string> FolderByName = Table.Allowed.Keys
        .Concat(Projects.Select(p => p.Folder))
        .Distinct(StringComparer.Ordinal)
        .ToDictionary(folder => folder[(folder.LastIndexOf('/') + 1)..], StringComparer.Ordinal);

    private static IEnumerable<(string Project, string Reference)> References(string group) =>
        Projects.Where(p => p.Folder.StartsWith(group, StringComparison.Ordinal)).SelectMany(p => p.References.Select(r => (p.Folder, r.Folder)))
            .Concat(Table.Allowed.Where(row => row.Key.StartsWith(group, StringComparison.Ordinal))
                .SelectMany(row => row.Value.Select(name => (row.Key, FolderByName.GetValueOrDefault(name, name)))));

    [Fact]
    public void Legacy_NeverReferencesGeneric()
    {
        Assert.DoesNotContain(References("legacy/"), r => r.Reference.StartsWith("generic/", StringComparison.Ordinal));
        Assert.Contains(Projects, p => p.Folder.StartsWith("legacy/", StringComparison.Ordinal) && p.References.Count > 0); // checked on real projects
    }

    [Fact]
    public void Generic_NeverReferencesLegacy()
    {
        Assert.DoesNotContain(References("generic/"), r => r.Reference.StartsWith("legacy/", StringComparison.Ordinal));
        Assert.Contains(Projects, p => p.Folder.StartsWith("generic/", StringComparison.Ordinal) && p.References.Count > 0);
    }

    [Fact]
    public void AnalyzersReferenceNeitherWorld_OnlyAnalyzers()
    {
        // The analyzers match the model symbols by name (the API map): a reference to either world would tie them to it.
        var references = References("analyzers/").ToList();
        Assert.DoesNotContain(references, r => r.Reference.StartsWith("legacy/", StringComparison.Ordinal) || r.Reference.StartsWith("generic/", StringComparison.Ordinal));
        Assert.All(references, r => Assert.StartsWith("analyzers/", r.Reference, StringComparison.Ordinal));
        Assert.NotEmpty(references); // the code fixes and the package reference the analyzer: checked on real projects
    }

    [Fact]
    public void OnlyTheCliTests_ReferenceTheExecutable()
    {
        // Verbs parse options, call a library and print: what a verb computes is tested on the library, and only the
        // command line itself (arguments, exit codes, output) is tested through src/Migration.Cli.
        var references = Projects.SelectMany(p => p.References.Select(r => (p.Folder, r.Folder))).Where(r => r.Item2 == "src/Migration.Cli").Select(r => r.Item1)
            .Concat(Table.Allowed.Where(row => row.Value.Contains("Migration.Cli")).Select(row => row.Key));
        Assert.Equal(["tests/Migration.Cli.Tests"], references.Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public void TheGenericCore_ReachesNoPageTableFormat()
    {
        // generic/Generic.Iommu must not learn a format's bits (v7s.md: the format lives in io-pgtable): not io-pgtable,
        // not a driver, not the drivers' shared code, through any chain of references; and not the hardware directly.
        var graph = Projects.ToDictionary(p => p.Folder, p => p.References.Select(r => r.Folder).ToList(), StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(graph["generic/Generic.Iommu"]);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            if (reached.Add(folder) && graph.TryGetValue(folder, out List<string>? next))
                next.ForEach(pending.Push);
        }

        Assert.Equal(["src/Migration.Hardware", "src/Migration.Kernel"], reached.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("src/Migration.Hardware", graph["generic/Generic.Iommu"]);
        Assert.DoesNotContain(Table.Allowed["generic/Generic.Iommu"], name => name is "Generic.IoPgtable" or "Migration.Drivers" or "Migration.Hardware"
            || FolderByName.GetValueOrDefault(name, "").StartsWith("generic/", StringComparison.Ordinal));
    }
}
