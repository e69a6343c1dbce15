using System.CommandLine;
using Migration.Analysis;
using Migration.Analysis.C;
using Migration.Analyzers;

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

    /// <summary>Runs the verb with no C parse options and the default help links; returns the exit code.</summary>
    public static int Run(string path, string format, string? output, TextWriter stdout, TextWriter stderr) =>
        Run(path, format, output, stdout, stderr, CParseOptions.None);

    /// <summary>
    /// Runs the verb, parsing C files with <paramref name="parse"/> (--include, --define, --compile-commands) and with
    /// help links under <paramref name="docsBaseUri"/> (null: <see cref="PathAnalyzer.DefaultDocsBaseUri"/>); returns the exit code.
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
        if (output is not null && OutputPath.FileError("--output", output) is { } badOutput)
        {
            stderr.WriteLine(badOutput);
            return ExitCodes.BadInput;
        }
        docsBaseUri ??= PathAnalyzer.DefaultDocsBaseUri();
        if (parse.ToSettings(out string? optionError) is not { } settings)
        {
            stderr.WriteLine($"error: {optionError}");
            return ExitCodes.BadInput;
        }
        AnalysisResult? result = PathAnalyzer.Analyze(path, settings, out string? error, docsBaseUri);
        if (result is null)
        {
            stderr.WriteLine($"error: {error}");
            return ExitCodes.BadInput;
        }
        if (format == "sarif")
            result = PathAnalyzer.WithFixes(result, settings);
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
            _ => FindingsConsoleWriter.Write(result),
        };
        if (output is not null)
        {
            if (OutputPath.TryWrite("--output", output, text) is { } writeError)
            {
                stderr.WriteLine(writeError);
                return ExitCodes.BadInput;
            }
            stdout.WriteLine($"{result.Findings.Count} findings in {result.Projects.Count} projects; {format} written to {output}");
        }
        else
        {
            stdout.Write(text);
        }
        return result.HasFileErrors ? ExitCodes.Partial : result.HasErrors ? ExitCodes.Failed : ExitCodes.Passed;
    }
}
