using Migration.Analysis.C.Interop;

namespace Migration.Analysis.C;

/// <summary>
/// The token-level cross-check: lexes the whole file with clang_tokenize (raw tokens, so the text of skipped
/// #ifdef blocks and of discarded macro arguments is there too) and finds every identifier that is a catalog symbol
/// followed by "(", outside preprocessor directives (a call inside a #define body is reported where the macro is
/// used, by the AST), not after "." or "-&gt;" (a struct member), and not a declaration or definition of the name
/// (a declaration the AST saw, or a name right after a type: "u32 iommu_vmalloc(", "struct iommu *iommu_get(").
/// The calls the AST did not report at the same line and column are returned.
/// </summary>
internal static unsafe class TokenCrossCheck
{
    private static readonly HashSet<string> KeywordsBeforeACall = new(StringComparer.Ordinal) { "return", "case", "else", "do", "sizeof", "goto" };

    /// <summary>The catalog calls of <paramref name="unit"/>'s main file that <paramref name="ast"/> does not hold.</summary>
    public static IReadOnlyList<CallSite> Find(ClangTranslationUnit unit, SourceText source, IReadOnlySet<string> symbols, AstCallSites ast)
    {
        Token[] tokens = Lex(unit, source);
        bool[] directive = source.DirectiveLines();
        string?[] tokenFunctions = EnclosingByBraces(tokens, source, directive);
        var seen = ast.Calls.Select(c => (c.Symbol, c.Line, c.Column)).ToHashSet();
        var found = new List<CallSite>();
        byte[] b = source.Bytes;
        for (int i = 0; i + 1 < tokens.Length; i++)
        {
            Token t = tokens[i];
            if (t.Kind != CXTokenKind.Identifier || directive[t.Line])
                continue;
            string name = source.WordAt(t.Offset);
            if (!symbols.Contains(name) || !IsPunct(tokens[i + 1], b, "("))
                continue;
            if (i > 0 && (IsPunct(tokens[i - 1], b, ".") || IsPunct(tokens[i - 1], b, "->")))
                continue;
            if (ast.Declarations.Contains((t.Line, t.Column)) || LooksLikeDeclaration(tokens, i, source, directive))
                continue;
            if (seen.Contains((name, t.Line, t.Column)))
                continue;
            string? function = ast.Functions.FirstOrDefault(f => f.Start <= t.Offset && t.Offset < f.End)?.Name ?? tokenFunctions[i];
            found.Add(new CallSite(name, t.Line, t.Column, function, Arguments(tokens, i + 1, source)) { SpellingOffset = t.Offset });
        }
        return found;
    }

    /// <summary>The tokens of the whole main file with their kinds and positions.</summary>
    private static Token[] Lex(ClangTranslationUnit unit, SourceText source)
    {
        IntPtr file = unit.MainFileHandle;
        if (file == IntPtr.Zero)
            return [];
        IntPtr tu = unit.Handle;
        CXSourceRange range = LibClang.GetRange(LibClang.GetLocationForOffset(tu, file, 0), LibClang.GetLocationForOffset(tu, file, (uint)source.Bytes.Length));
        LibClang.Tokenize(tu, range, out CXToken* raw, out uint count);
        try
        {
            var tokens = new List<Token>((int)count);
            for (uint i = 0; i < count; i++)
            {
                LibClang.GetFileLocation(LibClang.GetTokenLocation(tu, raw[i]), out _, out uint line, out uint column, out uint offset);
                // Every later step indexes the file's bytes and lines by these: a token that cannot be placed in them
                // (which SourceText's clang-compatible line breaks should rule out) is dropped rather than crash the file.
                if (line < 1 || line > source.LineCount || offset >= source.Bytes.Length)
                    continue;
                tokens.Add(new Token(LibClang.GetTokenKind(raw[i]), (int)line, (int)column, (int)offset));
            }
            return [.. tokens];
        }
        finally
        {
            if (raw is not null)
                LibClang.DisposeTokens(tu, raw, count);
        }
    }

    private static bool IsPunct(Token t, byte[] b, string text)
    {
        if (t.Kind != CXTokenKind.Punctuation || t.Offset + text.Length > b.Length)
            return false;
        for (int k = 0; k < text.Length; k++)
        {
            if (b[t.Offset + k] != (byte)text[k])
                return false;
        }
        // "." is not "...", "*" is not "*=": compare the whole punctuator where it could be longer.
        int after = t.Offset + text.Length;
        return after >= b.Length || !(text == "." && b[after] == (byte)'.' || text == "*" && b[after] == (byte)'=');
    }

    /// <summary>
    /// True when the name at <paramref name="i"/> follows a type: an identifier or non-statement keyword, possibly
    /// through '*'s. Tokens of preprocessor directives are not C before the call: the "CONFIG_X" of "#ifdef CONFIG_X"
    /// or the "endif" of "#endif" on the line before a call made it read as "type name(".
    /// </summary>
    private static bool LooksLikeDeclaration(Token[] tokens, int i, SourceText source, bool[] directive)
    {
        int p = i - 1;
        while (p >= 0 && (directive[tokens[p].Line] || IsPunct(tokens[p], source.Bytes, "*")))
            p--;
        if (p < 0)
            return false;
        return tokens[p].Kind switch
        {
            CXTokenKind.Identifier => true,
            CXTokenKind.Keyword => !KeywordsBeforeACall.Contains(source.WordAt(tokens[p].Offset)),
            _ => false,
        };
    }

    /// <summary>The argument texts of the call whose "(" is token <paramref name="open"/>: split at top-level commas up to the matching ")".</summary>
    private static List<string> Arguments(Token[] tokens, int open, SourceText source)
    {
        var arguments = new List<string>();
        byte[] b = source.Bytes;
        int depth = 0;
        int start = tokens[open].Offset + 1;
        for (int k = open; k < tokens.Length; k++)
        {
            Token t = tokens[k];
            if (t.Kind != CXTokenKind.Punctuation)
                continue;
            byte c = b[t.Offset];
            if (c is (byte)'(' or (byte)'[' or (byte)'{')
            {
                depth++;
            }
            else if (c is (byte)')' or (byte)']' or (byte)'}')
            {
                depth--;
                if (depth == 0)
                {
                    string last = source.Slice(start, t.Offset);
                    if (last.Length > 0 || arguments.Count > 0)
                        arguments.Add(last);
                    return arguments;
                }
            }
            else if (c == (byte)',' && depth == 1)
            {
                arguments.Add(source.Slice(start, t.Offset));
                start = t.Offset + 1;
            }
        }
        return arguments;
    }

    /// <summary>
    /// For each token, the function whose body it is in by brace counting (outside directives): the last
    /// "name (" at file level before a top-level "{" that no ";" or "=" separates from it. Used for calls in code
    /// the AST never saw (a whole function inside #ifdef CONFIG_PM).
    /// </summary>
    private static string?[] EnclosingByBraces(Token[] tokens, SourceText source, bool[] directive)
    {
        var result = new string?[tokens.Length];
        byte[] b = source.Bytes;
        int depth = 0;
        string? candidate = null;
        string? current = null;
        for (int i = 0; i < tokens.Length; i++)
        {
            Token t = tokens[i];
            if (directive[t.Line])
                continue;
            if (depth == 0 && t.Kind == CXTokenKind.Identifier && i + 1 < tokens.Length && IsPunct(tokens[i + 1], b, "(") && candidate is null)
                candidate = source.WordAt(t.Offset);
            if (t.Kind == CXTokenKind.Punctuation)
            {
                byte c = b[t.Offset];
                if (c == (byte)'{')
                {
                    if (depth == 0)
                        current = candidate;
                    depth++;
                }
                else if (c == (byte)'}')
                {
                    depth = Math.Max(0, depth - 1);
                    if (depth == 0)
                    {
                        current = null;
                        candidate = null;
                    }
                }
                else if (depth == 0 && c is (byte)';' or (byte)'=')
                {
                    candidate = null;
                }
            }
            result[i] = current;
        }
        return result;
    }

    /// <summary>One raw token: kind, 1-based line and byte column, byte offset.</summary>
    private readonly record struct Token(CXTokenKind Kind, int Line, int Column, int Offset);
}
