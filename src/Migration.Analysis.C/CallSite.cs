namespace Migration.Analysis.C;

/// <summary>One call of a catalog kernel symbol found in a C file (by the AST or by the tokens).</summary>
/// <param name="Symbol">The kernel symbol called ("iommu_vmalloc").</param>
/// <param name="Line">1-based line in the file where the call is written (a macro body's call: where the macro is expanded).</param>
/// <param name="Column">1-based byte column of the callee name (or of the macro name that expands to the call).</param>
/// <param name="EnclosingFunction">The C function containing the call, or null at file scope.</param>
/// <param name="Arguments">The argument texts as written, in order (used by the Era-A order heuristic).</param>
public sealed record CallSite(string Symbol, int Line, int Column, string? EnclosingFunction, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// Byte offset of the callee name where its characters are written in the file (a macro body's call: inside the
    /// #define, not at the expansion), or null when they are not in the file; what `migrate fix` rewrites.
    /// </summary>
    public int? SpellingOffset { get; init; }
}
