using System.Globalization;
using System.Text;

namespace Migration.Analysis.C.Fix;

/// <summary>
/// A `migrate fix` run over a .c file or a folder: every file's result, the patch (one unified diff, paths relative
/// to <paramref name="Root"/>) and the summary (every call site, then the manual steps).
/// </summary>
/// <param name="Root">The folder the diff's paths are relative to: PATH's parent for a file, PATH for a folder.</param>
/// <param name="Files">One result per file, ordered by path.</param>
public sealed record FixRun(string Root, IReadOnlyList<FileFix> Files)
{
    /// <summary>Fixes <paramref name="path"/> (a .c file or a folder); null with <paramref name="error"/> when it does not exist or holds no .c file.</summary>
    public static FixRun? Run(string path, CFixer fixer, out string? error, int? maxParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(fixer);
        if (!InputPath.TryFull(path, out string full, out error))
            return null;
        if (Directory.Exists(full))
        {
            IReadOnlyList<string> files = CFolderAnalyzer.SourceFiles(full);
            if (files.Count == 0)
            {
                error = $"{full}: no .c file in this folder";
                return null;
            }
            return new FixRun(full, fixer.Fix(files, full, maxParallelism));
        }
        if (!File.Exists(full) && new FileInfo(full).LinkTarget is null)
        {
            error = $"{full}: no such file or folder";
            return null;
        }
        if (!full.EndsWith(".c", StringComparison.Ordinal))
        {
            error = $"{full}: not a .c file or a folder";
            return null;
        }
        string root = Path.GetDirectoryName(full)!;
        return new FixRun(root, fixer.Fix([full], root, maxParallelism));
    }

    /// <summary>True when some file could not be read or parsed (the run's partial result).</summary>
    public bool HasFileErrors => Files.Any(f => f.Error is not null);

    /// <summary>The unified diff of every changed file, in path order ("" when nothing changes).</summary>
    public string Diff() =>
        string.Concat(Files.Where(f => f.Error is null && f.Changed).Select(f => UnifiedDiff.Create(f.File, f.Original, f.Sites.SelectMany(s => s.Edits).ToList())));

    /// <summary>Every call site (rewritten or left alone and why), the files' errors, the manual steps, and the counts.</summary>
    public IReadOnlyList<string> Summary()
    {
        var lines = new List<string>();
        foreach (FileFix file in Files)
        {
            if (file.Error is { } e)
                lines.Add($"error: {file.File}: {e}");
            lines.AddRange(file.Sites.Select(s => s.SummaryLine));
        }
        var steps = Files.SelectMany(f => f.ManualSteps).Distinct(StringComparer.Ordinal).ToList();
        if (steps.Count > 0)
        {
            lines.Add("manual steps the patch cannot do:");
            lines.AddRange(steps.Select(s => "  - " + s));
        }
        int sites = Files.Sum(f => f.Sites.Count);
        int rewritten = Files.Sum(f => f.Sites.Count(s => s.Rewritten));
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{sites} call sites: {rewritten} rewritten, {sites - rewritten} left alone; {Files.Count(f => f.Error is null && f.Changed)} of {Files.Count} files changed, {Files.Count(f => f.Error is not null)} with errors"));
        return lines;
    }

    /// <summary>
    /// Writes each changed file's patched bytes in place (line endings and every untouched byte as read); returns the
    /// run with a file that could not be written turned into that file's error.
    /// </summary>
    public FixRun Apply()
    {
        var files = new List<FileFix>(Files.Count);
        foreach (FileFix file in Files)
        {
            if (file.Error is not null || !file.Changed)
            {
                files.Add(file);
                continue;
            }
            try
            {
                File.WriteAllBytes(file.FullPath, file.Patched);
                files.Add(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                files.Add(file with { Error = $"cannot be written: {e.Message}" });
            }
        }
        return this with { Files = files };
    }
}
