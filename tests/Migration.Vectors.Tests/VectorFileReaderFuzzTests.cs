using System.Text;
using CsCheck;
using Migration.Vectors;

namespace Migration.Vectors.Tests;

/// <summary>
/// Issue 15, no input crashes a verb: whatever bytes a vector file holds, <see cref="VectorFileReader"/> returns the
/// file or throws <see cref="VectorFormatException"/> naming the file and the place (a line and byte, or a JSON path).
/// </summary>
public sealed class VectorFileReaderFuzzTests : IDisposable
{
    private const string Name = "fuzz.json";

    private const string Valid = """
        {
          "format": "iommu-vectors/1",
          "suite": "pgsize-split",
          "source": "fuzz",
          "cases": [
            { "name": "a", "tags": ["random"], "config": {}, "ops": [ { "op": "map" } ], "results": [ { "ret": 0 } ], "final": {} }
          ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("vectors-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Parses <paramref name="bytes"/>: the file, or the typed error naming the file and a line/byte or JSON path.</summary>
    private static VectorFormatException? ParseOrTypedError(ReadOnlySpan<byte> bytes)
    {
        try
        {
            VectorFile file = VectorFileReader.Parse(Name, bytes);
            Assert.Equal(Name, file.FileName);
            return null;
        }
        catch (VectorFormatException e)
        {
            Assert.Equal(Name, e.File);
            Assert.Matches(new System.Text.RegularExpressions.Regex(@"^(line \d+, byte \d+|\$.*)$", System.Text.RegularExpressions.RegexOptions.Singleline), e.Location);
            Assert.Equal($"{Name}: {e.Location}: {e.Problem}", e.Message);
            return e;
        }
    }

    [Fact]
    public void TheValidSample_Reads()
    {
        Assert.Null(ParseOrTypedError(Encoding.UTF8.GetBytes(Valid)));
    }

    [Fact]
    public void RandomBytes_ReadOrFailWithTheFileAndPlace()
    {
        Gen.Byte.Array[0, 512].Sample(bytes => { ParseOrTypedError(bytes); }, iter: 300);
    }

    [Fact]
    public void RandomByteEditsOfAValidFile_ReadOrFailWithTheFileAndPlace()
    {
        // Random bytes (NULs, invalid UTF-8, quotes, brackets) written over random places of a valid file.
        byte[] valid = Encoding.UTF8.GetBytes(Valid);
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 4].Sample(edits =>
        {
            byte[] bytes = (byte[])valid.Clone();
            foreach (var (at, value) in edits)
                bytes[at] = value;
            ParseOrTypedError(bytes);
        }, iter: 300);
    }

    [Fact]
    public void TruncatingAValidFileAtEveryPosition_FailsWithTheLineAndByte()
    {
        byte[] valid = Encoding.UTF8.GetBytes(Valid);
        for (int length = 0; length < valid.Length; length++)
        {
            VectorFormatException? e = ParseOrTypedError(valid.AsSpan(0, length));
            Assert.NotNull(e);
            Assert.StartsWith("line ", e.Location, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TruncatingABundledFileAtDensePositions_FailsWithTheLineAndByte()
    {
        byte[] bundled = File.ReadAllBytes(Path.Combine(RepositoryPaths.BundledVectors, "msm-pgtable.json"));
        for (int length = 0; length < bundled.Length; length += 211)
            Assert.StartsWith("line ", ParseOrTypedError(bundled.AsSpan(0, length))!.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFile_IsNotValidJsonAtLineOne()
    {
        File.WriteAllBytes(Path.Combine(_folder, Name), []);
        var e = Assert.Throws<VectorFormatException>(() => VectorFileReader.Read(Path.Combine(_folder, Name)));
        Assert.StartsWith("fuzz.json: line 1, byte 1: not valid JSON (The input does not contain any JSON tokens.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TenThousandNestedArrays_AreNotValidJson_AtTheDepthLimit()
    {
        var e = ParseOrTypedError(Encoding.ASCII.GetBytes(new string('[', 10_000) + new string(']', 10_000)));
        Assert.Equal("line 1, byte 65", e!.Location);
        Assert.StartsWith("not valid JSON (", e.Problem, StringComparison.Ordinal);
        Assert.Contains("depth", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TenThousandNestedObjectsInAField_AreNotValidJson_AtTheDepthLimit()
    {
        string deep = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "0" + new string('}', 10_000);
        var e = ParseOrTypedError(Encoding.ASCII.GetBytes(Valid.Replace("\"final\": {}", "\"final\": " + deep, StringComparison.Ordinal)));
        Assert.Matches(@"^line 6, byte \d+$", e!.Location);
        Assert.Contains("depth", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("99999999999999999999")]
    [InlineData("-99999999999999999999")]
    [InlineData("1.5")]
    public void AHugeOrFractionalNumberWhereAStringBelongs_NamesTheJsonPath(string number)
    {
        var e = ParseOrTypedError(Encoding.UTF8.GetBytes(Valid.Replace("\"name\": \"a\"", "\"name\": " + number, StringComparison.Ordinal)));
        Assert.Equal("$.cases[0].name", e!.Location);
        Assert.Equal("expected a string, found number", e.Problem);
    }

    [Fact]
    public void AHugeNumber_IsNotA32BitInteger_AtItsJsonPath()
    {
        string text = Valid.Replace("\"ops\": [ { \"op\": \"map\" } ]", "\"ops\": [ 99999999999999999999 ]", StringComparison.Ordinal);
        VectorFile file = VectorFileReader.Parse(Name, Encoding.UTF8.GetBytes(text));
        var e = Assert.Throws<VectorFormatException>(() => file.Cases[0].Ops[0].Int());
        Assert.Equal("fuzz.json: $.cases[0].ops[0]: expected a 32-bit integer, found 99999999999999999999", e.Message);
    }

    [Fact]
    public void ANulByteInAString_IsNotValidJson_AtItsLineAndByte()
    {
        var e = ParseOrTypedError(Encoding.UTF8.GetBytes(Valid.Replace("\"fuzz\"", "\"fu\0zz\"", StringComparison.Ordinal)));
        Assert.Equal("line 4, byte 16", e!.Location);
        Assert.StartsWith("not valid JSON (", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InAString_IsNotValidJson_AtItsLineAndByte()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Valid.Replace("\"fuzz\"", "\"fu~zz\"", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'~')] = 0xFF;
        var e = ParseOrTypedError(bytes);
        Assert.Equal("fuzz.json: line 4, byte 16: not valid UTF-8 (byte 0xFF)", e!.Message);
    }

    [Fact]
    public void InvalidUtf8InAPropertyName_IsNotValidJson()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Valid.Replace("\"config\"", "\"c~nfig\"", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'~')] = 0xC3;
        Assert.Equal("fuzz.json: line 6, byte 42: not valid UTF-8 (byte 0xC3)", ParseOrTypedError(bytes)!.Message);
    }

    [Fact]
    public void ALoneSurrogateEscape_IsAnError_AtItsJsonPath()
    {
        var e = ParseOrTypedError(Encoding.UTF8.GetBytes(Valid.Replace("\"fuzz\"", "\"\\ud800\"", StringComparison.Ordinal)));
        Assert.Equal("fuzz.json: $.source: not valid Unicode (an escaped lone surrogate)", e!.Message);
    }

    [Fact]
    public void ALoneSurrogateEscapeInAPropertyName_IsAnError_AtTheObjectsJsonPath()
    {
        var e = ParseOrTypedError(Encoding.UTF8.GetBytes(Valid.Replace("\"final\": {}", "\"final\": { \"\\udc00\": 1 }", StringComparison.Ordinal)));
        Assert.Equal("fuzz.json: $.cases[0].final: a property name is not valid Unicode (an escaped lone surrogate)", e!.Message);
    }

    [Fact]
    public void ATenMegabyteLine_Reads()
    {
        string source = new('s', 10 * 1024 * 1024);
        File.WriteAllText(Path.Combine(_folder, Name), Valid.Replace("\"fuzz\"", $"\"{source}\"", StringComparison.Ordinal));
        Assert.Equal(source, VectorFileReader.Read(Path.Combine(_folder, Name)).Source);
    }

    [Fact]
    public void TextAfterTheJsonValue_IsAnError_AtItsLineAndByte()
    {
        var e = ParseOrTypedError(Encoding.UTF8.GetBytes(Valid + "\n]"));
        Assert.Equal("line 9, byte 1", e!.Location);
        Assert.StartsWith("not valid JSON (", e.Problem, StringComparison.Ordinal);
    }
}
