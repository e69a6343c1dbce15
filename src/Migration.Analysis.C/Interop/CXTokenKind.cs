namespace Migration.Analysis.C.Interop;

/// <summary>CXTokenKind: what kind of lexical token clang_getTokenKind reports.</summary>
internal enum CXTokenKind
{
    /// <summary>A punctuator ("(", "->", ";").</summary>
    Punctuation = 0,

    /// <summary>A language keyword ("return", "int").</summary>
    Keyword = 1,

    /// <summary>An identifier (including macro names).</summary>
    Identifier = 2,

    /// <summary>A numeric, string or character literal.</summary>
    Literal = 3,

    /// <summary>A comment.</summary>
    Comment = 4,
}
