namespace Migration.Layering.Tests;

/// <summary>Locates the repository root (the folder holding Migration.sln) and the layering table.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>docs/layering.md: the table of what each project may reference.</summary>
    public static string LayeringTable => Path.Combine(Root, "docs", "layering.md");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Migration.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Migration.sln above {AppContext.BaseDirectory}");
    }
}
