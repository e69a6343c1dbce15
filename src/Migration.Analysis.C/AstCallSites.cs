namespace Migration.Analysis.C;

/// <summary>What one walk of a translation unit found: catalog calls, where catalog names are declared, and the function definitions.</summary>
/// <param name="Calls">Calls of catalog symbols, in source order.</param>
/// <param name="Declarations">(line, column) of each declaration or definition of a catalog name (never a call).</param>
/// <param name="Functions">Every function definition of the main file, with its byte range.</param>
public sealed record AstCallSites(IReadOnlyList<CallSite> Calls, IReadOnlySet<(int Line, int Column)> Declarations, IReadOnlyList<FunctionSpan> Functions);
