namespace Migration.Equivalence;

/// <summary>Why a trace file could not be read: the file, the 1-based line, the offending field and what is wrong with it.</summary>
/// <param name="Path">The file.</param>
/// <param name="Line">1-based line number (0 when the error concerns the whole file).</param>
/// <param name="Field">The field at fault ("scenario", "size", "op", ...), or empty.</param>
/// <param name="Message">What is wrong.</param>
public sealed record TraceFileError(string Path, int Line, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line == 0 ? $"{Path}: {Message}" : Field.Length == 0 ? $"{Path}:{Line}: {Message}" : $"{Path}:{Line}: field '{Field}': {Message}";
}
