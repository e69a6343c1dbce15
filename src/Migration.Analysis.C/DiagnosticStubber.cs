using System.Text;
using System.Text.RegularExpressions;
using Migration.Analysis.C.Interop;

namespace Migration.Analysis.C;

/// <summary>
/// Turns the parser's complaints about names the missing kernel headers would declare into stub declarations
/// appended to the prelude for a second parse: "unknown type name 'X'" becomes <c>typedef int X;</c>, and "use of
/// undeclared identifier 'X'" becomes <c>extern int X;</c>, unless the name is used as a type where it stands (a cast
/// <c>(X)expr</c>, a declaration <c>X *p =</c> or <c>X v;</c>), in which case it is a typedef too. Without the stubs a
/// call whose arguments name an undeclared identifier (IOMMU_FLAG, SZ_4K, -ENOMEM) is dropped from the AST.
/// </summary>
internal static partial class DiagnosticStubber
{
    [GeneratedRegex(@"^unknown type name '([A-Za-z_][A-Za-z0-9_]*)'")]
    private static partial Regex UnknownTypeName();

    [GeneratedRegex(@"^use of undeclared identifier '([A-Za-z_][A-Za-z0-9_]*)'")]
    private static partial Regex UndeclaredIdentifier();

    /// <summary>The stub declarations for <paramref name="diagnostics"/> of <paramref name="source"/> (empty when nothing needs a stub).</summary>
    public static Stubs Stub(IReadOnlyList<ParserDiagnostic> diagnostics, SourceText source)
    {
        var typedefs = new SortedSet<string>(StringComparer.Ordinal);
        var externs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ParserDiagnostic d in diagnostics)
        {
            if (!d.IsError)
                continue;
            if (UnknownTypeName().Match(d.Message) is { Success: true } type)
            {
                typedefs.Add(type.Groups[1].Value);
            }
            else if (UndeclaredIdentifier().Match(d.Message) is { Success: true } identifier)
            {
                string name = identifier.Groups[1].Value;
                if (d.InMainFile && UsedAsType(source, source.Offset(d.Line, d.Column), name))
                    typedefs.Add(name);
                else
                    externs.Add(name);
            }
        }
        externs.ExceptWith(typedefs); // a name used as a type anywhere is a type
        return new Stubs(typedefs.ToList(), externs.ToList());
    }

    /// <summary>
    /// True when <paramref name="name"/> at <paramref name="offset"/> stands where only a type can: "(name)" or
    /// "(name *)" followed by an operand and not preceded by a callee (a cast), or, at the start of a statement,
    /// "name ident" or "name *ident" followed by '=', ';', ',' or '[' (a declaration).
    /// </summary>
    internal static bool UsedAsType(SourceText source, int offset, string name)
    {
        byte[] b = source.Bytes;
        if (offset < 0 || offset + name.Length > b.Length || source.WordAt(offset) != name)
            return false;
        int after = source.SkipBlanksForward(offset + name.Length);
        int stars = after;
        while (stars < b.Length && b[stars] == (byte)'*')
            stars = source.SkipBlanksForward(stars + 1);
        int before = source.SkipBlanksBackward(offset);
        if (before >= 0 && b[before] == (byte)'(' && stars < b.Length && b[stars] == (byte)')')
        {
            // "f(X)" is a call's argument, "(X) & m" a masked constant: only "(X)" before an operand, not after a callee, is a cast.
            int callee = source.SkipBlanksBackward(before);
            if (callee >= 0 && SourceText.IsIdentifierChar(b[callee]))
                return false;
            int operand = source.SkipBlanksForward(stars + 1);
            return operand < b.Length && (SourceText.IsIdentifierChar(b[operand]) || b[operand] is (byte)'(' or (byte)'~' or (byte)'!');
        }
        // A declaration starts a statement: "X v;" or "X *p = ..." right after ';', '{' or '}' ("a = N * b;" is not one).
        bool statementStart = before < 0 || b[before] is (byte)';' or (byte)'{' or (byte)'}';
        if (statementStart && stars < b.Length && SourceText.IsIdentifierChar(b[stars]) && !(b[stars] is >= (byte)'0' and <= (byte)'9'))
        {
            string declarator = source.WordAt(stars);
            int next = source.SkipBlanksForward(stars + declarator.Length);
            return next < b.Length && b[next] is (byte)'=' or (byte)';' or (byte)',' or (byte)'['
                && !(b[next] == (byte)'=' && next + 1 < b.Length && b[next + 1] == (byte)'=');
        }
        return false;
    }

    /// <summary>The stub declarations of one file: names to declare as types and as int objects.</summary>
    /// <param name="Typedefs">Names declared <c>typedef int NAME;</c>.</param>
    /// <param name="Externs">Names declared <c>extern int NAME;</c>.</param>
    internal sealed record Stubs(IReadOnlyList<string> Typedefs, IReadOnlyList<string> Externs)
    {
        /// <summary>No stubs.</summary>
        public static Stubs None { get; } = new([], []);

        /// <summary>True when there is nothing to declare (the second parse is skipped).</summary>
        public bool IsEmpty => Typedefs.Count == 0 && Externs.Count == 0;

        /// <summary>The number of stubbed names.</summary>
        public int Count => Typedefs.Count + Externs.Count;

        /// <summary>These stubs and <paramref name="more"/> (a name that is a type in either is a type).</summary>
        public Stubs Union(Stubs more)
        {
            var typedefs = new SortedSet<string>(Typedefs.Concat(more.Typedefs), StringComparer.Ordinal);
            var externs = new SortedSet<string>(Externs.Concat(more.Externs), StringComparer.Ordinal);
            externs.ExceptWith(typedefs);
            return new Stubs(typedefs.ToList(), externs.ToList());
        }

        /// <summary>The declarations as C text, appended to the prelude.</summary>
        public string Text()
        {
            var text = new StringBuilder("/* stubs for names the kernel headers would declare */\n");
            foreach (string t in Typedefs)
                text.Append("typedef int ").Append(t).Append(";\n");
            foreach (string e in Externs)
                text.Append("extern int ").Append(e).Append(";\n");
            return text.ToString();
        }
    }
}
