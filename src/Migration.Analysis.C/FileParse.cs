namespace Migration.Analysis.C;

/// <summary>How one file is parsed: where its declarations come from and the user's flags added to the parser's.</summary>
/// <param name="Source">The prelude, or the user's headers (and through which option).</param>
/// <param name="UserFlags">-I, -isystem, -include, -D, -U, -std=, -nostdinc flags from the compile command and the options.</param>
public sealed record FileParse(ParseSource Source, IReadOnlyList<string> UserFlags)
{
    /// <summary>True when the user's headers are read and the prelude header is left out.</summary>
    public bool WithHeaders => Source != ParseSource.Prelude;

    /// <summary>The directories the user's flags search for headers (-I, -isystem, -iquote, -idirafter), in order.</summary>
    public IEnumerable<string> IncludeDirectories => Values("-I", "-isystem", "-iquote", "-idirafter");

    /// <summary>The files the user's flags include before the source (-include, -imacros).</summary>
    public IEnumerable<string> ForcedIncludes => Values("-include", "-imacros");

    // The path flags come as two words (CompileCommandFlags and CParseSettings write them so).
    private IEnumerable<string> Values(params string[] flags)
    {
        for (int i = 0; i + 1 < UserFlags.Count; i++)
        {
            if (flags.Contains(UserFlags[i]))
                yield return UserFlags[++i];
        }
    }

    /// <summary>The parse status of a report: "parsed with the kernel prelude" or "parsed with the user's headers (...)".</summary>
    public string Status => Source switch
    {
        ParseSource.CompileCommands => "parsed with the user's headers (compile_commands.json)",
        ParseSource.IncludeDirectories => "parsed with the user's headers (--include)",
        _ => "parsed with the kernel prelude (no user headers)",
    };
}
