using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis.Testing;
using Migration.Analyzers.ApiMap;

namespace Migration.Analyzers.Tests;

/// <summary>
/// Issue 15, no input crashes a verb: whatever text a project's iommu-api-map.json holds, <see cref="ApiMapJson.Parse"/>
/// returns the entries or throws <see cref="ApiMapFormatException"/> naming the line and column (syntax) or the
/// entry and property (schema); ApiMapFileAnalyzer then reports it as IOMMU000 at the file.
/// </summary>
public class ApiMapJsonFuzzTests
{
    private const string Valid = """
        {
          "version": 1,
          "entries": [
            { "symbol": "Vendor.Isp.*", "rule": "IOMMU002", "kernel": "isp_vendor", "checkResult": true, "comment": "\u00e9\t" }
          ]
        }
        """;

    private static readonly string BuiltInMap = ReadBuiltInMap();

    private static string ReadBuiltInMap()
    {
        using Stream stream = typeof(ApiMapJson).Assembly.GetManifestResourceStream(ApiMap.ApiMap.BuiltInResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses <paramref name="json"/>: the entries, or the typed error; a syntax error's line and column match its offset.</summary>
    private static ApiMapFormatException? ParseOrTypedError(string json)
    {
        try
        {
            _ = ApiMapJson.Parse(json);
            return null;
        }
        catch (ApiMapFormatException e)
        {
            Assert.InRange(e.Offset, 0, json.Length);
            if (e.Message.StartsWith("line ", StringComparison.Ordinal))
            {
                string before = json[..e.Offset];
                int line = before.Count(c => c == '\n') + 1;
                int column = e.Offset - (before.LastIndexOf('\n') + 1) + 1;
                Assert.StartsWith($"line {line}, column {column}: ", e.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(0, e.Offset); // schema errors name the entry and property instead
            }
            return e;
        }
    }

    [Fact]
    public void TheValidSample_Parses()
    {
        Assert.Null(ParseOrTypedError(Valid));
    }

    [Fact]
    public void RandomText_ParsesOrFailsWithThePlace()
    {
        // Any UTF-16 code unit, lone surrogates and NULs included.
        Gen.Char.Array[0, 300].Select(chars => new string(chars)).Sample(text => { ParseOrTypedError(text); }, iter: 300);
    }

    [Fact]
    public void RandomJsonTokenSoup_ParsesOrFailsWithThePlace()
    {
        string[] pieces = ["{", "}", "[", "]", ":", ",", "\"", "\"symbol\"", "\"entries\"", "\"version\"", "\"rule\"", "\"IOMMU002\"", "\"A.B\"",
            "1", "-", "1e400", "99999999999999999999", ".5", "true", "tru", "null", "\\", "\\u", "\\ud800", "\\u 12 ", " ", "\n", "\r", "\0", "\ud800"];
        Gen.Int[0, pieces.Length - 1].Array[0, 80].Sample(picks =>
        {
            ParseOrTypedError(string.Concat(picks.Select(p => pieces[p])));
        }, iter: 300);
    }

    [Fact]
    public void TruncatingAValidMapAtEveryPosition_FailsWithTheLineAndColumn()
    {
        for (int length = 0; length < Valid.Length; length++)
            Assert.StartsWith("line ", ParseOrTypedError(Valid[..length])!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatingTheBuiltInMapAtDensePositions_FailsWithTheLineAndColumn()
    {
        for (int length = 0; length < BuiltInMap.Length; length += 53)
            Assert.StartsWith("line ", ParseOrTypedError(BuiltInMap[..length])!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TenThousandNestedArrays_AreAnError_AtTheFirstLevelTooDeep()
    {
        // The reader recurses per level: without a limit this overflowed the stack and took the compiler down.
        var e = ParseOrTypedError(new string('[', 10_000) + new string(']', 10_000));
        Assert.Equal("line 1, column 65: arrays and objects nested deeper than 64 levels", e!.Message);
        Assert.Equal(64, e.Offset);
    }

    [Fact]
    public void TenThousandNestedObjectsInAnEntry_AreAnError_AtTheFirstLevelTooDeep()
    {
        string deep = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "0" + new string('}', 10_000);
        var e = ParseOrTypedError(Valid.Replace("\"checkResult\": true", "\"checkResult\": " + deep, StringComparison.Ordinal));
        Assert.Matches(@"^line 4, column \d+: arrays and objects nested deeper than 64 levels$", e!.Message);
    }

    [Fact]
    public void SixtyFourLevels_AreAllowed()
    {
        Assert.Equal("the map must be a JSON object with an \"entries\" array",
            ParseOrTypedError(new string('[', 64) + new string(']', 64))!.Message);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("99999999999999999999")]
    [InlineData("-1e400")]
    public void AHugeVersion_IsNotOne(string number)
    {
        Assert.Equal("\"version\" must be 1", ParseOrTypedError(Valid.Replace("\"version\": 1", "\"version\": " + number, StringComparison.Ordinal))!.Message);
    }

    [Fact]
    public void AHugeNumberWhereAFlagBelongs_NamesTheEntryAndProperty()
    {
        Assert.Equal("entries[0].checkResult must be true or false",
            ParseOrTypedError(Valid.Replace("\"checkResult\": true", "\"checkResult\": 1e400", StringComparison.Ordinal))!.Message);
    }

    [Fact]
    public void BlanksInAUnicodeEscape_AreABadEscape()
    {
        Assert.Equal("line 4, column 112: bad \\u escape",
            ParseOrTypedError(Valid.Replace("\\u00e9", "\\u 0e9", StringComparison.Ordinal))!.Message);
    }

    [Fact]
    public void ANulInAString_IsAControlCharacter_AtItsPlace()
    {
        Assert.Equal("line 4, column 67: control character in a string",
            ParseOrTypedError(Valid.Replace("isp_vendor", "isp\0vendor", StringComparison.Ordinal))!.Message);
    }

    [Fact]
    public void LoneSurrogates_AreKeptAsText()
    {
        Assert.Null(ParseOrTypedError(Valid.Replace("isp_vendor", "isp\ud800vendor\\udc00", StringComparison.Ordinal)));
    }

    [Fact]
    public void ATenMegabyteLine_Parses()
    {
        string comment = new('c', 10 * 1024 * 1024);
        Assert.Null(ParseOrTypedError(Valid.Replace("\\u00e9\\t", comment, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ADeeplyNestedMap_IsReportedAtItsLineAndColumn_NotACrash()
    {
        var test = TestSetup.Analyzer<ApiMapFileAnalyzer>("namespace Client; public static class C { }");
        test.TestState.AdditionalFiles.Add(("/0/iommu-api-map.json", "{ \"entries\":\n" + new string('[', 10_000) + new string(']', 10_000) + "}"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(IommuRules.ApiMapFile).WithSpan("/0/iommu-api-map.json", 2, 64, 2, 64)
            .WithArguments("iommu-api-map.json", "line 2, column 64: arrays and objects nested deeper than 64 levels"));
        await test.RunAsync();
    }

    [Fact]
    public async Task ABinaryMap_IsReportedAtTheFile_NotACrash()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        bytes[0] = (byte)'@';
        var test = TestSetup.Analyzer<ApiMapFileAnalyzer>("namespace Client; public static class C { }");
        test.TestState.AdditionalFiles.Add(("/0/iommu-api-map.json", Encoding.Latin1.GetString(bytes)));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(IommuRules.ApiMapFile).WithSpan("/0/iommu-api-map.json", 1, 1, 1, 1)
            .WithArguments("iommu-api-map.json", "line 1, column 1: unexpected character '@'"));
        await test.RunAsync();
    }
}
