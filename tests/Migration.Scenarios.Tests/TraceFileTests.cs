using Migration.Equivalence;

namespace Migration.Scenarios.Tests;

/// <summary>The trace format: round trip, and errors that name the line and field.</summary>
public class TraceFileTests
{
    [Fact]
    public void FormatThenParse_RoundTrips()
    {
        var trace = new Trace("random", 9,
        [
            new TraceStep("vmalloc", new TraceArg("buf", 0), new TraceArg("size", 0x5000)),
            new TraceStep("vmap", new TraceArg("buf", 1), new TraceArg("pa", 0x88000000), new TraceArg("entries", 2), new TraceArg("size", 4096)),
            new TraceStep("vfree", new TraceArg("buf", 0)),
        ]);
        string text = TraceFile.Format(trace);
        Assert.Equal("# migrate equiv trace v1\nscenario random\nseed 9\nvmalloc buf=0 size=0x5000\nvmap buf=1 pa=0x88000000 entries=2 size=0x1000\nvfree buf=0\n", text);

        Trace back = TraceFile.Parse("t", text, null, out TraceFileError? error)!;
        Assert.Null(error);
        Assert.Equal("random", back.Scenario);
        Assert.Equal(9, back.Seed);
        Assert.Equal(trace.Steps.Select(s => s.ToString()), back.Steps.Select(s => s.ToString()));
    }

    [Theory]
    [InlineData("vmalloc buf=0\n", 1, "scenario", "expected 'scenario NAME' before any step")]
    [InlineData("scenario random\nseed x\n", 2, "seed", "'x' is not a 32-bit integer")]
    [InlineData("scenario random\nvmalloc buf\n", 2, "buf", "expected name=value")]
    [InlineData("scenario random\n\n# c\nvmalloc buf=-0x\n", 4, "buf", "'-0x' is not an integer (decimal or 0x-hex)")]
    public void Errors_NameTheLineAndField(string text, int line, string field, string message)
    {
        Assert.Null(TraceFile.Parse("f.trace", text, null, out TraceFileError? error));
        Assert.Equal(new TraceFileError("f.trace", line, field, message), error);
    }

    [Fact]
    public void AnEmptyFile_IsNotATrace()
    {
        Assert.Null(TraceFile.Parse("e.trace", "# only a comment\n", null, out TraceFileError? error));
        Assert.Equal("e.trace: no 'scenario NAME' line: not a trace file", error!.ToString());
    }

    [Fact]
    public void TheScenarioValidator_NamesMissingArguments()
    {
        var scenario = new RandomScenario();
        Assert.Null(TraceFile.Parse("v.trace", "scenario random\nvmap buf=0 pa=0x88000000 size=0x1000\n", (_, s) => scenario.Validate(s), out TraceFileError? error));
        Assert.Equal("v.trace:2: field 'entries': 'vmap' needs entries=", error!.ToString());
    }

    [Fact]
    public void NegativeValues_AreKept()
    {
        Trace t = TraceFile.Parse("n", "scenario s\nop v=-22 w=-0x10\n", null, out _)!;
        Assert.Equal(-22, t.Steps[0]["v"]);
        Assert.Equal(-16, t.Steps[0]["w"]);
    }
}
