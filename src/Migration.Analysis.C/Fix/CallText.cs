namespace Migration.Analysis.C.Fix;

/// <summary>
/// A call as written in the file's bytes, read from the callee name the front end found: the name, the parentheses
/// and each argument's exact byte range (blanks around it excluded). The front end says which call it is (its AST or
/// its token cross-check found it; a call in a #define body is read where the body is written); this reads its text
/// so that a rewrite replaces only the call's own characters. Strings, character literals, comments and backslash
/// line continuations are skipped, so a "," or ")" inside them does not split an argument.
/// </summary>
/// <param name="NameStart">Offset of the callee name.</param>
/// <param name="NameEnd">Offset just past the callee name.</param>
/// <param name="End">Offset just past the closing parenthesis.</param>
/// <param name="Arguments">Each argument's [Start, End) without surrounding blanks.</param>
internal sealed record CallText(int NameStart, int NameEnd, int End, IReadOnlyList<(int Start, int End)> Arguments)
{
    /// <summary>The call of <paramref name="symbol"/> whose name starts at <paramref name="nameStart"/>, or null when the bytes there are not such a call.</summary>
    public static CallText? Read(byte[] b, int nameStart, string symbol)
    {
        int nameEnd = nameStart + symbol.Length;
        if (nameStart < 0 || nameEnd > b.Length || (nameStart > 0 && SourceText.IsIdentifierChar(b[nameStart - 1])))
            return null;
        for (int k = 0; k < symbol.Length; k++)
        {
            if (b[nameStart + k] != (byte)symbol[k])
                return null;
        }
        int open = SkipSpace(b, nameEnd);
        if (open >= b.Length || b[open] != (byte)'(')
            return null;
        var arguments = new List<(int, int)>();
        int depth = 0;
        int argumentStart = open + 1;
        for (int i = open; i < b.Length; i++)
        {
            byte c = b[i];
            if (c is (byte)'"' or (byte)'\'')
            {
                i = SkipLiteral(b, i);
                continue;
            }
            if (c == (byte)'/' && i + 1 < b.Length && b[i + 1] is (byte)'*' or (byte)'/')
            {
                i = SkipComment(b, i) - 1;
                continue;
            }
            if (c is (byte)'(' or (byte)'[' or (byte)'{')
            {
                depth++;
            }
            else if (c is (byte)')' or (byte)']' or (byte)'}')
            {
                depth--;
                if (depth == 0)
                {
                    if (c != (byte)')')
                        return null;
                    (int s, int e) = Trim(b, argumentStart, i);
                    if (e > s || arguments.Count > 0)
                        arguments.Add((s, e));
                    return new CallText(nameStart, nameEnd, i + 1, arguments);
                }
            }
            else if (c == (byte)',' && depth == 1)
            {
                arguments.Add(Trim(b, argumentStart, i));
                argumentStart = i + 1;
            }
            else if (c == (byte)';' && depth <= 1)
            {
                return null; // a statement ends inside the parentheses: not a call we can read
            }
        }
        return null;
    }

    /// <summary>The offset of the first byte at or after <paramref name="i"/> that is not a blank, a comment or a line continuation.</summary>
    public static int SkipSpace(byte[] b, int i)
    {
        while (i < b.Length)
        {
            if (b[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v' or (byte)'\\')
                i++;
            else if (b[i] == (byte)'/' && i + 1 < b.Length && b[i + 1] is (byte)'*' or (byte)'/')
                i = SkipComment(b, i);
            else
                break;
        }
        return i;
    }

    private static (int, int) Trim(byte[] b, int start, int end)
    {
        while (start < end && IsBlank(b[start]))
            start++;
        while (end > start && IsBlank(b[end - 1]))
            end--;
        return (start, end);
    }

    private static bool IsBlank(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v' or (byte)'\\';

    /// <summary>The offset of the closing quote of the literal opened at <paramref name="i"/> (or the line's end).</summary>
    private static int SkipLiteral(byte[] b, int i)
    {
        byte quote = b[i];
        for (int k = i + 1; k < b.Length; k++)
        {
            if (b[k] == (byte)'\\')
                k++;
            else if (b[k] == quote || b[k] == (byte)'\n')
                return k;
        }
        return b.Length;
    }

    /// <summary>The offset just past the comment starting at <paramref name="i"/>.</summary>
    private static int SkipComment(byte[] b, int i)
    {
        if (b[i + 1] == (byte)'/')
        {
            while (i < b.Length && b[i] != (byte)'\n')
                i++;
            return i;
        }
        for (int k = i + 2; k + 1 < b.Length; k++)
        {
            if (b[k] == (byte)'*' && b[k + 1] == (byte)'/')
                return k + 2;
        }
        return b.Length;
    }
}
