namespace Migration.Layering.Tests;

/// <summary>Every project of the repository against docs/layering.md, with no exemptions.</summary>
public class LayeringTableTests
{
    private static readonly IReadOnlyList<ProjectFile> Projects = ProjectFile.FindAll(RepositoryPaths.Root);

    [Fact]
    public void EveryProjectHasARow_AndEveryProjectReferenceIsAllowedByIt()
    {
        IReadOnlyList<string> violations = LayeringCheck.Violations(LayeringTable.Load(), Projects);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void TheCheck_ReadsProjectsOfEveryGroup()
    {
        // The check above is only as good as the scan: it must see the projects of all five groups.
        foreach (string group in new[] { "src/", "legacy/", "generic/", "analyzers/", "tests/" })
            Assert.Contains(Projects, p => p.Folder.StartsWith(group, StringComparison.Ordinal));
        ProjectFile kernel = Assert.Single(Projects, p => p.Folder == "src/Migration.Kernel");
        Assert.Equal([new ProjectFile.Reference("src/Migration.Hardware", "Migration.Hardware")], kernel.References);
    }

    [Fact]
    public void EveryNameTheTableAllows_IsAProjectWithARow()
    {
        // A misspelt name in a row would allow nothing and hide the reference it meant.
        LayeringTable table = LayeringTable.Load();
        var rowNames = table.Allowed.Keys.Select(folder => folder[(folder.LastIndexOf('/') + 1)..]).ToHashSet(StringComparer.Ordinal);
        var unknown = table.Allowed.SelectMany(row => row.Value.Where(name => !rowNames.Contains(name)).Select(name => $"{row.Key}: {name}")).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void AProjectWithoutARow_IsNamed()
    {
        LayeringTable table = LayeringTable.Parse("| `src/A` | — |\n");
        ProjectFile[] projects = [new("src/A", "A", []), new("src/B", "B", [])];

        Assert.Equal(["src/B (B.csproj) has no row in docs/layering.md"], LayeringCheck.Violations(table, projects));
    }

    [Fact]
    public void AReferenceOutsideTheRow_IsNamedWithItsProject()
    {
        LayeringTable table = LayeringTable.Parse("| Project | May reference |\n|---|---|\n| `legacy/L` | `src/K` is not a name; `K` (why) |\n| `src/K` | — |\n| `generic/G` | `K` |\n");
        ProjectFile[] projects =
        [
            new("legacy/L", "L", [new("src/K", "K"), new("generic/G", "G")]),
            new("src/K", "K", []),
            new("generic/G", "G", [new("src/K", "K")]),
        ];

        Assert.Equal(["legacy/L references G (generic/G), which its row in docs/layering.md does not allow"], LayeringCheck.Violations(table, projects));
    }

    [Fact]
    public void ARowForAProjectThatDoesNotExistYet_IsNoViolation()
    {
        LayeringTable table = LayeringTable.Parse("| `src/A` | `Planned` |\n| `src/Planned` | — |\n");

        Assert.Empty(LayeringCheck.Violations(table, [new ProjectFile("src/A", "A", [])]));
    }

    [Fact]
    public void AProjectInTwoRows_IsAnError()
    {
        var ex = Assert.Throws<FormatException>(() => LayeringTable.Parse("| `src/A` | — |\n| `src/A` | `B` |\n"));
        Assert.Equal("docs/layering.md names src/A in two rows", ex.Message);
    }
}
