namespace Migration.Cli;

/// <summary>
/// The checks of the paths a verb writes to (--out, --output, --artifacts, --save-trace), made before any work runs so
/// that a path that cannot be written is bad input (exit 2) at once, not a crash after minutes of work; and the one
/// write helper that turns a failed write into that same error.
/// </summary>
public static class OutputPath
{
    /// <summary>Null when <paramref name="value"/> can name a file to write; else the error line, naming <paramref name="option"/>.</summary>
    public static string? FileError(string option, string value)
    {
        if (Full(option, value, "file", out string full) is { } error)
            return error;
        if (Directory.Exists(full))
            return $"error: {option}: '{value}' is a folder, not a file";
        string? parent = Path.GetDirectoryName(full);
        return parent is null || Directory.Exists(parent) ? null : $"error: {option}: the folder of '{value}' ({parent}) does not exist";
    }

    /// <summary>Null when <paramref name="value"/> can name a folder to write into (created if missing); else the error line.</summary>
    public static string? FolderError(string option, string value) =>
        Full(option, value, "folder", out string full) ?? (File.Exists(full) ? $"error: {option}: '{value}' is a file, not a folder" : null);

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/>; null, or the error line naming <paramref name="option"/>
    /// when the file cannot be written (permissions, a full disk, a path that vanished).
    /// </summary>
    public static string? TryWrite(string option, string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"error: {option}: cannot write '{path}': {e.Message}";
        }
    }

    private static string? Full(string option, string value, string what, out string full)
    {
        full = "";
        if (string.IsNullOrWhiteSpace(value))
            return $"error: {option}: '{value}' is not a {what} path";
        try
        {
            full = Path.GetFullPath(value);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"error: {option}: '{value}' is not a valid path: {e.Message}";
        }
    }
}
