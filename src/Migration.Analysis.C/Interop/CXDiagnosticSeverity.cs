namespace Migration.Analysis.C.Interop;

/// <summary>CXDiagnosticSeverity: how serious a parser diagnostic is.</summary>
internal enum CXDiagnosticSeverity
{
    /// <summary>Ignored.</summary>
    Ignored = 0,

    /// <summary>A note attached to another diagnostic.</summary>
    Note = 1,

    /// <summary>A warning (suppressed here by -w).</summary>
    Warning = 2,

    /// <summary>An error.</summary>
    Error = 3,

    /// <summary>A fatal error.</summary>
    Fatal = 4,
}
