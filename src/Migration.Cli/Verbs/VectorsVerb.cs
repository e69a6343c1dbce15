using System.CommandLine;
using Generic.Vectors;
using Migration.Vectors;

namespace Migration.Cli.Verbs;

/// <summary>
/// `migrate vectors [file-or-folder...]`: replays golden-vector files. One line per file, the failing
/// cases with op index and expected vs actual, then "N passed, M failed". Exit (<see cref="ExitCodes"/>) 0 all
/// passed, 1 a case failed, 2 a path is missing, a folder holds no vector file, a file could not be read, parsed, or
/// names a suite without a model.
/// </summary>
public static class VectorsVerb
{

    /// <summary>Builds the verb writing to <paramref name="stdout"/> / <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Vector files or folders of *.json (default: vectors, else the copy bundled with the tool)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var skipPending = new Option<bool>("--skip-pending")
        {
            Description = "Report files of suites whose model has not landed yet as PENDING instead of failing with exit 2",
        };
        var command = new Command("vectors", "Replay golden vectors (iommu-vectors/1) through the models");
        // A zero-or-more argument takes any token, so a mistyped option would otherwise be read as a path.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-') && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                    result.AddError($"unknown option '{token.Value}'");
            }
        });
        command.Arguments.Add(paths);
        command.Options.Add(skipPending);
        command.SetAction(pr => Run(pr.GetValue(paths) ?? [], pr.GetValue(skipPending), stdout, stderr));
        return command;
    }

    /// <summary>Runs the verb; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> paths, bool skipPending, TextWriter stdout, TextWriter stderr)
    {
        if (paths.Count == 0)
            paths = [DefaultFolder()];

        int passed = 0, failed = 0;
        bool badInput = false;
        foreach (string input in paths)
        {
            if (!File.Exists(input) && !Directory.Exists(input))
            {
                stderr.WriteLine(string.IsNullOrWhiteSpace(input) ? $"error: '{input}' is not a path" : $"error: {input}: no such file or folder");
                badInput = true;
                continue;
            }
            IReadOnlyList<string> files = VectorRunner.Expand(input);
            if (files.Count == 0)
            {
                // "0 passed, 0 failed" would read as a pass: an empty folder is a wrong path, not a passing suite.
                stderr.WriteLine($"error: {input}: the folder holds no vector files (*.json)");
                badInput = true;
                continue;
            }
            foreach (string path in files)
            {
                VectorFile file;
                try
                {
                    file = VectorFileReader.Read(path);
                    if (skipPending && VectorSuites.Catalog.Pending.TryGetValue(file.Suite, out string? issue))
                    {
                        stdout.WriteLine($"{file.FileName}: PENDING, suite {file.Suite} has no model yet ({issue}); {file.Cases.Count} cases not run");
                        continue;
                    }
                    FileResult result = VectorSuites.Runner.Run(file);
                    passed += result.Passed;
                    failed += result.Failed;
                    stdout.WriteLine($"{file.FileName}: {result.Passed} passed, {result.Failed} failed");
                    foreach (CaseResult c in result.Cases.Where(c => !c.Passed))
                    {
                        stdout.WriteLine($"  FAILED {c.Name}");
                        foreach (Mismatch m in c.Mismatches.Take(20))
                            stdout.WriteLine($"    {m}");
                        if (c.Mismatches.Count > 20)
                            stdout.WriteLine($"    ... {c.Mismatches.Count - 20} more differences");
                    }
                }
                catch (VectorFormatException ex)
                {
                    stderr.WriteLine($"error: {ex.Message}");
                    badInput = true;
                }
            }
        }
        stdout.WriteLine($"{passed} passed, {failed} failed");
        return badInput ? ExitCodes.BadInput : failed > 0 ? ExitCodes.Failed : ExitCodes.Passed;
    }

    /// <summary>vectors/ under the current directory (a checkout's bundled vectors) when present, else the copy next to the tool.</summary>
    public static string DefaultFolder()
    {
        string inRepo = "vectors";
        return Directory.Exists(inRepo) ? inRepo : Path.Combine(AppContext.BaseDirectory, "vectors");
    }
}
