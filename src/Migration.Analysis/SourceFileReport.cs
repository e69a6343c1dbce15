namespace Migration.Analysis;

/// <summary>What the C front end did with one source file.</summary>
/// <param name="File">The file, relative to the analysed root when inside it.</param>
/// <param name="FromAst">Catalog calls found by the first parse.</param>
/// <param name="FromStubbedAst">Calls found only after stubbing unknown names and parsing again.</param>
/// <param name="FromTokens">Calls found only by the token cross-check.</param>
/// <param name="Stubs">Names stubbed for the second parse (0: no second parse).</param>
/// <param name="Error">Why the file could not be analysed at all, or null: unreadable, or no function could be parsed from it.</param>
public sealed record SourceFileReport(string File, int FromAst, int FromStubbedAst, int FromTokens, int Stubs, string? Error)
{
    /// <summary>
    /// The parse status of a file parsed only in part (syntax errors left after stubbing, but its functions parsed and
    /// its calls found by the parse and the token cross-check), or null: a note, which does not make the run partial.
    /// </summary>
    public string? Note { get; init; }

    /// <summary>What the file was parsed with: "headers" (the user's --include or compile_commands.json) or "prelude" (the kernel prelude); null when it was not parsed.</summary>
    public string? Parse { get; init; }

    /// <summary>Every call reported for the file.</summary>
    public int Calls => FromAst + FromStubbedAst + FromTokens;
}
