using Migration.Analysis.C.Fix;
using Migration.Analyzers;

namespace Migration.Analysis.C;

/// <summary>
/// The analysis of one input path as `migrate analyze` takes it: a .c file with the libclang front end, a .sln or
/// .csproj with the Roslyn analyzers (MSBuildWorkspace), a folder's C# projects and .c files as one result; and the
/// rewrites of `migrate fix` attached to the findings for SARIF's fixes.
/// </summary>
public static class PathAnalyzer
{
    /// <summary>
    /// The migration analyzers (the Migration.Analyzers assembly), their rules named and their help links
    /// under <paramref name="docsBaseUri"/> (default: <see cref="DefaultDocsBaseUri"/>).
    /// </summary>
    public static AnalyzerSet Analyzers(string? docsBaseUri = null) =>
        AnalyzerSet.FromAssembly(typeof(IommuRules).Assembly, IommuRules.Names, docsBaseUri ?? DefaultDocsBaseUri());

    /// <summary>
    /// The rule docs installed beside the tool (docs/IOMMU00N.md, copied there by the build and the tool package) as a
    /// file:// base; where they are missing, the base the analyzers were built with (the checkout's analyzers/docs).
    /// </summary>
    public static string DefaultDocsBaseUri()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "docs");
        return File.Exists(Path.Combine(beside, IommuRules.OmapIommuApiId + ".md")) ? IommuRules.ToBaseUri(beside) : IommuRules.DefaultDocsBaseUri;
    }

    /// <summary>
    /// The analysis of <paramref name="path"/>: a .c file with the C front end; a folder's C# projects (if any) and
    /// .c files (if any) as one result; a .sln or .csproj with the Roslyn analyzers. Null with <paramref name="error"/>
    /// when the input cannot be loaded.
    /// </summary>
    public static AnalysisResult? Analyze(string path, out string? error) => Analyze(path, CParseSettings.None, out error);

    /// <summary>
    /// As <see cref="Analyze(string, out string?)"/>, parsing C files with <paramref name="settings"/>, the rules' help
    /// links under <paramref name="docsBaseUri"/> (null: <see cref="DefaultDocsBaseUri"/>).
    /// </summary>
    public static AnalysisResult? Analyze(string path, CParseSettings settings, out string? error, string? docsBaseUri = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(settings);
        if (!InputPath.TryFull(path, out string full, out error))
            return null;
        AnalyzerSet analyzers = Analyzers(docsBaseUri);
        if (full.EndsWith(".c", StringComparison.Ordinal) && !Directory.Exists(full))
        {
            if (!File.Exists(full) && new FileInfo(full).LinkTarget is null)
            {
                error = $"{full}: no such file or folder";
                return null;
            }
            // A single file that exists (or a link to one that does not) but cannot be read: the report says so per
            // file (exit 3), like in a folder.
            string root = Path.GetDirectoryName(full)!;
            error = null;
            return WithC(new AnalysisResult(root, [], analyzers.Rules, [], []), CFolderAnalyzer.Analyze([full], root, CKernelCatalog.BuiltIn, settings: settings));
        }
        if (!Directory.Exists(full))
            return SolutionAnalyzer.Analyze(full, analyzers, out error);

        IReadOnlyList<string> cFiles = CFolderAnalyzer.SourceFiles(full);
        bool hasCSharp = Directory.GetFiles(full, "*.sln").Length > 0
            || Directory.EnumerateFiles(full, "*.csproj", SearchOption.AllDirectories).Any(p => !IsBuildOutput(full, p));
        if (!hasCSharp && cFiles.Count == 0)
        {
            error = $"{full}: no .sln, .csproj or .c file in this folder";
            return null;
        }
        error = null;
        AnalysisResult? csharp = hasCSharp ? SolutionAnalyzer.Analyze(full, analyzers, out error) : new AnalysisResult(full, [], analyzers.Rules, [], []);
        if (csharp is null)
            return null;
        return cFiles.Count == 0 ? csharp : WithC(csharp, CFolderAnalyzer.Analyze(cFiles, full, CKernelCatalog.BuiltIn, settings: settings));
    }

    /// <summary>
    /// <paramref name="result"/> with `migrate fix`'s rewrites of its C files (default handle rule) attached to the
    /// findings they rewrite, for SARIF's <c>fixes</c>; the C files are parsed again for it, so only SARIF pays.
    /// </summary>
    public static AnalysisResult WithFixes(AnalysisResult result, CParseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        var files = result.SourceFiles.Where(f => f.Error is null && f.Calls > 0).Select(f => Path.Combine(result.Root, f.File)).ToList();
        if (files.Count == 0)
            return result;
        IReadOnlyList<FileFix> fixes = new CFixer(settings).Fix(files, result.Root);
        return result with { Findings = FindingFixes.Attach(result.Findings, fixes) };
    }

    private static bool IsBuildOutput(string root, string path) =>
        Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).SkipLast(1).Any(d => d is "bin" or "obj" or ".git");

    /// <summary><paramref name="csharp"/> with the C front end's findings merged in (ordered by file and position) and its per-file reports.</summary>
    private static AnalysisResult WithC(AnalysisResult csharp, CAnalysis c) =>
        csharp with
        {
            Findings = csharp.Findings.Concat(c.Findings)
                .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId, StringComparer.Ordinal)
                .ToList(),
            Projects = csharp.Projects.Append(CSourceAnalyzer.ProjectName).ToList(),
            SourceFiles = c.SourceFiles,
        };

}
