using System.Text;
using CsCheck;

namespace Migration.Equivalence.Tests;

/// <summary>
/// Issue 15, no input crashes a verb: whatever bytes a trace file holds, <see cref="TraceFile.Read"/> returns the trace
/// or a <see cref="TraceFileError"/> naming the file and the line (0 only for what concerns the whole file); it never throws.
/// </summary>
public sealed class TraceFileFuzzTests : IDisposable
{
    private const string Valid = "# migrate equiv trace v1\nscenario random\nseed 9\nvmalloc buf=0 size=0x5000\nvmap buf=1 pa=0x88000000 entries=2 size=0x1000\nvfree buf=0\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("trace-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A scenario vocabulary like the real ones: known ops, a required argument.</summary>
    private static (string Field, string Message)? Validate(string scenario, TraceStep step) =>
        step.Op is not ("vmalloc" or "vmap" or "vfree") ? ("op", $"unknown op '{step.Op}'")
        : !step.Has("buf") ? ("buf", $"'{step.Op}' needs buf=")
        : null;

    /// <summary>
    /// Reads <paramref name="bytes"/> saved as a file (<paramref name="name"/>, else a file of its own: CsCheck samples
    /// on several threads, and a shared file would be overwritten under a reader): the trace, or an error naming the
    /// file and a line of it.
    /// </summary>
    private TraceFileError? ReadOrError(byte[] bytes, string? name = null)
    {
        string path = Path.Combine(_folder, name ?? $"fuzz-{Guid.NewGuid():N}.trace");
        File.WriteAllBytes(path, bytes);
        Trace? trace = TraceFile.Read(path, Validate, out TraceFileError? error);
        Assert.True(trace is null != (error is null), "exactly one of a trace and an error");
        if (error is not null)
        {
            Assert.Equal(path, error.Path);
            Assert.InRange(error.Line, 0, bytes.Count(b => b == (byte)'\n') + 1);
            Assert.StartsWith(error.Line == 0 ? $"{path}: " : $"{path}:{error.Line}: ", error.ToString(), StringComparison.Ordinal);
            Assert.InRange(error.ToString().Length, 1, path.Length + 200);
        }
        return error;
    }

    [Fact]
    public void TheValidSample_Reads()
    {
        Assert.Null(ReadOrError(Encoding.ASCII.GetBytes(Valid)));
    }

    [Fact]
    public void RandomBytes_ReadOrFailWithTheFileAndLine()
    {
        Gen.Byte.Array[0, 512].Sample(bytes => { ReadOrError(bytes); }, iter: 200);
    }

    [Fact]
    public void RandomTokenSoup_ReadsOrFailsWithTheFileAndLine()
    {
        string[] pieces = ["scenario", "seed", "vmalloc", "vfree", "buf=", "size=", "=", "0x", "-", "1", "99999999999999999999", "0xFFFFFFFFFFFFFFFFF",
            "1e400", " ", "\t", "\n", "\r", "\r\n", "#", "\0", "\u00a0", "\u2028", "\ufeff", "x"];
        Gen.Int[0, pieces.Length - 1].Array[0, 60].Sample(picks =>
        {
            ReadOrError(Encoding.UTF8.GetBytes(string.Concat(picks.Select(p => pieces[p]))));
        }, iter: 300);
    }

    [Fact]
    public void TruncatingAValidTraceAtEveryPosition_ReadsOrFailsWithTheFileAndLine()
    {
        byte[] valid = Encoding.ASCII.GetBytes(Valid);
        for (int length = 0; length <= valid.Length; length++)
            ReadOrError(valid[..length]);
    }

    [Fact]
    public void TruncatedInsideAStep_NamesTheLineAndField()
    {
        TraceFileError? error = ReadOrError(Encoding.ASCII.GetBytes(Valid[..Valid.IndexOf("entries=", StringComparison.Ordinal)] + "entries"));
        Assert.Equal(5, error!.Line);
        Assert.Equal("entries", error.Field);
        Assert.Equal("expected name=value", error.Message);
    }

    [Fact]
    public void AnEmptyFile_IsNotATrace()
    {
        TraceFileError? error = ReadOrError([]);
        Assert.Equal((0, "scenario", "no 'scenario NAME' line: not a trace file"), (error!.Line, error.Field, error.Message));
    }

    [Fact]
    public void InvalidUtf8_IsAnError_AtItsLine()
    {
        byte[] bytes = Encoding.ASCII.GetBytes(Valid.Replace("vfree", "vfr~e", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'~')] = 0xC3;
        TraceFileError? error = ReadOrError(bytes, "fuzz.trace");
        Assert.Equal($"{Path.Combine(_folder, "fuzz.trace")}:6: not valid UTF-8 (byte 0xC3)", error!.ToString());
    }

    [Fact]
    public void AUtf8ByteOrderMark_IsSkipped()
    {
        Assert.Null(ReadOrError([0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes(Valid)]));
    }

    [Fact]
    public void NulBytes_AreNotSeparators_SoTheOpIsUnknown()
    {
        TraceFileError? error = ReadOrError(Encoding.ASCII.GetBytes(Valid.Replace("vfree buf", "vfree\0buf", StringComparison.Ordinal)));
        Assert.Equal((6, "op", "unknown op 'vfree\0buf=0'"), (error!.Line, error.Field, error.Message));
    }

    [Theory]
    [InlineData("seed 99999999999999999999", 3, "seed", "'99999999999999999999' is not a 32-bit integer")]
    [InlineData("seed 0x100000000", 3, "seed", "'0x100000000' is not a 32-bit integer")]
    [InlineData("seed 1e400", 3, "seed", "'1e400' is not a 32-bit integer")]
    [InlineData("vfree buf=99999999999999999999", 4, "buf", "'99999999999999999999' is not an integer (decimal or 0x-hex)")]
    [InlineData("vfree buf=0x10000000000000000", 4, "buf", "'0x10000000000000000' is not an integer (decimal or 0x-hex)")]
    [InlineData("vfree buf=1e400", 4, "buf", "'1e400' is not an integer (decimal or 0x-hex)")]
    public void HugeNumbers_AreErrors_NamingTheLineAndField(string line, int lineNo, string field, string message)
    {
        string text = "scenario random\n" + (line.StartsWith("seed", StringComparison.Ordinal) ? "# c\n" + line + "\n" : "seed 1\n# c\n" + line + "\n");
        TraceFileError? error = ReadOrError(Encoding.ASCII.GetBytes(text));
        Assert.Equal((lineNo, field, message), (error!.Line, error.Field, error.Message));
    }

    [Fact]
    public void SixtyFourBitHex_WrapsToTheNegativeValueTheWriterWrites()
    {
        // TraceArg writes negative values as 64-bit two's complement hex: reading must give them back.
        Trace back = TraceFile.Parse("t", TraceFile.Format(new Trace("s", 1, [new TraceStep("vfree", new TraceArg("buf", -0x2000))])), null, out _)!;
        Assert.Equal(-0x2000, back.Steps[0]["buf"]);
    }

    [Fact]
    public void ATenMegabyteValue_IsAnError_WithAShortMessage()
    {
        string value = new('9', 10 * 1024 * 1024);
        TraceFileError? error = ReadOrError(Encoding.ASCII.GetBytes($"scenario random\nvfree buf={value}\n"));
        Assert.Equal((2, "buf", $"'{value[..64]}...' is not an integer (decimal or 0x-hex)"), (error!.Line, error.Field, error.Message));
    }

    [Fact]
    public void ATenMegabyteLineOfArguments_Reads()
    {
        var line = new StringBuilder("vfree buf=0");
        while (line.Length < 10 * 1024 * 1024)
            line.Append(" pad=0x1000");
        Assert.Null(ReadOrError(Encoding.ASCII.GetBytes($"scenario random\n{line}\nvfree buf=1\n")));
    }

    [Fact]
    public void ADirectory_CannotBeRead_NamingTheWholeFile()
    {
        Assert.Null(TraceFile.Read(_folder, Validate, out TraceFileError? error));
        Assert.Equal(_folder, error!.Path);
        Assert.Equal(0, error.Line);
        Assert.StartsWith("cannot read the file: ", error.Message, StringComparison.Ordinal);
    }
}
