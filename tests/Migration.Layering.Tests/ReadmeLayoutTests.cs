using System.Text.RegularExpressions;

namespace Migration.Layering.Tests;

/// <summary>
/// README's Layout section (the map a newcomer reads) and docs/layering.md (what each project may reference) name the
/// same projects: every project row of the table outside tests/ that exists on disk has a Layout row (or rows for its
/// folders), and every Layout row naming a project folder has a table row.
/// </summary>
public partial class ReadmeLayoutTests
{
    [GeneratedRegex(@"^\|\s*`([^`]+)`\s*\|")]
    private static partial Regex LayoutRow();

    // The first cells of the Layout section's table (between "## Layout" and the next "## ").
    private static IReadOnlySet<string> LayoutPaths()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        int start = readme.IndexOf("\n## Layout", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Layout' section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = end < 0 ? readme[start..] : readme[start..end];
        return section.Split('\n').Select(l => LayoutRow().Match(l.TrimEnd('\r'))).Where(m => m.Success)
            .Select(m => m.Groups[1].Value.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsProject(string folder) =>
        Directory.Exists(Path.Combine(RepositoryPaths.Root, folder)) && Directory.GetFiles(Path.Combine(RepositoryPaths.Root, folder), "*.csproj").Length > 0;

    [Fact]
    public void EveryProjectOutsideTests_HasALayoutRow()
    {
        IReadOnlySet<string> layout = LayoutPaths();
        var missing = LayeringTable.Load().Allowed.Keys.Where(p => !p.StartsWith("tests/", StringComparison.Ordinal) && IsProject(p)
            && !layout.Any(l => l == p || l.StartsWith(p + "/", StringComparison.Ordinal))).ToList(); // a project may be mapped folder by folder
        Assert.True(missing.Count == 0, "projects without a row in README's Layout: " + string.Join(", ", missing));
        Assert.True(layout.Count > 20, $"the Layout section was read ({layout.Count} rows)");
    }

    [Fact]
    public void EveryProjectInTheLayout_HasALayeringRow()
    {
        IReadOnlyDictionary<string, IReadOnlySet<string>> table = LayeringTable.Load().Allowed;
        var missing = LayoutPaths().Where(p => IsProject(p) && !table.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, "Layout rows for projects without a row in docs/layering.md: " + string.Join(", ", missing));
    }
}
