using System.CommandLine;
using Migration.Analysis.C;
using Migration.Analysis.C.Fix;

namespace Migration.Cli.Verbs;

/// <summary>
/// `migrate fix PATH [--handle EXPR=DOMAIN,DEV]... [--out FILE] [--apply] [--include DIR]... [--define NAME[=VALUE]]...
/// [--compile-commands FILE]`: rewrites the vendor IOMMU calls of a .c file or of every .c file under a folder into the
/// generic API (Migration.Analysis.C.Fix, issue 17) and prints the patch as a unified diff (paths relative to PATH's
/// folder, for `git apply -p1`), or writes it to --out; --apply also writes the patched files in place. stderr gets
/// every call site (rewritten, or left alone and why) and the manual steps. Exit (<see cref="ExitCodes"/>) 0 when the
/// run completed (whether or not anything was rewritten), 2 bad input (missing path, no .c file, a bad --handle or C
/// parse option), 3 when some files could not be read, parsed or written (the patch covers the rest).
/// </summary>
public static class FixVerb
{
    /// <summary>Builds the verb writing to <paramref name="stdout"/> / <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A .c file or a folder (every .c file below it)" };
        var handle = new Option<string[]>("--handle") { Description = "EXPR=DOMAIN,DEV: the OMAP handle written EXPR becomes the domain DOMAIN and the client device DEV (repeatable; default: X->iommu becomes X->domain, X->dev)" };
        var output = new Option<string?>("--out") { Description = "Write the diff to this file instead of stdout" };
        var apply = new Option<bool>("--apply") { Description = "Also write the patched files in place" };
        var parseOptions = new CParseCommandOptions();
        var command = new Command("fix", "Rewrite vendor IOMMU calls in C driver sources into the generic API as a unified diff (OMAP iovmm 3.0 -> omap-iovmm 3.3, iommu_get/put -> domain alloc+attach / detach+free, order-based iommu_map/unmap -> bytes). " +
            "Exit codes: 0 the run completed, 2 bad input, 3 some files could not be read or parsed (the diff covers the rest)");
        command.Arguments.Add(path);
        command.Options.Add(handle);
        command.Options.Add(output);
        command.Options.Add(apply);
        parseOptions.AddTo(command);
        command.SetAction(pr => Run(pr.GetValue(path)!, pr.GetValue(handle) ?? [], pr.GetValue(output), pr.GetValue(apply), stdout, stderr, parseOptions.Read(pr)));
        return command;
    }

    /// <summary>Runs the verb; returns the exit code.</summary>
    public static int Run(string path, IReadOnlyList<string> handles, string? output, bool apply, TextWriter stdout, TextWriter stderr, CParseOptions parse)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(handles);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(parse);
        var overrides = new List<HandleOverride>();
        foreach (string text in handles)
        {
            if (HandleOverride.Parse(text, out string? handleError) is not { } o)
            {
                stderr.WriteLine($"error: --handle: {handleError}");
                return ExitCodes.BadInput;
            }
            overrides.Add(o);
        }
        if (output is not null && OutputPath.FileError("--out", output) is { } badOut)
        {
            stderr.WriteLine(badOut);
            return ExitCodes.BadInput;
        }
        if (parse.ToSettings(out string? optionError) is not { } settings)
        {
            stderr.WriteLine($"error: {optionError}");
            return ExitCodes.BadInput;
        }
        FixRun? run = FixRun.Run(path, new CFixer(settings, new HandleMapping(overrides)), out string? error);
        if (run is null)
        {
            stderr.WriteLine($"error: {error}");
            return ExitCodes.BadInput;
        }
        // The diff is written before the files: an --out that cannot be written is bad input and leaves the sources as they were.
        string diff = run.Diff();
        if (output is not null)
        {
            if (OutputPath.TryWrite("--out", output, diff) is { } writeError)
            {
                stderr.WriteLine(writeError);
                return ExitCodes.BadInput;
            }
        }
        else
            stdout.Write(diff);
        if (apply)
            run = run.Apply();
        foreach (string line in run.Summary())
            stderr.WriteLine(line);
        return run.HasFileErrors ? ExitCodes.Partial : ExitCodes.Passed;
    }
}
