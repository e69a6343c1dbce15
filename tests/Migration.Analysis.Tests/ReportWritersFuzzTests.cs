using System.Text;
using System.Text.Json;
using CsCheck;

namespace Migration.Analysis.Tests;

/// <summary>
/// Issue 15, no input crashes a verb: findings whose messages, paths, symbols and root hold any text (NULs, lone
/// surrogates, quotes, control characters) and any line/column numbers still give valid SARIF and JSON, which read
/// back the same text (a lone surrogate, which UTF-8 cannot hold, reads back as U+FFFD).
/// </summary>
public class ReportWritersFuzzTests
{
    private static Gen<T> Pick<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    /// <summary>Any UTF-16 code units, biased towards the awkward ones.</summary>
    private static readonly Gen<string> AnyText = Gen.OneOf(
            Gen.Char,
            Gen.Char['\0', '\u001f'],
            Gen.Char['\ud800', '\udfff'],
            Pick('"', '\\', '/', '<', '>', '&', '\'', '+', '\u2028', '\u2029', '\ufeff', '\uffff'))
        .Array[0, 40].Select(chars => new string(chars));

    private static readonly Gen<int> AnyNumber = Gen.OneOf(Gen.Int, Pick(0, -1, int.MaxValue, int.MinValue));

    private static readonly Gen<Finding> AnyFinding =
        Gen.Select(AnyText, AnyText, AnyText, AnyText, AnyNumber, AnyNumber, Gen.Select(AnyText, AnyText.Null(), AnyText.Null(), AnyText.Null()))
            .Select((rule, severity, message, file, line, column, rest) =>
                new Finding(rule, severity, message, file, line, column, line, column, rest.Item1, rest.Item2, rest.Item3) { Origin = rest.Item4 });

    private static readonly Gen<AnalysisResult> AnyResult =
        Gen.Select(AnyText, AnyFinding.Array[0, 5], AnyText.Array[0, 3], AnyText.Array[0, 3], Gen.Select(AnyText, AnyText.Null(), AnyNumber).Array[0, 3])
            .Select((root, findings, projects, exceptions, files) =>
                new AnalysisResult(root, findings,
                    [.. findings.Select(f => f.RuleId).Distinct().Select(id => new RuleInfo(id, id + " title", id, "warning", "Migration"))],
                    projects, exceptions)
                {
                    SourceFiles = [.. files.Select(f => new SourceFileReport(f.Item1, f.Item3, f.Item3, 0, int.MaxValue, f.Item2))],
                });

    /// <summary>What <paramref name="text"/> reads back as from UTF-8 JSON: itself, with each lone surrogate replaced by U+FFFD.</summary>
    private static string RoundTripped(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Sarif_OfAnyFindings_IsValidJson_HoldingTheirText()
    {
        AnyResult.Sample(result =>
        {
            using var doc = JsonDocument.Parse(SarifWriter.Write(result, "1.0.0"));
            JsonElement[] results = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
            Assert.Equal(result.Findings.Count, results.Length);
            for (int i = 0; i < results.Length; i++)
            {
                Finding f = result.Findings[i];
                Assert.Equal(RoundTripped(f.Message), results[i].GetProperty("message").GetProperty("text").GetString());
                JsonElement physical = results[i].GetProperty("locations")[0].GetProperty("physicalLocation");
                Assert.Equal(RoundTripped(f.File), physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
                Assert.Equal(f.Line, physical.GetProperty("region").GetProperty("startLine").GetInt32());
                Assert.Equal(f.Column, physical.GetProperty("region").GetProperty("startColumn").GetInt32());
            }
        }, iter: 300);
    }

    [Fact]
    public void Json_OfAnyFindings_IsValidJson_HoldingTheirText()
    {
        AnyResult.Sample(result =>
        {
            using var doc = JsonDocument.Parse(FindingsJsonWriter.Write(result));
            Assert.Equal(RoundTripped(result.Root), doc.RootElement.GetProperty("root").GetString());
            JsonElement[] findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToArray();
            Assert.Equal(result.Findings.Count, findings.Length);
            for (int i = 0; i < findings.Length; i++)
            {
                Finding f = result.Findings[i];
                Assert.Equal(RoundTripped(f.Message), findings[i].GetProperty("message").GetString());
                Assert.Equal(RoundTripped(f.File), findings[i].GetProperty("file").GetString());
                Assert.Equal(f.Line, findings[i].GetProperty("line").GetInt32());
            }
        }, iter: 300);
    }

    [Theory]
    [InlineData("/src/client", "file:///src/client/")]
    [InlineData("/src/client/", "file:///src/client/")]
    [InlineData("/src/my client#1%", "file:///src/my%20client%231%25/")]
    [InlineData("/src/\u00e9", "file:///src/%C3%A9/")]
    [InlineData("/src/a\0b", "file:///src/a%00b/")]
    [InlineData("", "file:///")]
    public void Sarif_SrcRootIsAFileUri_ForAnyRoot(string root, string uri)
    {
        // new Uri(root) threw UriFormatException for some of these, and the whole SARIF report was lost.
        var result = new AnalysisResult(root, [], [], [], []);
        using var doc = JsonDocument.Parse(SarifWriter.Write(result, "1.0.0"));
        Assert.Equal(uri, doc.RootElement.GetProperty("runs")[0].GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());
    }

    [Fact]
    public void Sarif_ALoneSurrogateInTheRoot_IsEncodedAsTheReplacementCharacter()
    {
        // Not an InlineData: xunit's test-case serialisation itself mangles a lone surrogate.
        using var doc = JsonDocument.Parse(SarifWriter.Write(new AnalysisResult("/src/\ud800", [], [], [], []), "1.0.0"));
        Assert.Equal("file:///src/%EF%BF%BD/", doc.RootElement.GetProperty("runs")[0].GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());
    }

    [Fact]
    public void Sarif_ARelativeRoot_IsResolvedAgainstTheCurrentFolder()
    {
        using var doc = JsonDocument.Parse(SarifWriter.Write(new AnalysisResult("rel", [], [], [], []), "1.0.0"));
        Assert.Equal(new Uri(Path.GetFullPath("rel") + "/").AbsoluteUri,
            doc.RootElement.GetProperty("runs")[0].GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());
    }

    [Fact]
    public void ATenMegabyteMessage_IsWrittenWhole()
    {
        string message = new('m', 10 * 1024 * 1024);
        var result = new AnalysisResult("/src", [new Finding("IOMMU001", "warning", message, "a.c", 1, 1, 1, 2, "C", null, null)], [], ["C"], []);
        using var sarif = JsonDocument.Parse(SarifWriter.Write(result, "1.0.0"));
        Assert.Equal(message, sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("message").GetProperty("text").GetString());
        using var json = JsonDocument.Parse(FindingsJsonWriter.Write(result));
        Assert.Equal(message, json.RootElement.GetProperty("findings")[0].GetProperty("message").GetString());
    }
}
