namespace Migration.Vectors.Tests;

/// <summary>Locates the repository root (the folder holding Migration.sln) and the vector folders.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The vectors bundled in the repository.</summary>
    public static string BundledVectors => Path.Combine(Root, "vectors");

    /// <summary>The shared vectors beside the clone (new suites appear there first); may not exist on a user's clone.</summary>
    public static string SharedVectors => Path.GetFullPath(Path.Combine(Root, "..", "shared", "vectors"));

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
