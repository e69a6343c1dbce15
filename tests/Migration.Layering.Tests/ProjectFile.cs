using System.Text.RegularExpressions;

namespace Migration.Layering.Tests;

/// <summary>One .csproj: its folder relative to the root ('/' separated), its name, and the projects it references.</summary>
public sealed partial record ProjectFile(string Folder, string Name, IReadOnlyList<ProjectFile.Reference> References)
{
    /// <summary>A ProjectReference: the referenced project's folder and name.</summary>
    public sealed record Reference(string Folder, string Name);

    [GeneratedRegex("<ProjectReference\\s+Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();

    // Build output and tool folders hold no projects of the repository.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "artifacts", "node_modules" };

    /// <summary>Every .csproj below <paramref name="root"/>, outside build output and dot-folders, sorted by folder.</summary>
    public static IReadOnlyList<ProjectFile> FindAll(string root)
    {
        var projects = new List<ProjectFile>();
        Walk(new DirectoryInfo(root), root, projects);
        return projects.OrderBy(p => p.Folder, StringComparer.Ordinal).ToList();
    }

    /// <summary>The project of <paramref name="csprojPath"/> with its references resolved against <paramref name="root"/>.</summary>
    public static ProjectFile Read(string root, string csprojPath)
    {
        string folder = Path.GetDirectoryName(csprojPath)!;
        var references = ProjectReference().Matches(File.ReadAllText(csprojPath))
            .Select(m => Path.GetFullPath(Path.Combine(folder, m.Groups[1].Value.Replace('\\', '/'))))
            .Select(full => new Reference(Relative(root, Path.GetDirectoryName(full)!), Path.GetFileNameWithoutExtension(full)))
            .ToList();
        return new ProjectFile(Relative(root, folder), Path.GetFileNameWithoutExtension(csprojPath), references);
    }

    private static void Walk(DirectoryInfo dir, string root, List<ProjectFile> projects)
    {
        foreach (FileInfo csproj in dir.EnumerateFiles("*.csproj"))
            projects.Add(Read(root, csproj.FullName));
        foreach (DirectoryInfo sub in dir.EnumerateDirectories())
        {
            if (!sub.Name.StartsWith('.') && !SkippedFolders.Contains(sub.Name))
                Walk(sub, root, projects);
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
