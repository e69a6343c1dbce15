namespace Migration.Cli.Tests;

/// <summary>An empty or blank input path is bad input (exit 2) with the path named, never an unhandled exception (these crashed with exit 134).</summary>
public sealed class EmptyInputPathExitCodeTests
{
    [Theory]
    [InlineData("analyze", "", "error: '' is not a path")]
    [InlineData("analyze", " ", "error: ' ' is not a path")]
    [InlineData("fix", "", "error: '' is not a path")]
    public void AnEmptyPath_Exits2_NamingIt(string verb, string path, string expected)
    {
        var (code, output, err) = Cli.Run(verb, path);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal([expected], Cli.Lines(err));
    }

    [Fact]
    public void Vectors_WithAnEmptyPath_Exits2_NamingIt()
    {
        var (code, _, err) = Cli.Run("vectors", "");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(["error: '' is not a path"], Cli.Lines(err));
    }

    [Fact]
    public void Equiv_WithAnEmptyTracePath_Exits2_SayingTheFileCannotBeRead()
    {
        var (code, _, err) = Cli.Run("equiv", "--trace", "");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error: : cannot read the file: ", Assert.Single(Cli.Lines(err)), StringComparison.Ordinal);
    }
}
