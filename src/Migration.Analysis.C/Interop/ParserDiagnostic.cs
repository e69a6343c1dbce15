namespace Migration.Analysis.C.Interop;

/// <summary>One diagnostic of a libclang parse: severity, message, and where it points (main file or the prelude).</summary>
/// <param name="Severity">Error, fatal, warning, note.</param>
/// <param name="Message">The diagnostic text ("use of undeclared identifier 'IOMMU_FLAG'").</param>
/// <param name="InMainFile">True when it points into the analysed file (false: the prelude or no location).</param>
/// <param name="Line">1-based line (0 without a location).</param>
/// <param name="Column">1-based column.</param>
internal sealed record ParserDiagnostic(CXDiagnosticSeverity Severity, string Message, bool InMainFile, int Line, int Column)
{
    /// <summary>True for an error or a fatal error.</summary>
    public bool IsError => Severity is CXDiagnosticSeverity.Error or CXDiagnosticSeverity.Fatal;
}
