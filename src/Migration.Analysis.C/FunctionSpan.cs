namespace Migration.Analysis.C;

/// <summary>A function definition of the AST: its name and the byte range of the main file it covers.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Start">Byte offset of the definition's first character.</param>
/// <param name="End">Byte offset just past its closing brace.</param>
public sealed record FunctionSpan(string Name, int Start, int End);
