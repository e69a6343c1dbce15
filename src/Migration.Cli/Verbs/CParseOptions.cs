using Migration.Analysis.C;

namespace Migration.Cli.Verbs;

/// <summary>The C parse options of `migrate analyze` as given on the command line: --include DIR, --define NAME[=VALUE], --compile-commands FILE.</summary>
/// <param name="Includes">The --include directories, as written.</param>
/// <param name="Defines">The --define values, as written.</param>
/// <param name="CompileCommands">The --compile-commands file, as written, or null.</param>
public sealed record CParseOptions(IReadOnlyList<string> Includes, IReadOnlyList<string> Defines, string? CompileCommands)
{
    /// <summary>No option given: every C file is parsed with the kernel prelude.</summary>
    public static CParseOptions None { get; } = new([], [], null);

    /// <summary>
    /// The parse settings, or null with <paramref name="error"/> (bad input, exit 2) naming the option and the value:
    /// an --include that is not a directory, a --define with an empty name, a compile_commands.json that cannot be read
    /// or is not a list of compile commands (with the file and the JSON path or line).
    /// </summary>
    public CParseSettings? ToSettings(out string? error)
    {
        var includes = new List<string>();
        foreach (string include in Includes)
        {
            string full = include.Length == 0 || include.Contains('\0', StringComparison.Ordinal) ? "" : Path.GetFullPath(include);
            if (full.Length == 0 || !Directory.Exists(full))
            {
                error = $"--include: '{include}' is not a directory";
                return null;
            }
            includes.Add(full);
        }
        foreach (string define in Defines)
        {
            // -D=1 or -D '' is no macro: clang would report "macro name missing" in every file instead of once here.
            string name = define.Split('=', 2)[0];
            if (name.Trim().Length == 0)
            {
                error = $"--define: '{define}' has an empty macro name (NAME or NAME=VALUE)";
                return null;
            }
        }
        CompileCommands? commands = null;
        if (CompileCommands is not null)
        {
            try
            {
                commands = Migration.Analysis.C.CompileCommands.Read(CompileCommands);
            }
            catch (CompileCommandsException e)
            {
                error = "--compile-commands: " + e.Message;
                return null;
            }
        }
        error = null;
        return new CParseSettings(includes, Defines.ToList(), commands);
    }
}
