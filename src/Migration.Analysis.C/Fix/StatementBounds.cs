using System.Text;

namespace Migration.Analysis.C.Fix;

/// <summary>
/// Reads the text around a call to decide whether it is a statement of its own (<c>H = iommu_get(name);</c>,
/// <c>iommu_put(H);</c>, <c>iommu_unmap(d, iova, order);</c>) and what indentation and line break its line uses: the
/// previous significant byte (blanks and comments skipped) must end a statement or open a block, the next one must be ';'.
/// </summary>
internal static class StatementBounds
{
    /// <summary>The offset of the last byte before <paramref name="offset"/> that is not a blank or inside a comment, or -1.</summary>
    public static int PreviousSignificant(byte[] b, int offset)
    {
        int i = offset - 1;
        while (i >= 0)
        {
            if (b[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v')
            {
                if (b[i] == (byte)'\n')
                    i = BeforeLineComment(b, i);
                i--;
            }
            else if (b[i] == (byte)'/' && i > 0 && b[i - 1] == (byte)'*')
            {
                int open = LastIndexOf(b, "/*"u8, i - 2);
                if (open < 0)
                    return i;
                i = open - 1;
            }
            else
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The offset of the next byte at or after <paramref name="offset"/> that is not a blank or inside a comment.</summary>
    public static int NextSignificant(byte[] b, int offset) => CallText.SkipSpace(b, offset);

    /// <summary>True when the byte before <paramref name="offset"/> (blanks and comments skipped) ends a statement, opens or closes a block, or ends a label.</summary>
    public static bool StartsStatement(byte[] b, int offset)
    {
        int p = PreviousSignificant(b, offset);
        return p < 0 || b[p] is (byte)';' or (byte)'{' or (byte)'}' or (byte)':';
    }

    /// <summary>The blanks at the start of the line holding <paramref name="offset"/>.</summary>
    public static string Indentation(byte[] b, int offset)
    {
        int start = LineStart(b, offset);
        int end = start;
        while (end < b.Length && b[end] is (byte)' ' or (byte)'\t')
            end++;
        return Encoding.ASCII.GetString(b, start, end - start);
    }

    /// <summary>One more level of <paramref name="indentation"/>: a tab in tab-indented (kernel) code, else four spaces.</summary>
    public static string IndentUnit(string indentation) => indentation.Length == 0 || indentation.Contains('\t', StringComparison.Ordinal) ? "\t" : "    ";

    /// <summary>The line break that ends the line holding <paramref name="offset"/> ("\r\n" or "\n"; "\n" on the last line).</summary>
    public static string LineBreak(byte[] b, int offset)
    {
        int i = offset;
        while (i < b.Length && b[i] != (byte)'\n')
            i++;
        return i < b.Length && i > 0 && b[i - 1] == (byte)'\r' ? "\r\n" : "\n";
    }

    /// <summary>The offset of the first byte of the line holding <paramref name="offset"/>.</summary>
    public static int LineStart(byte[] b, int offset)
    {
        int i = Math.Min(offset, b.Length);
        while (i > 0 && b[i - 1] != (byte)'\n')
            i--;
        return i;
    }

    // On reaching the line break at i going backwards, a "//" comment on the line before it is skipped (quotes are not
    // tracked: a "//" inside a string on that line only makes the check more cautious).
    private static int BeforeLineComment(byte[] b, int newline)
    {
        int start = LineStart(b, newline);
        for (int k = start; k + 1 < newline; k++)
        {
            if (b[k] == (byte)'/' && b[k + 1] == (byte)'/')
                return k;
        }
        return newline;
    }

    private static int LastIndexOf(byte[] b, ReadOnlySpan<byte> what, int from)
    {
        int end = Math.Min(from + what.Length, b.Length);
        return end <= 0 ? -1 : b.AsSpan(0, end).LastIndexOf(what);
    }
}
