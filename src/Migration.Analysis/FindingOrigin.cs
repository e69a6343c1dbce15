namespace Migration.Analysis;

/// <summary>How the C front end found a call (the <see cref="Finding.Origin"/> values).</summary>
public static class FindingOrigin
{
    /// <summary>In the AST of the first parse (with the kernel prelude or the user's headers, before any stub).</summary>
    public const string Ast = "ast";

    /// <summary>In the AST of the second parse, after the unknown types and identifiers were stubbed.</summary>
    public const string AstAfterStubs = "ast-after-stubs";

    /// <summary>Only by the token cross-check (the AST lost it: a skipped #ifdef block, a discarded macro argument, a syntax error).</summary>
    public const string Tokens = "tokens";
}
