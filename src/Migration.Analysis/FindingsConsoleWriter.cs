using Spectre.Console;

namespace Migration.Analysis;

/// <summary>
/// Writes an analysis as console text: tables per rule, per file, per enclosing function and (C inputs) per source
/// file, then one line per finding with its location, like a compiler's diagnostics. The JSON and SARIF writers'
/// sibling for people reading a terminal.
/// </summary>
public static class FindingsConsoleWriter
{
    /// <summary>The console form: tables per rule, per file, per enclosing function and (C inputs) per source file, then every finding with its location.</summary>
    public static string Write(AnalysisResult result)
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
