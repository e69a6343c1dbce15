using System.Globalization;
using System.Text;

namespace Migration.Analysis.C.Fix;

/// <summary>
/// A git-style unified diff of one file built from its edits: <c>diff --git a/F b/F</c>, <c>--- a/F</c>, <c>+++ b/F</c>,
/// then hunks with <see cref="Context"/> lines of context, so that <c>git apply -p1</c> or <c>patch -p1</c> in the fixed
/// folder applies it. The lines touched by an edit are the removed lines and the same lines of the patched bytes the
/// added ones; each line keeps its own line break (a CRLF file's diff carries its CRs), and a last line without a break
/// gets "\ No newline at end of file".
/// </summary>
public static class UnifiedDiff
{
    /// <summary>Lines of context around each change.</summary>
    public const int Context = 3;

    private const string NoNewline = "\\ No newline at end of file\n";

    /// <summary>The diff of <paramref name="original"/> under <paramref name="edits"/> (non-overlapping), named <paramref name="path"/>; "" when there are none.</summary>
    public static string Create(string path, byte[] original, IReadOnlyList<TextEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(edits);
        if (edits.Count == 0)
            return "";
        byte[] patched = TextEdit.Apply(original, edits);
        if (original.AsSpan().SequenceEqual(patched))
            return "";
        int[] starts = LineStarts(original);
        var sorted = edits.OrderBy(e => e.Start).ToList();

        // Blocks of original lines [first, last] (0-based) touched by edits that share or abut lines.
        var blocks = new List<(int First, int Last, List<TextEdit> Edits)>();
        foreach (TextEdit e in sorted)
        {
            int first = LineOf(starts, e.Start);
            int last = LineOf(starts, Math.Max(e.Start, e.End - 1));
            if (blocks.Count > 0 && first <= blocks[^1].Last + 1) // abutting lines too: git groups their - lines before their + lines
                blocks[^1] = (blocks[^1].First, Math.Max(last, blocks[^1].Last), [.. blocks[^1].Edits, e]);
            else
                blocks.Add((first, last, [e]));
        }

        var oldLines = SplitLines(original);
        var text = new StringBuilder();
        text.Append($"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n");
        int lineDelta = 0; // new-file lines minus old-file lines before the current block
        int b = 0;
        while (b < blocks.Count)
        {
            // A hunk holds every block whose context touches the next one's.
            int end = b;
            while (end + 1 < blocks.Count && blocks[end + 1].First - blocks[end].Last - 1 <= 2 * Context)
                end++;
            int hunkFirst = Math.Max(0, blocks[b].First - Context);
            int hunkLast = Math.Min(oldLines.Count - 1, blocks[end].Last + Context);
            var body = new StringBuilder();
            int oldCount = 0, newCount = 0, delta = 0;
            int line = hunkFirst;
            for (int k = b; k <= end; k++)
            {
                for (; line < blocks[k].First; line++, oldCount++, newCount++)
                    AppendLine(body, ' ', oldLines[line]);
                for (; line <= blocks[k].Last; line++, oldCount++)
                    AppendLine(body, '-', oldLines[line]);
                int from = starts[blocks[k].First];
                int to = blocks[k].Last + 1 < starts.Length ? starts[blocks[k].Last + 1] : original.Length;
                var newLines = SplitLines(TextEdit.Apply(original[from..to], blocks[k].Edits.Select(e => e with { Start = e.Start - from, End = e.End - from })));
                foreach (string added in newLines)
                    AppendLine(body, '+', added);
                newCount += newLines.Count;
                delta += newLines.Count - (blocks[k].Last - blocks[k].First + 1);
            }
            for (; line <= hunkLast; line++, oldCount++, newCount++)
                AppendLine(body, ' ', oldLines[line]);
            int newFirst = hunkFirst + lineDelta;
            text.Append(CultureInfo.InvariantCulture, $"@@ -{hunkFirst + 1},{oldCount} +{(newCount == 0 ? newFirst : newFirst + 1)},{newCount} @@\n");
            text.Append(body);
            lineDelta += delta;
            b = end + 1;
        }
        return text.ToString();
    }

    private static void AppendLine(StringBuilder body, char mark, string line)
    {
        body.Append(mark).Append(line);
        if (!line.EndsWith('\n'))
            body.Append('\n').Append(NoNewline);
    }

    /// <summary>The lines of <paramref name="bytes"/>, each with its "\n" (a last line without one as is; no empty last line).</summary>
    private static List<string> SplitLines(byte[] bytes)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(Encoding.UTF8.GetString(bytes, start, i + 1 - start));
                start = i + 1;
            }
        }
        if (start < bytes.Length)
            lines.Add(Encoding.UTF8.GetString(bytes, start, bytes.Length - start));
        return lines;
    }

    private static int[] LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n' && i + 1 < bytes.Length)
                starts.Add(i + 1);
        }
        return [.. starts];
    }

    private static int LineOf(int[] starts, int offset)
    {
        int i = Array.BinarySearch(starts, offset);
        return i >= 0 ? i : ~i - 1;
    }
}
