using System.Globalization;
using System.Text.RegularExpressions;
using Migration.Analysis.C.Interop;
using Migration.Analyzers;
using Migration.Analyzers.ApiMap;

namespace Migration.Analysis.C;

/// <summary>
/// Analyses one C file: parse with the kernel prelude, or with the user's headers and flags when
/// <see cref="CParseSettings"/> give them for the file; if the parser named unknown types or identifiers, stub them
/// and parse again (again while new names appear, at most <see cref="MaxStubbedParses"/> times); run the token cross-check on the last parse; turn the catalog calls into findings (rule, C
/// replacement, kernel symbol, enclosing function, origin) and count them by origin. A file that cannot be read, or
/// from which nothing parsed, gets a per-file error; one that keeps syntax errors after stubbing gets a note saying
/// which parse was used; its findings are still reported.
/// </summary>
public sealed partial class CSourceAnalyzer
{
    /// <summary>The Project of every C finding: C files form one pseudo-project (the per-file reports say which files).</summary>
    public const string ProjectName = "C";

    /// <summary>At most this many parses with stubs follow the first (each adds the names the previous one newly reported).</summary>
    public const int MaxStubbedParses = 3;

    private readonly CKernelCatalog _catalog;
    private readonly CParseSettings _settings;

    /// <summary>An analyzer reporting the calls of <paramref name="catalog"/>, parsing with <paramref name="settings"/> (default: the prelude only).</summary>
    public CSourceAnalyzer(CKernelCatalog catalog, CParseSettings? settings = null)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _settings = settings ?? CParseSettings.None;
    }

    // Parser errors that mean the text is not C (rather than a name the missing headers would declare).
    [GeneratedRegex(@"^(expected |extraneous |unterminated |missing terminating |invalid preprocessing directive)")]
    private static partial Regex SyntaxError();

    /// <summary>
    /// Analyses <paramref name="path"/> with the thread's <paramref name="index"/>; <paramref name="displayPath"/> names
    /// it in the report. Any failure in reading, parsing, the AST walk or the token cross-check is that file's error,
    /// so one file never stops the run nor loses the other files' findings.
    /// </summary>
    internal CFileAnalysis Analyze(ClangIndex index, string path, string displayPath)
    {
        try
        {
            return AnalyzeFile(index, path, displayPath);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Deliberately broad: the input is arbitrary bytes, and a defect this file exposes in any step must cost
            // only this file's report (with the exception's type, so the defect can still be found and fixed).
            return Failed(displayPath, $"analysis failed ({e.GetType().Name}): {e.Message}");
        }
    }

    private CFileAnalysis AnalyzeFile(ClangIndex index, string path, string displayPath)
    {
        if (Read(path, out byte[] bytes, out string fullPath, out FileParse how) is { } readError)
            return Failed(displayPath, readError);
        ParsedCalls parsed = ParseCalls(index, fullPath, bytes, how);
        if (parsed.Error is { } parseError)
            return Failed(displayPath, parseError);

        var findings = new List<Finding>();
        foreach ((CallSite call, string origin) in parsed.Calls.DistinctBy(c => Key(c.Call)))
            Add(findings, call, origin, displayPath);
        findings.Sort((a, b) => (a.Line, a.Column, a.RuleId).CompareTo((b.Line, b.Column, b.RuleId)));

        // Syntax errors left in a file whose functions parsed (or whose calls were found) are a note on its parse
        // status; a file from which nothing parsed could not be analysed at all, which is the run's partial result.
        string? syntax = parsed.SyntaxSummary;
        bool parsedNothing = syntax is not null && findings.Count == 0 && parsed.Functions.Count == 0;
        var report = new SourceFileReport(displayPath,
            findings.Count(f => f.Origin == FindingOrigin.Ast),
            findings.Count(f => f.Origin == FindingOrigin.AstAfterStubs),
            findings.Count(f => f.Origin == FindingOrigin.Tokens),
            parsed.Stubs,
            parsedNothing ? "cannot be parsed: no function definition could be read; " + syntax : null)
        {
            Note = parsedNothing ? null : syntax,
            Parse = how.WithHeaders ? "headers" : "prelude",
        };
        return new CFileAnalysis(findings, report);
    }

    /// <summary>
    /// Reads <paramref name="path"/> for the parser, or returns why it is not analysed: a device or pseudo-file (read
    /// without end), an unreadable file, an include or forced include that is such a file. <paramref name="how"/> says
    /// how the file is parsed (the user's headers or the prelude).
    /// </summary>
    internal string? Read(string path, out byte[] bytes, out string fullPath, out FileParse how)
    {
        bytes = [];
        fullPath = Path.GetFullPath(path);
        how = _settings.For(fullPath);
        if (PseudoFileGuard.IsPseudoFile(path, Directory.GetCurrentDirectory()))
            return "is a device or kernel pseudo-file (or links to one), which would be read without end; not analysed";
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
        if (PseudoFileGuard.CheckIncludes(new SourceText(bytes), [Path.GetDirectoryName(fullPath)!, .. how.IncludeDirectories]) is { } unreadableInclude)
            return unreadableInclude;
        // A forced include of the compile command is read before the file, without end if it is /dev/zero.
        if (how.ForcedIncludes.FirstOrDefault(f => PseudoFileGuard.IsPseudoFile(f, "/")) is { } forced)
            return $"-include \"{forced}\" names a device or kernel pseudo-file, which clang would read without end; the file is not analysed";
        return null;
    }

    /// <summary>
    /// Parses <paramref name="bytes"/> as <paramref name="fullPath"/> the way <see cref="Analyze"/> does (first parse,
    /// stubbed parses, token cross-check) and returns every catalog call with how it was found, the function
    /// definitions and the syntax errors left; `migrate fix` parses the original and the patched bytes with it, so both
    /// are read by the same front end. The <see cref="ParsedCalls.Error"/> is set when libclang produced no unit.
    /// </summary>
    internal ParsedCalls ParseCalls(ClangIndex index, string fullPath, byte[] bytes, FileParse how)
    {
        var source = new SourceText(bytes);
        using ClangTranslationUnit? first = Parse(index, fullPath, bytes, how, DiagnosticStubber.Stubs.None, out int code);
        if (first is null)
            return new ParsedCalls([], [], 0, null, 0, $"libclang could not parse it (CXErrorCode {code})");
        AstCallSites firstCalls = CallSiteCollector.Collect(first, bytes, _catalog.Symbols);
        IReadOnlyList<ParserDiagnostic> diagnostics = first.Diagnostics();

        // Stub, parse again, and repeat while the parse names new unknown names: a statement the parser gave up on
        // ("iova_t da;" before iova_t is a type) hides the names after it until it parses.
        DiagnosticStubber.Stubs stubs = DiagnosticStubber.Stubs.None;
        DiagnosticStubber.Stubs next = DiagnosticStubber.Stub(diagnostics, source);
        ClangTranslationUnit? stubbed = null;
        var stubbedCalls = new List<CallSite>();
        AstCallSites lastCalls = firstCalls;
        try
        {
            for (int pass = 0; pass < MaxStubbedParses && next.Count > stubs.Count; pass++)
            {
                stubs = next;
                ClangTranslationUnit? unit = Parse(index, fullPath, bytes, how, stubs, out code);
                if (unit is null)
                    break;
                stubbed?.Dispose();
                stubbed = unit;
                lastCalls = CallSiteCollector.Collect(unit, bytes, _catalog.Symbols);
                stubbedCalls.AddRange(lastCalls.Calls);
                diagnostics = unit.Diagnostics();
                next = stubs.Union(DiagnosticStubber.Stub(diagnostics, source));
            }
            ClangTranslationUnit last = stubbed ?? first;

            // Every parse's calls: stubs should only add calls, but a call an earlier parse had is never dropped.
            var firstKeys = firstCalls.Calls.Select(SpellingKey).ToHashSet();
            var astCalls = firstCalls.Calls.Concat(stubbedCalls).DistinctBy(SpellingKey).ToList();
            var merged = new AstCallSites(astCalls, lastCalls.Declarations.Union(firstCalls.Declarations).ToHashSet(), lastCalls.Functions);
            IReadOnlyList<CallSite> tokenCalls = TokenCrossCheck.Find(last, source, _catalog.Symbols, merged);

            var calls = astCalls.Select(c => (c, firstKeys.Contains(SpellingKey(c)) ? FindingOrigin.Ast : FindingOrigin.AstAfterStubs))
                .Concat(tokenCalls.Select(c => (c, FindingOrigin.Tokens)))
                .ToList();
            return new ParsedCalls(calls, merged.Functions, stubs.Count, SyntaxErrors(diagnostics, how), SyntaxErrorCount(diagnostics), null) { StubSet = stubs };
        }
        finally
        {
            stubbed?.Dispose();
        }
    }

    /// <summary>
    /// The syntax errors of <paramref name="bytes"/> parsed once with <paramref name="stubs"/> (the original file's
    /// stubs): the count and the one-line summary, or null for the summary with -1 when libclang produced no unit.
    /// `migrate fix` re-parses a patched file so; its rewrites add only calls and identifiers, whose undeclared names
    /// are semantic errors, never syntax errors, so the original's stubs read it the way the stub loop would.
    /// </summary>
    internal (int Count, string? Summary) SyntaxErrorsOf(ClangIndex index, string fullPath, byte[] bytes, FileParse how, DiagnosticStubber.Stubs stubs)
    {
        using ClangTranslationUnit? unit = Parse(index, fullPath, bytes, how, stubs, out int code);
        if (unit is null)
            return (-1, $"libclang could not parse it (CXErrorCode {code})");
        IReadOnlyList<ParserDiagnostic> diagnostics = unit.Diagnostics();
        return (SyntaxErrorCount(diagnostics), SyntaxErrors(diagnostics, how));
    }

    /// <summary>The catalog entry a call is reported under (null: not a finding, e.g. a byte-sized iommu_map).</summary>
    internal Migration.Analyzers.ApiMap.ApiMapEntry? EntryFor(CallSite call) => _catalog.EntryFor(call);

    private static int SyntaxErrorCount(IReadOnlyList<ParserDiagnostic> diagnostics) =>
        diagnostics.Count(d => d.IsError && d.InMainFile && SyntaxError().IsMatch(d.Message));

    private static ClangTranslationUnit? Parse(ClangIndex index, string fullPath, byte[] bytes, FileParse how, DiagnosticStubber.Stubs stubs, out int code) =>
        ClangTranslationUnit.Parse(index, fullPath, bytes, [(KernelPrelude.HeaderName, KernelPrelude.HeaderText(how.WithHeaders, stubs.IsEmpty ? "" : stubs.Text()))],
            how.UserFlags.Count == 0 ? KernelPrelude.Arguments : KernelPrelude.ArgumentsFor(how.UserFlags), CXTranslationUnitOptions.KeepGoing, out code);

    private static (string, int, int) Key(CallSite c) => (c.Symbol, c.Line, c.Column);

    // Calls of one macro expansion share Key; fix needs each place they are written.
    private static (string, int, int, int?) SpellingKey(CallSite c) => (c.Symbol, c.Line, c.Column, c.SpellingOffset);

    private static CFileAnalysis Failed(string displayPath, string error) =>
        new([], new SourceFileReport(displayPath, 0, 0, 0, 0, error));

    /// <summary>The syntax errors left in the main file after stubbing, in one line, or null.</summary>
    private static string? SyntaxErrors(IReadOnlyList<ParserDiagnostic> diagnostics, FileParse how)
    {
        var errors = diagnostics.Where(d => d.IsError && d.InMainFile && SyntaxError().IsMatch(d.Message)).ToList();
        if (errors.Count == 0)
            return null;
        ParserDiagnostic first = errors[0];
        return string.Create(CultureInfo.InvariantCulture,
            $"{errors.Count} syntax error{(errors.Count == 1 ? "" : "s")} left after stubbing, first at {first.Line}:{first.Column}: {first.Message}; calls in the unparsed code come from the token cross-check; {how.Status}");
    }

    private void Add(List<Finding> findings, CallSite call, string origin, string displayPath)
    {
        if (_catalog.EntryFor(call) is not { } entry || entry.RuleId is not { } ruleId)
            return;
        Microsoft.CodeAnalysis.DiagnosticDescriptor rule = IommuRules.Get(ruleId);
        findings.Add(new Finding(ruleId, Severity.Of(rule.DefaultSeverity), Message(call, entry, rule.Title.ToString(CultureInfo.InvariantCulture)),
            displayPath, call.Line, call.Column, call.Line, call.Column + call.Symbol.Length, ProjectName, call.Symbol, call.EnclosingFunction)
        {
            Origin = origin,
        });
    }

    /// <summary>"iommu_vmalloc(): OMAP iovmm API: move to ...; in C use dma_alloc_coherent(...)", plus the order argument for IOMMU004.</summary>
    private static string Message(CallSite call, ApiMapEntry entry, string title)
    {
        string order = OrderArgument.IndexFor(entry.Role) is { } i && call.Arguments.Count > i ? $" (order argument '{call.Arguments[i]}')" : "";
        return $"{call.Symbol}(){order}: {title}; in C use {entry.CReplacement ?? "the generic IOMMU API"}";
    }
}
