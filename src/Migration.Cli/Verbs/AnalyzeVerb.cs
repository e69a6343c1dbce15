using System.CommandLine;
using System.Reflection;
using Migration.Analysis;
using Spectre.Console;

namespace Migration.Cli.Verbs;

/// <summary>
/// `migrate analyze PATH [--format console|json|sarif] [--output FILE]`: loads a solution, a project or every project
/// under a folder with MSBuildWorkspace, runs the migration analyzers (IOMMU rules) and reports the findings as
/// tables per rule and per file, JSON, or SARIF 2.1.0. Exit 0 when no finding has error severity, 1 otherwise, 2
/// when the input cannot be loaded (the message says why).
/// </summary>
public static class AnalyzeVerb
{
    /// <summary>Exit code when nothing at error severity was found.</summary>
    public const int ExitClean = 0;

    /// <summary>Exit code when a finding has error severity.</summary>
    public const int ExitErrors = 1;

    /// <summary>Exit code when the input cannot be loaded or an option is wrong.</summary>
    public const int ExitBadInput = 2;

    /// <summary>Builds the verb writing to <paramref name="stdout"/> / <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A .sln, a .csproj or a folder" };
        var format = new Option<string>("--format") { Description = "console, json or sarif", DefaultValueFactory = _ => "console" };
        var output = new Option<string?>("--output") { Description = "Write the report to this file instead of the console" };
        var command = new Command("analyze", "Find vendor IOMMU API use in C# code and say what replaces it (Roslyn analyzers IOMMU001...)");
        command.Arguments.Add(path);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(pr => Run(pr.GetValue(path)!, pr.GetValue(format) ?? "console", pr.GetValue(output), stdout, stderr));
        return command;
    }

    /// <summary>The analyzers shipped with the tool (the Migration.Analyzers assembly).</summary>
    public static AnalyzerSet Analyzers() => AnalyzerSet.FromAssembly(Assembly.Load(new AssemblyName("Migration.Analyzers")));

    /// <summary>Runs the verb; returns the exit code.</summary>
    public static int Run(string path, string format, string? output, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (format is not ("console" or "json" or "sarif"))
        {
            stderr.WriteLine($"error: --format: '{format}' is not a format (console, json, sarif)");
            return ExitBadInput;
        }
        AnalysisResult? result = SolutionAnalyzer.Analyze(path, Analyzers(), out string? error);
        if (result is null)
        {
            stderr.WriteLine($"error: {error}");
            return ExitBadInput;
        }
        foreach (string exception in result.AnalyzerExceptions)
            stderr.WriteLine($"warning: AD0001 {exception}");

        string text = format switch
        {
            "json" => FindingsJsonWriter.Write(result),
            "sarif" => SarifWriter.Write(result, typeof(AnalyzeVerb).Assembly.GetName().Version?.ToString() ?? "1.0.0"),
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
        return result.HasErrors ? ExitErrors : ExitClean;
    }

    /// <summary>The console form: one table per rule, one per file, then every finding with its location.</summary>
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
        foreach (Finding f in result.Findings)
            text.WriteLine($"{f.File}({f.Line},{f.Column}): {f.Severity} {f.RuleId}: {f.Message}{(f.EnclosingMember is { } m ? $" [in {m}]" : "")}");
        text.WriteLine($"{result.Findings.Count} findings in {result.Projects.Count} projects");
        return text.ToString();
    }
}
