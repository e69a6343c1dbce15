namespace Migration.Analysis.C;

/// <summary>
/// Keeps, of a compiler command line, the flags that change what the parser sees: include paths (-I, -isystem,
/// -iquote, -idirafter), forced includes (-include, -imacros), macros (-D, -U), the language standard (-std=) and
/// -nostdinc, with relative paths resolved against the entry's directory. Everything else is dropped: warnings
/// (-W..., -Werror would turn the parse's warnings into errors), -Wp,... preprocessor-dependency flags, code generation
/// (-f..., -fplugin=... loads a gcc plugin libclang cannot), outputs (-o, -MD, -MF), and the target and machine flags
/// (--target, -m...): the parse is for the host target, since a cross build's -march/-mabi are often gcc-only
/// and libclang rejects an argument it does not know.
/// </summary>
public static class CompileCommandFlags
{
    // Flags taking a path, joined (-Idir) or as the next word (-I dir).
    private static readonly string[] PathFlags = ["-isystem", "-iquote", "-idirafter", "-include", "-imacros", "-I"];

    // Flags taking a value that is not a path, joined or as the next word.
    private static readonly string[] ValueFlags = ["-D", "-U"];

    // Dropped flags whose value is the next word: the value must not be read as a flag of its own.
    private static readonly HashSet<string> DroppedWithValue = new(StringComparer.Ordinal)
    {
        "-o", "-MF", "-MT", "-MQ", "-x", "--param", "-target", "-Xclang", "-Xassembler", "-Xlinker", "-Xpreprocessor", "-arch",
        "-aux-info", "-L", "-l", "-T", "-z", "-main-file-name",
        // Prefixed like a kept flag (-include, -isystem) but not one: checked first, as whole words.
        "-include-pch", "-isysroot", "-iprefix", "-iwithprefix", "-iwithprefixbefore",
    };

    /// <summary>
    /// The parse-relevant flags of <paramref name="arguments"/> (the compiler first, then its arguments), each path made
    /// absolute against <paramref name="directory"/>; the compiler and the source file itself are not flags.
    /// </summary>
    public static IReadOnlyList<string> Select(IReadOnlyList<string> arguments, string directory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(directory);
        var kept = new List<string>();
        for (int i = 1; i < arguments.Count; i++)
        {
            string arg = arguments[i];
            if (DroppedWithValue.Contains(arg))
            {
                i++;
                continue;
            }
            if (arg.StartsWith("-std=", StringComparison.Ordinal) || arg == "-nostdinc")
            {
                kept.Add(arg);
                continue;
            }
            if (PathFlags.FirstOrDefault(f => arg.StartsWith(f, StringComparison.Ordinal)) is { } pathFlag)
            {
                string? value = arg.Length > pathFlag.Length ? arg[pathFlag.Length..] : i + 1 < arguments.Count ? arguments[++i] : null;
                if (value is { Length: > 0 })
                {
                    kept.Add(pathFlag);
                    kept.Add(Path.GetFullPath(value, directory));
                }
                continue;
            }
            if (ValueFlags.FirstOrDefault(f => arg.StartsWith(f, StringComparison.Ordinal)) is { } valueFlag)
            {
                string? value = arg.Length > valueFlag.Length ? arg[valueFlag.Length..] : i + 1 < arguments.Count ? arguments[++i] : null;
                if (value is { Length: > 0 })
                    kept.Add(valueFlag + value);
            }
        }
        return kept;
    }
}
