namespace Migration.Cli.Tests;

/// <summary>`migrate equiv`: 0 equivalent, 1 divergent, 2 every kind of bad input, never 1.</summary>
public sealed class EquivExitCodeTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("cli-equiv-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void AnEquivalentRun_Exits0()
    {
        var (code, output, err) = Cli.Run("equiv", "--scenario", "random", "--steps", "50");

        Assert.Equal(ExitCodes.Passed, code);
        Assert.Equal("", err);
        Assert.Contains("steps compared: 50 of 50", output, StringComparison.Ordinal);
        Assert.EndsWith("EQUIVALENT\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AKnownBadPort_Exits1_NamingTheStepAndBothBuffers()
    {
        // The DMA port that drops the scatterlist offset (sg.DmaAddress = cursor): caught at the first offset USERPTR QBUF.
        var (code, output, _) = Cli.Run("equiv", "--scenario", "omap3isp-userptr-dma", "--known-bad-port", "dma-drops-sg-offset", "--save-trace", Path.Combine(_scratch, "sg.trace"));

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("DIVERGENT: first unexpected divergence after step 3 (qbuf node=0 index=0 offset=256): Translation", output, StringComparison.Ordinal);
        Assert.Contains("legacy: buffer video0.0 (0x11000 bytes at 0x00001000)", output, StringComparison.Ordinal);
        Assert.Contains("ported: buffer video0.0 (0x10000 bytes at 0x00010000)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "--known-bad-port: unknown port 'nope'; known: splitter-ignores-paddr")]
    [InlineData("dma-drops-sg-offset", "scenario 'omap3isp-stats' cannot run known-bad port 'dma-drops-sg-offset' (it is caught by: omap3isp-userptr-dma)")]
    public void AKnownBadPortThatCannotRun_Exits2(string port, string message)
    {
        var (code, _, err) = Cli.Run("equiv", "--scenario", "omap3isp-stats", "--known-bad-port", port);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenPort_Exits1()
    {
        string trace = Path.Combine(_scratch, "broken.trace");

        var (code, output, _) = Cli.Run("equiv", "--scenario", "random", "--broken-port", "--steps", "50", "--save-trace", trace);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("DIVERGENT: first unexpected divergence after step 0", output, StringComparison.Ordinal);
        Assert.True(File.Exists(trace));
    }

    [Fact]
    public void AStepCountBeyondInt_Exits2_NotAsDivergent()
    {
        // It exited 1, the code of a divergence, before the contract.
        var (code, output, err) = Cli.Run("equiv", "--scenario", "random", "--steps", "99999999999");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal(["error: --steps: '99999999999' is not a whole number from -2147483648 to 2147483647", "usage: migrate equiv --help"], Cli.Lines(err));
    }

    [Theory]
    [InlineData("--seed", "abc", "error: --seed: 'abc' is not a whole number from -2147483648 to 2147483647")]
    [InlineData("--property", "1e3", "error: --property: '1e3' is not a whole number from -2147483648 to 2147483647")]
    [InlineData("--steps", "-", "error: --steps: '-' is not a whole number from -2147483648 to 2147483647")]
    public void AValueThatDoesNotParse_Exits2_NamingOptionAndValue(string option, string value, string expected)
    {
        var (code, output, err) = Cli.Run("equiv", "--scenario", "random", option, value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal(expected, Cli.Lines(err)[0]);
    }

    [Fact]
    public void AMissingValue_Exits2_NamingTheOption()
    {
        var (code, _, err) = Cli.Run("equiv", "--scenario", "random", "--seed");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: Required argument missing for option: '--seed'.", Cli.Lines(err)[0]);
    }

    [Fact]
    public void AnUnknownOption_Exits2_NamingIt()
    {
        var (code, output, err) = Cli.Run("equiv", "--scenario", "random", "--stpes", "50");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains("error: Unrecognized command or argument '--stpes'.", Cli.Lines(err));
    }

    [Fact]
    public void ANegativeStepCount_Exits2()
    {
        var (code, _, err) = Cli.Run("equiv", "--scenario", "random", "--steps", "-5");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(["error: --steps: -5 is negative"], Cli.Lines(err));
    }

    [Fact]
    public void ATraceFileThatCannotBeWritten_Exits2_NamingThePath()
    {
        string unwritable = Path.Combine(_scratch, "no-such-folder", "t.trace");

        var (code, _, err) = Cli.Run("equiv", "--scenario", "random", "--steps", "5", "--save-trace", unwritable);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: --save-trace: the folder of '{unwritable}' ({Path.Combine(_scratch, "no-such-folder")}) does not exist"], Cli.Lines(err));
    }

    [Fact]
    public void AnUnknownScenario_Exits2()
    {
        var (code, _, err) = Cli.Run("equiv", "--scenario", "nosuch");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error: unknown scenario 'nosuch'; known scenarios: ", err, StringComparison.Ordinal);
    }
}
