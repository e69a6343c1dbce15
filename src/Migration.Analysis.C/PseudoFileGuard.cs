using System.Text;
using System.Text.RegularExpressions;

namespace Migration.Analysis.C;

/// <summary>
/// Keeps device and kernel pseudo-files (/dev/zero, /dev/stdin, /proc/...) away from the front end: reading one, as
/// the source file itself (a symlink named x.c), or through an #include clang follows, never ends, so one such file
/// hung `migrate analyze` while its memory grew. Only includes written as a literal path are seen (one built by a
/// macro is not expanded here).
/// </summary>
internal static partial class PseudoFileGuard
{
    private static readonly string[] PseudoFileRoots = ["/dev/", "/proc/", "/sys/"];

    [GeneratedRegex(@"^[ \t]*#[ \t]*(?:include|include_next|import)[ \t]*[""<]([^"">\r\n]+)["">]")]
    private static partial Regex IncludeLine();

    /// <summary>The per-file error for the first #include of a pseudo-file in <paramref name="source"/> (which is in <paramref name="directory"/>), or null.</summary>
    public static string? CheckIncludes(SourceText source, string directory) => CheckIncludes(source, [directory]);

    /// <summary>
    /// As <see cref="CheckIncludes(SourceText, string)"/>, looking the name up in every one of <paramref name="directories"/>
    /// (the file's own, then the user's include directories): a header found through --include is read by clang too.
    /// </summary>
    public static string? CheckIncludes(SourceText source, IReadOnlyList<string> directories)
    {
        bool[] directive = source.DirectiveLines();
        for (int line = 1; line <= source.LineCount; line++)
        {
            if (!directive[line])
                continue;
            int start = source.Offset(line, 1);
            string text = Encoding.Latin1.GetString(source.Bytes, start, source.Offset(line + 1, 1) - start);
            if (IncludeLine().Match(text) is { Success: true } include && directories.Any(d => IsPseudoFile(include.Groups[1].Value, d)))
                return $"line {line}: #include \"{include.Groups[1].Value}\" names a device or kernel pseudo-file, which clang would read without end; the file is not analysed";
        }
        return null;
    }

    /// <summary>True when <paramref name="name"/> (relative to <paramref name="directory"/>) is, or links to, a file under /dev, /proc or /sys.</summary>
    public static bool IsPseudoFile(string name, string directory)
    {
        try
        {
            string full = Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(directory, name));
            // A symlink to /dev/zero is as bad as the path itself: follow it to its final target.
            string target = File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full;
            return PseudoFileRoots.Any(root => full.StartsWith(root, StringComparison.Ordinal) || target.StartsWith(root, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false; // clang will not find it either, or reports it as a missing header
        }
    }
}
