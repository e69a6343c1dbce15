namespace Migration.Analysis.C;

/// <summary>
/// What the user gives the C parser: include directories (-I), macro definitions (-D NAME[=VALUE]) and a
/// compile_commands.json whose entry for a file gives that file's own flags. A file parsed with headers (an include
/// directory, or an entry in the compile commands) does without the kernel prelude header (see <see cref="KernelPrelude"/>).
/// </summary>
/// <param name="IncludeDirectories">Absolute include directories, in order, for every file.</param>
/// <param name="Defines">NAME or NAME=VALUE, for every file, after the flags of the file's compile command.</param>
/// <param name="CompileCommands">The compile commands read, or null.</param>
public sealed record CParseSettings(IReadOnlyList<string> IncludeDirectories, IReadOnlyList<string> Defines, CompileCommands? CompileCommands)
{
    /// <summary>No user headers, no defines: every file is parsed with the kernel prelude.</summary>
    public static CParseSettings None { get; } = new([], [], null);

    /// <summary>How <paramref name="fullPath"/> is parsed: with the user's headers or with the prelude, and the user's flags.</summary>
    public FileParse For(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        IReadOnlyList<string>? entry = CompileCommands?.FlagsFor(fullPath);
        var flags = new List<string>(entry ?? []);
        foreach (string directory in IncludeDirectories)
        {
            flags.Add("-I");
            flags.Add(directory);
        }
        flags.AddRange(Defines.Select(d => "-D" + d));
        ParseSource source = entry is not null ? ParseSource.CompileCommands : IncludeDirectories.Count > 0 ? ParseSource.IncludeDirectories : ParseSource.Prelude;
        return new FileParse(source, flags);
    }
}
