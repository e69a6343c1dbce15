namespace Migration.Analysis.C;

/// <summary>What the front end's parses of one file's bytes found (<see cref="CSourceAnalyzer.ParseCalls"/>).</summary>
/// <param name="Calls">Every catalog-symbol call with how it was found (<see cref="FindingOrigin"/>), AST calls first.</param>
/// <param name="Functions">The function definitions of the last parse.</param>
/// <param name="Stubs">Names stubbed for the later parses.</param>
/// <param name="SyntaxSummary">The syntax errors left after stubbing in one line, or null.</param>
/// <param name="SyntaxErrorCount">How many syntax errors of the main file the last parse left.</param>
/// <param name="Error">Why libclang produced no unit, or null.</param>
internal sealed record ParsedCalls(IReadOnlyList<(CallSite Call, string Origin)> Calls, IReadOnlyList<FunctionSpan> Functions, int Stubs,
    string? SyntaxSummary, int SyntaxErrorCount, string? Error)
{
    /// <summary>The stubs of the last parse, which a re-parse of the same file with rewritten calls reuses.</summary>
    public DiagnosticStubber.Stubs StubSet { get; init; } = DiagnosticStubber.Stubs.None;
}
