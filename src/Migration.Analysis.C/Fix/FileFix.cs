namespace Migration.Analysis.C.Fix;

/// <summary>What `migrate fix` does to one C file: its bytes before and after, every call site, the manual steps, or the file's error.</summary>
/// <param name="File">The file, relative to the fixed folder ('/' separators).</param>
/// <param name="FullPath">The file's absolute path.</param>
/// <param name="Original">The bytes read.</param>
/// <param name="Patched">The bytes with every kept rewrite applied (the original when nothing is rewritten).</param>
/// <param name="Sites">Every catalog call site, in source order.</param>
/// <param name="ManualSteps">What the patch cannot do for this file, each one line naming the file.</param>
/// <param name="Error">Why the file could not be read or parsed, or null: such a file is left unchanged and is the run's partial result.</param>
public sealed record FileFix(string File, string FullPath, byte[] Original, byte[] Patched, IReadOnlyList<FixSite> Sites, IReadOnlyList<string> ManualSteps, string? Error)
{
    /// <summary>True when the patch changes the file.</summary>
    public bool Changed => !Original.AsSpan().SequenceEqual(Patched);

    /// <summary>The 1-based line and byte column of <paramref name="offset"/> in the original bytes.</summary>
    public (int Line, int Column) Position(int offset) => Position(Original, offset);

    /// <summary>The 1-based line and byte column of <paramref name="offset"/> in <paramref name="bytes"/> (lines end at '\n').</summary>
    public static (int Line, int Column) Position(byte[] bytes, int offset)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart + 1);
    }
}
