using System.CommandLine;
using System.Reflection;
using Migration.Analysis;
using Migration.Analysis.C;
using Migration.Analysis.C.Fix;
using Migration.Analyzers;
using Spectre.Console;

namespace Migration.Cli.Verbs;

/// <summary>
/// `migrate analyze PATH [--format console|json|sarif] [--output FILE] [--include DIR]... [--define NAME[=VALUE]]...
/// [--compile-commands FILE]`: loads a solution, a project or every project
/// under a folder with MSBuildWorkspace and runs the migration analyzers (IOMMU rules) on the C# code; reads a .c file,
/// or every .c file under a folder, with the libclang C front end (Migration.Analysis.C) and the same rule catalog. A
/// folder gives one combined report of both. Reports are tables per rule, per enclosing function and per file, JSON, or
/// SARIF 2.1.0 (with `migrate fix`'s rewrites as each result's fixes). Exit (<see cref="ExitCodes"/>) 0 when no finding has error severity, 1 otherwise, 2 when the input cannot be loaded (the message
/// says why), 3 when some C file could not be analysed at all (unreadable, or nothing in it parsed; a file parsed in part is a note): the report
/// covers the rest, and 3 wins over 1 because a partial report cannot say the tree is clean.
/// </summary>
public static class AnalyzeVerb
{
    /// <summary>Exit code when nothing at error severity was found (<see cref="ExitCodes.Passed"/>; kept for the verb's tests).</summary>
    public const int ExitClean = ExitCodes.Passed;

    /// <summary>Exit code when a finding has error severity (<see cref="ExitCodes.Failed"/>).</summary>
    public const int ExitErrors = ExitCodes.Failed;

    /// <summary>Exit code when the input cannot be loaded or an option is wrong (<see cref="ExitCodes.BadInput"/>).</summary>
    public const int ExitBadInput = ExitCodes.BadInput;

    /// <summary>Exit code when some input files could not be analysed; the report covers the rest (<see cref="ExitCodes.Partial"/>, wins over <see cref="ExitErrors"/>).</summary>
    public const int ExitSomeFilesFailed = ExitCodes.Partial;

    /// <summary>Builds the verb writing to <paramref name="stdout"/> / <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A .sln, a .csproj, a .c file or a folder (its C# projects and its .c files)" };
        var format = new Option<string>("--format") { Description = "console, json or sarif", DefaultValueFactory = _ => "console" };
        var output = new Option<string?>("--output") { Description = "Write the report to this file instead of the console" };
        var docs = new Option<string?>("--docs-base-uri") { Description = "Where the rules' help links point: an absolute URI or a folder holding IOMMU00N.md (default: the docs installed beside the tool)" };
        var parseOptions = new CParseCommandOptions();
        var command = new Command("analyze", "Find vendor IOMMU API use in C# code (Roslyn analyzers) and C driver sources (libclang) and say what replaces it (IOMMU001...). " +
            "Exit codes: 0 no error finding, 1 an error finding, 2 the input cannot be loaded, 3 some files could not be analysed (the report covers the rest)");
        command.Arguments.Add(path);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(docs);
        parseOptions.AddTo(command);
        command.SetAction(pr => Run(pr.GetValue(path)!, pr.GetValue(format) ?? "console", pr.GetValue(output), stdout, stderr, parseOptions.Read(pr), pr.GetValue(docs)));
        return command;
    }

    /// <summary>
    /// The analyzers shipped with the tool (the Migration.Analyzers assembly), their rules named and their help links
    /// under <paramref name="docsBaseUri"/> (default: <see cref="DefaultDocsBaseUri"/>).
    /// </summary>
    public static AnalyzerSet Analyzers(string? docsBaseUri = null) =>
        AnalyzerSet.FromAssembly(Assembly.Load(new AssemblyName("Migration.Analyzers")), IommuRules.Names, docsBaseUri ?? DefaultDocsBaseUri());

    /// <summary>
    /// The rule docs installed beside the tool (docs/IOMMU00N.md, copied there by the build and the tool package) as a
    /// file:// base; where they are missing, the base the analyzers were built with (the checkout's analyzers/docs).
    /// </summary>
    public static string DefaultDocsBaseUri()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "docs");
        return File.Exists(Path.Combine(beside, IommuRules.OmapIommuApiId + ".md")) ? IommuRules.ToBaseUri(beside) : IommuRules.DefaultDocsBaseUri;
    }

    /// <summary>Runs the verb with no C parse options and the default help links; returns the exit code.</summary>
    public static int Run(string path, string format, string? output, TextWriter stdout, TextWriter stderr) =>
        Run(path, format, output, stdout, stderr, CParseOptions.None);

    /// <summary>
    /// Runs the verb, parsing C files with <paramref name="parse"/> (--include, --define, --compile-commands) and with
    /// help links under <paramref name="docsBaseUri"/> (null: <see cref="DefaultDocsBaseUri"/>); returns the exit code.
    /// </summary>
    public static int Run(string path, string format, string? output, TextWriter stdout, TextWriter stderr, CParseOptions parse, string? docsBaseUri = null)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(parse);
        if (format is not ("console" or "json" or "sarif"))
        {
            stderr.WriteLine($"error: --format: '{format}' is not a format (console, json, sarif)");
            return ExitCodes.BadInput;
        }
        if (docsBaseUri is not null)
        {
            // A link must open: an absolute URI as given, or a folder that exists (written as its file:// URI).
            if (Directory.Exists(docsBaseUri))
                docsBaseUri = IommuRules.ToBaseUri(Path.GetFullPath(docsBaseUri));
            else if (docsBaseUri.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(docsBaseUri, UriKind.Absolute, out _))
                docsBaseUri = IommuRules.ToBaseUri(docsBaseUri);
            else
            {
                stderr.WriteLine($"error: --docs-base-uri: '{docsBaseUri}' is neither an absolute URI nor an existing folder");
                return ExitCodes.BadInput;
            }
        }
        docsBaseUri ??= DefaultDocsBaseUri();
        if (parse.ToSettings(out string? optionError) is not { } settings)
        {
            stderr.WriteLine($"error: {optionError}");
            return ExitCodes.BadInput;
        }
        AnalysisResult? result = Analyze(path, settings, out string? error, docsBaseUri);
        if (result is null)
        {
            stderr.WriteLine($"error: {error}");
            return ExitCodes.BadInput;
        }
        if (format == "sarif")
            result = WithFixes(result, settings);
        foreach (string exception in result.AnalyzerExceptions)
            stderr.WriteLine($"warning: AD0001 {exception}");
        foreach (SourceFileReport file in result.SourceFiles.Where(f => f.Error is not null))
            stderr.WriteLine($"error: {file.File}: {file.Error}");
        foreach (SourceFileReport file in result.SourceFiles.Where(f => f.Note is not null))
            stderr.WriteLine($"note: {file.File}: {file.Note}");

        string text = format switch
        {
            "json" => FindingsJsonWriter.Write(result),
            "sarif" => SarifWriter.Write(result, typeof(AnalyzeVerb).Assembly.GetName().Version?.ToString() ?? "1.0.0", docsBaseUri),
            _ => ConsoleTables(result),
        };
        if (output is not null)
        {
            File.WriteAllText(output, text);
            stdout.WriteLine($"{result.Findings.Count} findings in {result.Projects.Count} projects; {format} written to {output}");
        }
        else
        {
            stdout.Write(text);
        }
        return result.HasFileErrors ? ExitCodes.Partial : result.HasErrors ? ExitCodes.Failed : ExitCodes.Passed;
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
        AnalyzerSet analyzers = Analyzers(docsBaseUri);
        string full = Path.GetFullPath(path);
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

    /// <summary>The console form: tables per rule, per file, per enclosing function and (C inputs) per source file, then every finding with its location.</summary>
    public static string ConsoleTables(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 160; // a file or a pipe has no width; keep rows on one line
        var byRule = new Table { Title = new TableTitle("Findings per rule") };
        byRule.AddColumns("Rule", "Title", "Findings", "Help");
        foreach (RuleInfo rule in result.Rules)
            byRule.AddRow(rule.Id, Markup.Escape(rule.Title), result.Findings.Count(f => f.RuleId == rule.Id).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(rule.HelpUri));
        console.Write(byRule);
        var byFile = new Table { Title = new TableTitle("Findings per file") };
        byFile.AddColumns("File", "Findings", "Rules");
        foreach (var file in result.Findings.GroupBy(f => f.File).OrderBy(g => g.Key, StringComparer.Ordinal))
            byFile.AddRow(Markup.Escape(file.Key), file.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(", ", file.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal)));
        console.Write(byFile);
        var byFunction = new Table { Title = new TableTitle("Findings per enclosing function") };
        byFunction.AddColumns("File", "Function", "Findings", "Rules", "Kernel symbols");
        foreach (var function in result.Findings.GroupBy(f => (f.File, Function: f.EnclosingMember ?? "(file scope)")).OrderBy(g => g.Key.File, StringComparer.Ordinal).ThenBy(g => g.Key.Function, StringComparer.Ordinal))
        {
            byFunction.AddRow(Markup.Escape(function.Key.File), Markup.Escape(function.Key.Function), function.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join(", ", function.Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal)),
                Markup.Escape(string.Join(", ", function.Select(f => f.KernelSymbol ?? "?").Distinct().Order(StringComparer.Ordinal))));
        }
        console.Write(byFunction);
        if (result.SourceFiles.Count > 0)
        {
            var sources = new Table { Title = new TableTitle("C source files: calls found by the first parse, after stubbing, by tokens only") };
            sources.AddColumns("File", "Parsed with", "AST", "After stubs", "Tokens", "Stubs", "Error or parse status");
            foreach (SourceFileReport file in result.SourceFiles)
            {
                sources.AddRow(Markup.Escape(file.File), Markup.Escape(file.Parse ?? ""), Count(file.FromAst), Count(file.FromStubbedAst), Count(file.FromTokens), Count(file.Stubs),
                    Markup.Escape(file.Error is { } e ? "error: " + e : file.Note is { } n ? "note: " + n : ""));
            }
            console.Write(sources);
        }
        foreach (Finding f in result.Findings)
            text.WriteLine($"{f.File}({f.Line},{f.Column}): {f.Severity} {f.RuleId}: {f.Message}{(f.EnclosingMember is { } m ? $" [in {m}]" : "")}{(f.Origin is { } o ? $" ({o})" : "")}");
        text.WriteLine($"{result.Findings.Count} findings in {result.Projects.Count} projects"
            + (result.SourceFiles.Count > 0 ? $"; {result.SourceFiles.Count} C files, {result.SourceFiles.Count(f => f.Error is not null)} with errors, {result.SourceFiles.Count(f => f.Note is not null)} parsed in part" : ""));
        return text.ToString();
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
