namespace Migration.Cli;

/// <summary>
/// The one exit-code contract of every `migrate` verb (README.md, "Exit codes"). A script can rely on 1 meaning
/// "the check ran and failed", never "the command line was wrong": that is always 2.
/// </summary>
public static class ExitCodes
{
    /// <summary>The check passed: vectors all pass, the worlds are equivalent, no error finding, the report is complete and clean; or --help / --version.</summary>
    public const int Passed = 0;

    /// <summary>The check ran and failed: a vector case failed, the worlds diverge, an error-severity finding, a report part failed or an unexpected divergence.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: every command-line parse error (unknown verb or option, missing or unparsable value), an option value out of range, a missing, unreadable or empty input.</summary>
    public const int BadInput = 2;

    /// <summary>Partial: some inputs could not be read or parsed and the result covers only the rest (`analyze`, `fix`); wins over <see cref="Failed"/>.</summary>
    public const int Partial = 3;
}
