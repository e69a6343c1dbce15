using System.Text.RegularExpressions;

namespace Migration.Layering.Tests;

/// <summary>
/// The table of docs/layering.md: per project folder (relative to the root, '/' separated), the names of the projects
/// it may reference. Rows are the Markdown table lines whose first cell is one backticked path; the second cell's
/// backticked names are the allowed references (anything else in it is commentary).
/// </summary>
public sealed partial class LayeringTable
{
    [GeneratedRegex(@"^\|\s*`([^`]+)`\s*\|(.*)\|\s*$")]
    private static partial Regex Row();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Name();

    private LayeringTable(IReadOnlyDictionary<string, IReadOnlySet<string>> allowed) => Allowed = allowed;

    /// <summary>Project folder → the names it may reference.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Allowed { get; }

    /// <summary>Reads the table of <paramref name="markdown"/>; a project named in two rows is an error.</summary>
    public static LayeringTable Parse(string markdown)
    {
        var allowed = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (string line in markdown.Split('\n'))
        {
            Match row = Row().Match(line.TrimEnd('\r'));
            if (!row.Success)
                continue;
            string project = row.Groups[1].Value.TrimEnd('/');
            var names = Name().Matches(row.Groups[2].Value).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            if (!allowed.TryAdd(project, names))
                throw new FormatException($"docs/layering.md names {project} in two rows");
        }
        return new LayeringTable(allowed);
    }

    /// <summary>The table of the repository.</summary>
    public static LayeringTable Load() => Parse(File.ReadAllText(RepositoryPaths.LayeringTable));
}
