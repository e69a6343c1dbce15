using System.Runtime.InteropServices;

namespace Migration.Analysis.C.Interop;

/// <summary>
/// The libclang C API functions the C front end calls (libclang.runtime.linux-x64: runtimes/linux-x64/native/libclang.so,
/// resolved through deps.json). Structs are passed by value exactly as Index.h declares them.
/// </summary>
internal static unsafe partial class LibClang
{
    private const string Library = "libclang";

    /// <summary>clang_createIndex: a new index (one per thread; an index is not thread-safe).</summary>
    [LibraryImport(Library, EntryPoint = "clang_createIndex")]
    internal static partial IntPtr CreateIndex(int excludeDeclarationsFromPch, int displayDiagnostics);

    /// <summary>clang_disposeIndex.</summary>
    [LibraryImport(Library, EntryPoint = "clang_disposeIndex")]
    internal static partial void DisposeIndex(IntPtr index);

    /// <summary>clang_parseTranslationUnit2: parses a file with arguments and in-memory files; returns a CXErrorCode.</summary>
    [LibraryImport(Library, EntryPoint = "clang_parseTranslationUnit2")]
    internal static partial int ParseTranslationUnit2(IntPtr index, byte* sourceFilename, byte** commandLineArgs, int numCommandLineArgs,
        CXUnsavedFile* unsavedFiles, uint numUnsavedFiles, uint options, out IntPtr translationUnit);

    /// <summary>clang_disposeTranslationUnit.</summary>
    [LibraryImport(Library, EntryPoint = "clang_disposeTranslationUnit")]
    internal static partial void DisposeTranslationUnit(IntPtr translationUnit);

    /// <summary>clang_getTranslationUnitCursor: the root cursor.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getTranslationUnitCursor")]
    internal static partial CXCursor GetTranslationUnitCursor(IntPtr translationUnit);

    /// <summary>clang_visitChildren with a native callback (the visitor returns a CXChildVisitResult).</summary>
    [LibraryImport(Library, EntryPoint = "clang_visitChildren")]
    internal static partial uint VisitChildren(CXCursor parent, delegate* unmanaged[Cdecl]<CXCursor, CXCursor, IntPtr, int> visitor, IntPtr clientData);

    /// <summary>clang_getCursorSpelling: a declaration's name, a call's callee name.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getCursorSpelling")]
    internal static partial CXString GetCursorSpelling(CXCursor cursor);

    /// <summary>clang_getCursorReferenced: the declaration a reference or call names.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getCursorReferenced")]
    internal static partial CXCursor GetCursorReferenced(CXCursor cursor);

    /// <summary>clang_getCursorLocation.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getCursorLocation")]
    internal static partial CXSourceLocation GetCursorLocation(CXCursor cursor);

    /// <summary>clang_getCursorExtent: the source range a cursor covers.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getCursorExtent")]
    internal static partial CXSourceRange GetCursorExtent(CXCursor cursor);

    /// <summary>clang_isCursorDefinition: non-zero for a definition (a function with a body).</summary>
    [LibraryImport(Library, EntryPoint = "clang_isCursorDefinition")]
    internal static partial uint IsCursorDefinition(CXCursor cursor);

    /// <summary>clang_Cursor_getNumArguments: the argument count of a call (-1 for other cursors).</summary>
    [LibraryImport(Library, EntryPoint = "clang_Cursor_getNumArguments")]
    internal static partial int CursorGetNumArguments(CXCursor cursor);

    /// <summary>clang_Cursor_getArgument: the i-th argument expression of a call.</summary>
    [LibraryImport(Library, EntryPoint = "clang_Cursor_getArgument")]
    internal static partial CXCursor CursorGetArgument(CXCursor cursor, uint index);

    /// <summary>clang_getFileLocation: the file position a location stands at (a macro argument's own text, a macro body's expansion).</summary>
    [LibraryImport(Library, EntryPoint = "clang_getFileLocation")]
    internal static partial void GetFileLocation(CXSourceLocation location, out IntPtr file, out uint line, out uint column, out uint offset);

    /// <summary>clang_getSpellingLocation: where the characters of a location are written (a macro body's call: in the #define).</summary>
    [LibraryImport(Library, EntryPoint = "clang_getSpellingLocation")]
    internal static partial void GetSpellingLocation(CXSourceLocation location, out IntPtr file, out uint line, out uint column, out uint offset);

    /// <summary>clang_getRangeStart.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getRangeStart")]
    internal static partial CXSourceLocation GetRangeStart(CXSourceRange range);

    /// <summary>clang_getRangeEnd.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getRangeEnd")]
    internal static partial CXSourceLocation GetRangeEnd(CXSourceRange range);

    /// <summary>clang_getRange: the range between two locations.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getRange")]
    internal static partial CXSourceRange GetRange(CXSourceLocation begin, CXSourceLocation end);

    /// <summary>clang_getFile: the CXFile of a file name in a translation unit (IntPtr.Zero when the unit does not hold it).</summary>
    [LibraryImport(Library, EntryPoint = "clang_getFile")]
    internal static partial IntPtr GetFile(IntPtr translationUnit, byte* fileName);

    /// <summary>clang_getLocationForOffset: the location of a byte offset in a file.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getLocationForOffset")]
    internal static partial CXSourceLocation GetLocationForOffset(IntPtr translationUnit, IntPtr file, uint offset);

    /// <summary>clang_File_isEqual: non-zero when two CXFile handles name the same file.</summary>
    [LibraryImport(Library, EntryPoint = "clang_File_isEqual")]
    internal static partial int FileIsEqual(IntPtr file1, IntPtr file2);

    /// <summary>clang_tokenize: the raw tokens of a range (directives and skipped conditional blocks included).</summary>
    [LibraryImport(Library, EntryPoint = "clang_tokenize")]
    internal static partial void Tokenize(IntPtr translationUnit, CXSourceRange range, out CXToken* tokens, out uint numTokens);

    /// <summary>clang_disposeTokens.</summary>
    [LibraryImport(Library, EntryPoint = "clang_disposeTokens")]
    internal static partial void DisposeTokens(IntPtr translationUnit, CXToken* tokens, uint numTokens);

    /// <summary>clang_getTokenKind.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getTokenKind")]
    internal static partial CXTokenKind GetTokenKind(CXToken token);

    /// <summary>clang_getTokenLocation.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getTokenLocation")]
    internal static partial CXSourceLocation GetTokenLocation(IntPtr translationUnit, CXToken token);

    /// <summary>clang_getNumDiagnostics.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getNumDiagnostics")]
    internal static partial uint GetNumDiagnostics(IntPtr translationUnit);

    /// <summary>clang_getDiagnostic: the i-th diagnostic (dispose with clang_disposeDiagnostic).</summary>
    [LibraryImport(Library, EntryPoint = "clang_getDiagnostic")]
    internal static partial IntPtr GetDiagnostic(IntPtr translationUnit, uint index);

    /// <summary>clang_disposeDiagnostic.</summary>
    [LibraryImport(Library, EntryPoint = "clang_disposeDiagnostic")]
    internal static partial void DisposeDiagnostic(IntPtr diagnostic);

    /// <summary>clang_getDiagnosticSeverity.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getDiagnosticSeverity")]
    internal static partial CXDiagnosticSeverity GetDiagnosticSeverity(IntPtr diagnostic);

    /// <summary>clang_getDiagnosticSpelling: the message text ("unknown type name 'u32'").</summary>
    [LibraryImport(Library, EntryPoint = "clang_getDiagnosticSpelling")]
    internal static partial CXString GetDiagnosticSpelling(IntPtr diagnostic);

    /// <summary>clang_getDiagnosticLocation.</summary>
    [LibraryImport(Library, EntryPoint = "clang_getDiagnosticLocation")]
    internal static partial CXSourceLocation GetDiagnosticLocation(IntPtr diagnostic);

    /// <summary>clang_getCString: the characters of a CXString (valid until it is disposed).</summary>
    [LibraryImport(Library, EntryPoint = "clang_getCString")]
    internal static partial byte* GetCString(CXString text);

    /// <summary>clang_disposeString.</summary>
    [LibraryImport(Library, EntryPoint = "clang_disposeString")]
    internal static partial void DisposeString(CXString text);

    /// <summary>The managed copy of <paramref name="text"/>, which is disposed.</summary>
    internal static string TakeString(CXString text)
    {
        try
        {
            byte* chars = GetCString(text);
            return chars is null ? string.Empty : Marshal.PtrToStringUTF8((IntPtr)chars) ?? string.Empty;
        }
        finally
        {
            DisposeString(text);
        }
    }
}
