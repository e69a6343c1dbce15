using System.Text;

namespace Migration.Analysis.C;

/// <summary>The bytes of one C file with a line index: maps libclang's (line, byte column) to offsets and reads identifiers.</summary>
internal sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Indexes <paramref name="bytes"/>, breaking lines where clang does.</summary>
    public SourceText(byte[] bytes)
    {
        Bytes = bytes;
        // clang's line table ends a line at "\n", "\r\n" and a lone "\r"; counting only "\n" gave clang's tokens line
        // numbers past this index in a file with bare CRs (IndexOutOfRangeException in the token cross-check).
        var starts = new List<int> { 0 };
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\r' && i + 1 < bytes.Length && bytes[i + 1] == (byte)'\n')
                i++;
            if (bytes[i] is (byte)'\n' or (byte)'\r')
                starts.Add(i + 1);
        }
        _lineStarts = [.. starts];
    }

    /// <summary>The number of lines (a file ending in a line break has an empty last line).</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>The file's bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>The byte offset of 1-based <paramref name="line"/> and byte <paramref name="column"/> (clamped to the file).</summary>
    public int Offset(int line, int column)
    {
        if (line < 1)
            return 0;
        if (line > _lineStarts.Length)
            return Bytes.Length;
        return Math.Min(Bytes.Length, _lineStarts[line - 1] + Math.Max(0, column - 1));
    }

    /// <summary>True for a C identifier character.</summary>
    public static bool IsIdentifierChar(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_';

    /// <summary>The identifier (or number) starting at <paramref name="offset"/>.</summary>
    public string WordAt(int offset)
    {
        int end = offset;
        while (end < Bytes.Length && IsIdentifierChar(Bytes[end]))
            end++;
        return Encoding.ASCII.GetString(Bytes, offset, end - offset);
    }

    /// <summary>The text between two offsets, trimmed.</summary>
    public string Slice(int start, int end) =>
        end > start && start >= 0 && end <= Bytes.Length ? Encoding.UTF8.GetString(Bytes, start, end - start).Trim() : string.Empty;

    /// <summary>The offset of the first non-blank byte at or after <paramref name="offset"/> (comments are not skipped).</summary>
    public int SkipBlanksForward(int offset)
    {
        while (offset < Bytes.Length && Bytes[offset] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            offset++;
        return offset;
    }

    /// <summary>The offset of the last non-blank byte before <paramref name="offset"/>, or -1.</summary>
    public int SkipBlanksBackward(int offset)
    {
        offset--;
        while (offset >= 0 && Bytes[offset] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            offset--;
        return offset;
    }

    /// <summary>
    /// Which lines are preprocessor directives (a line whose first non-blank character is '#', continued by a
    /// trailing backslash): index 0 unused, index n for line n.
    /// </summary>
    public bool[] DirectiveLines()
    {
        var directive = new bool[_lineStarts.Length + 1];
        bool continued = false;
        for (int line = 1; line <= _lineStarts.Length; line++)
        {
            int start = _lineStarts[line - 1];
            int end = line < _lineStarts.Length ? _lineStarts[line] - 1 : Bytes.Length;
            int first = start;
            while (first < end && Bytes[first] is (byte)' ' or (byte)'\t')
                first++;
            bool isDirective = continued || (first < end && Bytes[first] == (byte)'#');
            directive[line] = isDirective;
            int last = end - 1;
            while (last >= start && Bytes[last] is (byte)'\r' or (byte)' ' or (byte)'\t')
                last--;
            continued = isDirective && last >= start && Bytes[last] == (byte)'\\';
        }
        return directive;
    }
}
