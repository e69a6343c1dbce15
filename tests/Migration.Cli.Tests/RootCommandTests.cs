namespace Migration.Cli.Tests;

/// <summary>The root of `migrate`: no verb or an unknown verb is bad input (2), --help and --version pass (0).</summary>
public sealed class RootCommandTests
{
    [Fact]
    public void NoVerb_Exits2_SayingAVerbIsRequired()
    {
        var (code, output, err) = Cli.Run();

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal(["error: Required command was not provided.", "usage: migrate --help"], Cli.Lines(err));
    }

    [Fact]
    public void AnUnknownVerb_Exits2_NamingIt()
    {
        var (code, output, err) = Cli.Run("frobnicate");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("error: Unrecognized command or argument 'frobnicate'.", Cli.Lines(err));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("vectors", "--help")]
    [InlineData("equiv", "--help")]
    [InlineData("bench", "--help")]
    [InlineData("report", "--help")]
    [InlineData("analyze", "--help")]
    public void Help_Exits0_OnStdout(params string[] args)
    {
        var (code, output, err) = Cli.Run(args);

        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.StartsWith("Description:", output.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void Version_Exits0()
    {
        var (code, output, err) = Cli.Run("--version");

        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Matches(@"^\d+\.\d+\.\d+", output);
    }

    [Fact]
    public void TheContract_IsTheDocumentedNumbers()
    {
        // Scripts and the README depend on the numbers themselves, not on the names.
        Assert.Equal([0, 1, 2, 3], new[] { ExitCodes.Passed, ExitCodes.Failed, ExitCodes.BadInput, ExitCodes.Partial });
    }
}
