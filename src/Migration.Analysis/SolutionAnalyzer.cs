using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace Migration.Analysis;

/// <summary>
/// Loads a solution, a project or every project under a folder with MSBuildWorkspace and runs an
/// <see cref="AnalyzerSet"/> over each C# project with the project's own analyzer options (.editorconfig,
/// AdditionalFiles), collecting the rules' findings and any analyzer exception (AD0001).
/// </summary>
public static class SolutionAnalyzer
{
    /// <summary>
    /// Analyses <paramref name="path"/> (a .sln, a .csproj or a folder). Returns the result, or null with
    /// <paramref name="error"/> saying why the input could not be loaded.
    /// </summary>
    public static AnalysisResult? Analyze(string path, AnalyzerSet analyzers, out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(analyzers);
        MsBuildRegistration.Ensure();
        (AnalysisResult? result, string? message) = AnalyzeLoaded(Path.GetFullPath(path), analyzers);
        error = message;
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (AnalysisResult?, string?) AnalyzeLoaded(string path, AnalyzerSet analyzers)
    {
        IReadOnlyList<string> inputs;
        string root;
        if (File.Exists(path))
        {
            string ext = Path.GetExtension(path);
            if (ext is not (".sln" or ".slnx" or ".csproj"))
                return (null, $"{path}: not a solution (.sln) or C# project (.csproj)");
            inputs = [path];
            root = Path.GetDirectoryName(path)!;
        }
        else if (Directory.Exists(path))
        {
            root = path;
            string[] solutions = Directory.GetFiles(path, "*.sln");
            inputs = solutions.Length == 1
                ? solutions
                : Directory.EnumerateFiles(path, "*.csproj", SearchOption.AllDirectories)
                    .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .ToList();
            if (inputs.Count == 0)
                return (null, $"{path}: no .sln or .csproj in this folder");
        }
        else
        {
            return (null, $"{path}: no such file or folder");
        }

        using MSBuildWorkspace workspace = MSBuildWorkspace.Create();
        var failures = new List<string>();
        workspace.WorkspaceFailed += (_, e) =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                failures.Add(e.Diagnostic.Message);
        };
        foreach (string input in inputs)
        {
            try
            {
                if (input.EndsWith(".csproj", StringComparison.Ordinal))
                {
                    if (!workspace.CurrentSolution.Projects.Any(p => string.Equals(p.FilePath, input, StringComparison.Ordinal)))
                        workspace.OpenProjectAsync(input).GetAwaiter().GetResult();
                }
                else
                {
                    workspace.OpenSolutionAsync(input).GetAwaiter().GetResult();
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
            {
                return (null, $"{input}: cannot be loaded: {e.Message}");
            }
        }
        // A project or folder means those projects, not everything they reference (a solution means all of it).
        bool onlyInputs = inputs.All(i => i.EndsWith(".csproj", StringComparison.Ordinal));
        var projects = workspace.CurrentSolution.Projects
            .Where(p => p.Language == LanguageNames.CSharp && (!onlyInputs || inputs.Contains(p.FilePath ?? "", StringComparer.Ordinal)))
            .ToList();
        if (projects.Count == 0)
            return (null, $"{path}: no C# project could be loaded{(failures.Count > 0 ? ": " + failures[0] : "")}");

        var ruleIds = analyzers.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var findings = new Dictionary<(string, string, int, int), Finding>();
        var exceptions = new List<string>();
        foreach (Project project in projects.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            Compilation? compilation = project.GetCompilationAsync().GetAwaiter().GetResult();
            if (compilation is null)
                continue;
            var withAnalyzers = compilation.WithAnalyzers(analyzers.Analyzers, project.AnalyzerOptions);
            foreach (Diagnostic d in withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult())
            {
                if (d.Id == "AD0001")
                {
                    exceptions.Add($"{project.Name}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
                    continue;
                }
                if (!ruleIds.Contains(d.Id) || d.Severity == DiagnosticSeverity.Hidden)
                    continue;
                Finding f = ToFinding(d, project, root);
                findings.TryAdd((f.RuleId, f.File, f.Line, f.Column), f);
            }
        }
        var ordered = findings.Values
            .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        return (new AnalysisResult(path, ordered, analyzers.Rules, projects.Select(p => p.Name).Order(StringComparer.Ordinal).ToList(), exceptions), null);
    }

    private static Finding ToFinding(Diagnostic d, Project project, string root)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        string file = span.Path ?? "";
        if (file.Length > 0 && Path.IsPathRooted(file))
        {
            string relative = Path.GetRelativePath(root, file);
            if (!relative.StartsWith("..", StringComparison.Ordinal))
                file = relative;
        }
        // The analyzers put the kernel symbol in the diagnostic's "Kernel" property (DiagnosticFactory.KernelProperty).
        string? kernel = d.Properties.TryGetValue("Kernel", out string? k) && !string.IsNullOrEmpty(k) ? k : null;
        return new Finding(d.Id, Severity.Of(d.Severity), d.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            file.Replace('\\', '/'), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1,
            span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1, project.Name, kernel, EnclosingMember(d.Location));
    }

    private static string? EnclosingMember(Location location)
    {
        if (location.SourceTree?.GetRoot().FindNode(location.SourceSpan) is not { } node)
            return null;
        foreach (SyntaxNode n in node.AncestorsAndSelf())
        {
            switch (n)
            {
                case MethodDeclarationSyntax m:
                    return m.Identifier.Text;
                case LocalFunctionStatementSyntax l:
                    return l.Identifier.Text;
                case ConstructorDeclarationSyntax c:
                    return c.Identifier.Text;
                case PropertyDeclarationSyntax p:
                    return p.Identifier.Text;
                case FieldDeclarationSyntax f:
                    return f.Declaration.Variables.FirstOrDefault()?.Identifier.Text;
            }
        }
        return null;
    }
}
