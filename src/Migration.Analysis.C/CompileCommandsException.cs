namespace Migration.Analysis.C;

/// <summary>A compile_commands.json that cannot be read or is not an array of compile commands; the message names the file and where.</summary>
public sealed class CompileCommandsException : Exception
{
    /// <summary>The error for <paramref name="file"/> at <paramref name="where"/> (a JSON path such as <c>$[3].file</c>, or <c>line L, column C</c>).</summary>
    public CompileCommandsException(string file, string where, string message, Exception? inner = null)
        : base($"{file}: {where}: {message}", inner)
    {
        File = file;
        Where = where;
    }

    /// <summary>An error with no position (the file cannot be read at all).</summary>
    public CompileCommandsException(string file, string message, Exception? inner = null)
        : base($"{file}: {message}", inner)
    {
        File = file;
        Where = null;
    }

    /// <summary>The compile_commands.json named.</summary>
    public string File { get; }

    /// <summary>The JSON path or line and column of the error, or null when the file could not be read.</summary>
    public string? Where { get; }
}
