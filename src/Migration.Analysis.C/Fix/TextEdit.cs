namespace Migration.Analysis.C.Fix;

/// <summary>One replacement in a file's bytes: [<paramref name="Start"/>, <paramref name="End"/>) becomes <paramref name="Text"/> (written as UTF-8).</summary>
/// <param name="Start">Byte offset of the first byte replaced.</param>
/// <param name="End">Byte offset just past the last byte replaced (equal to Start for an insertion).</param>
/// <param name="Text">The new text.</param>
public sealed record TextEdit(int Start, int End, string Text)
{
    /// <summary>True when the two edits touch the same bytes (or insert at the same place).</summary>
    public bool Overlaps(TextEdit other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start < other.End && other.Start < End || Start == other.Start;
    }

    /// <summary><paramref name="source"/> with <paramref name="edits"/> (non-overlapping) applied; every other byte is copied unchanged.</summary>
    public static byte[] Apply(byte[] source, IEnumerable<TextEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(edits);
        using var result = new MemoryStream(source.Length + 256);
        int at = 0;
        foreach (TextEdit edit in edits.OrderBy(e => e.Start))
        {
            result.Write(source, at, edit.Start - at);
            byte[] text = System.Text.Encoding.UTF8.GetBytes(edit.Text);
            result.Write(text, 0, text.Length);
            at = edit.End;
        }
        result.Write(source, at, source.Length - at);
        return result.ToArray();
    }
}
