namespace Migration.Analysis;

/// <summary>One replacement of a fix (SARIF <c>replacement</c>): the region deleted (1-based; the end column is the one just past it) and the text inserted there.</summary>
/// <param name="StartLine">First line of the deleted region.</param>
/// <param name="StartColumn">Column of its first character.</param>
/// <param name="EndLine">Line of its end.</param>
/// <param name="EndColumn">Column just past its last character.</param>
/// <param name="InsertedText">The text written in its place.</param>
public sealed record FindingReplacement(int StartLine, int StartColumn, int EndLine, int EndColumn, string InsertedText);
