using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Migration.Cli.Verbs;

namespace Migration.Cli;

/// <summary>Entry point of the `migrate` tool.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the verb; returns its exit code (<see cref="ExitCodes"/>).</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Parses <paramref name="args"/> and runs the verb writing to <paramref name="stdout"/> / <paramref name="stderr"/>;
    /// returns its exit code. Every parse error, and a file the verb cannot write, exits <see cref="ExitCodes.BadInput"/>
    /// with the error on stderr; any other exception propagates (a crash, never an exit code of the contract).
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ParseResult parse = CreateRoot(stdout, stderr).Parse(args);
        // System.CommandLine's own parse-error action exits 1, which the contract keeps for a failed check.
        if (parse.Action is ParseErrorAction)
        {
            foreach (ParseError error in parse.Errors)
                stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine($"usage: {CommandPath(parse.CommandResult)} --help");
            return ExitCodes.BadInput;
        }
        try
        {
            // No default exception handler: it prints the exception and exits 1, which would read as a failed check.
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A path the verb must write (--out, --output, --save-trace, --artifacts) that cannot be written is bad input.
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>The root command with every verb, writing to <paramref name="stdout"/> / <paramref name="stderr"/>.</summary>
    public static RootCommand CreateRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("IOMMU migration workbench: legacy vendor IOMMU drivers vs the generic IOMMU API. " +
            "Exit codes: 0 passed, 1 the check failed, 2 bad input (including any command-line error), 3 partial (analyze, fix: some files could not be read)");
        root.Subcommands.Add(VectorsVerb.Create(stdout, stderr));
        root.Subcommands.Add(EquivVerb.Create(stdout, stderr));
        root.Subcommands.Add(BenchVerb.Create(stdout, stderr));
        root.Subcommands.Add(ReportVerb.Create(stdout, stderr));
        root.Subcommands.Add(AnalyzeVerb.Create(stdout, stderr));
        root.Subcommands.Add(FixVerb.Create(stdout, stderr));
        return root;
    }

    private static string CommandPath(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{CommandPath(parent)} {command.Command.Name}" : "migrate";
}
