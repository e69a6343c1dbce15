namespace Migration.Analysis.C.Interop;

/// <summary>CXTranslationUnit_Flags the C front end passes to clang_parseTranslationUnit2.</summary>
internal static class CXTranslationUnitOptions
{
    /// <summary>CXTranslationUnit_KeepGoing: do not stop after a fatal error (kernel code without headers has many).</summary>
    public const uint KeepGoing = 0x200;
}
