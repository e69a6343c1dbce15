namespace Migration.Analysis.C;

/// <summary>Where a file's declarations come from when it is parsed.</summary>
public enum ParseSource
{
    /// <summary>The kernel prelude stands in for the headers (no include directory, no compile command for the file).</summary>
    Prelude,

    /// <summary>The user's headers through --include directories.</summary>
    IncludeDirectories,

    /// <summary>The user's headers through the file's entry in compile_commands.json (plus any --include directories).</summary>
    CompileCommands,
}
