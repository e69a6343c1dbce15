namespace Migration.Analysis.C;

/// <summary>The absolute form of a path `analyze` or `fix` was given, or why it is not a path at all (empty, or characters no file system takes).</summary>
internal static class InputPath
{
    /// <summary>True with <paramref name="full"/> set; false with <paramref name="error"/> naming the input.</summary>
    public static bool TryFull(string path, out string full, out string? error)
    {
        full = "";
        error = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            error = $"'{path}' is not a path";
            return false;
        }
        try
        {
            full = Path.GetFullPath(path);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"'{path}' is not a valid path: {e.Message}";
            return false;
        }
    }
}
