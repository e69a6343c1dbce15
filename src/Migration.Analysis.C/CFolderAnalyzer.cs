namespace Migration.Analysis.C;

/// <summary>
/// Runs the C front end over many files: every .c file under a folder (bin/, obj/ and .git/ skipped), in parallel
/// with one libclang index per worker thread, and returns the findings and per-file reports in a fixed order (by
/// path, then position) whatever order the workers finished in.
/// </summary>
public static class CFolderAnalyzer
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git"];

    /// <summary>The .c files under <paramref name="folder"/>, sorted by path (ordinal).</summary>
    public static IReadOnlyList<string> SourceFiles(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        return Directory.EnumerateFiles(folder, "*.c", options)
            .Where(p => !Path.GetRelativePath(folder, p).Split(Path.DirectorySeparatorChar).SkipLast(1).Any(SkippedFolders.Contains))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Analyses <paramref name="files"/> with <paramref name="catalog"/>, naming each relative to <paramref name="root"/>
    /// when inside it, on at most <paramref name="maxParallelism"/> threads (default: the processor count), parsing with
    /// <paramref name="settings"/> (default: the kernel prelude only).
    /// </summary>
    public static CAnalysis Analyze(IReadOnlyList<string> files, string root, CKernelCatalog catalog, int? maxParallelism = null, CParseSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(root);
        var analyzer = new CSourceAnalyzer(catalog, settings);
        var results = new CFileAnalysis[files.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism ?? Environment.ProcessorCount) };
        Parallel.For(0, files.Count, options,
            () => new Interop.ClangIndex(),
            (i, _, index) =>
            {
                results[i] = analyzer.Analyze(index, files[i], DisplayPath(files[i], root));
                return index;
            },
            index => index.Dispose());
        var ordered = results.OrderBy(r => r.Report.File, StringComparer.Ordinal).ToList();
        return new CAnalysis(ordered.SelectMany(r => r.Findings).ToList(), ordered.Select(r => r.Report).ToList());
    }

    /// <summary><paramref name="path"/> relative to <paramref name="root"/> with '/' separators, or the full path when outside it.</summary>
    public static string DisplayPath(string path, string root)
    {
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(Path.GetFullPath(root), full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative).Replace('\\', '/');
    }
}
