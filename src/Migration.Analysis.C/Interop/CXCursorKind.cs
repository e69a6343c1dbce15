namespace Migration.Analysis.C.Interop;

/// <summary>The CXCursorKind values the C front end looks at (Index.h).</summary>
internal static class CXCursorKind
{
    /// <summary>CXCursor_FunctionDecl: a function declaration or definition.</summary>
    public const int FunctionDecl = 8;

    /// <summary>CXCursor_CallExpr: a call.</summary>
    public const int CallExpr = 103;

    /// <summary>CXCursor_TranslationUnit.</summary>
    public const int TranslationUnit = 350;
}
