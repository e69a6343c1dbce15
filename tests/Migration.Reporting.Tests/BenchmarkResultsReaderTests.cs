using System.Text;
using CsCheck;

namespace Migration.Reporting.Tests;

/// <summary>
/// BenchmarkDotNet's full JSON as `bench` and `report` read it back from their child processes: exact values from a
/// file in the exporter's shape, a named error for what is missing or malformed, and no input that crashes the reader.
/// </summary>
public sealed class BenchmarkResultsReaderTests
{
    private const string Name = "Migration.Benchmarks.OmapMapBenchmarks-report-full.json";

    // The exporter's shape, cut down to what the reader uses plus fields it must skip.
    private const string Valid = """
        {
          "Title": "Migration.Benchmarks.OmapMapBenchmarks-20261207-172000",
          "HostEnvironmentInfo": { "ProcessorName": "x", "PhysicalCoreCount": 2 },
          "Benchmarks": [
            {
              "DisplayInfo": "OmapMapBenchmarks.LegacyIovmm: quick [Size=1048576, Layout=Scattered4K]",
              "Namespace": "Migration.Benchmarks", "Type": "OmapMapBenchmarks", "Method": "LegacyIovmm",
              "Parameters": "Size=1048576&Layout=Scattered4K",
              "Statistics": { "N": 5, "Min": 20500.5, "Median": 21000.25, "Mean": 21500.75, "Max": 23000 },
              "Memory": { "Gen0Collections": 0, "TotalOperations": 1184, "BytesAllocatedPerOperation": 48 },
              "Measurements": []
            },
            {
              "Type": "OmapMapBenchmarks", "Method": "DmaMapSg", "Parameters": "Size=1048576&Layout=Scattered4K",
              "Statistics": { "Median": 7350, "Mean": 7400.5 },
              "Memory": { "BytesAllocatedPerOperation": 0 }
            },
            { "Type": "EquivalenceBenchmarks", "Method": "FullCompare", "Parameters": "", "Statistics": { "Median": 2.2e7, "Mean": 2.3e7 } }
          ]
        }
        """;

    [Fact]
    public void TheExportersShape_ReadsEveryCaseExactly()
    {
        IReadOnlyList<BenchmarkMeasurement> cases = BenchmarkResultsReader.Parse(Name, Encoding.UTF8.GetBytes(Valid));

        Assert.Equal(3, cases.Count);
        Assert.Equal(("OmapMapBenchmarks", "LegacyIovmm", 21500.75, 21000.25, (long?)48), (cases[0].Class, cases[0].Method, cases[0].MeanNs, cases[0].MedianNs, cases[0].AllocatedBytes));
        Assert.Equal(new Dictionary<string, string> { ["Size"] = "1048576", ["Layout"] = "Scattered4K" }, cases[0].Parameters);
        Assert.Equal((7400.5, 7350.0, (long?)0), (cases[1].MeanNs, cases[1].MedianNs, cases[1].AllocatedBytes));
        Assert.Empty(cases[2].Parameters);
        Assert.Null(cases[2].AllocatedBytes); // no MemoryDiagnoser column: not measured, not zero
    }

    [Fact]
    public void ACaseWithoutStatistics_IsAnErrorNamingTheCase()
    {
        string json = """{ "Benchmarks": [ { "Type": "ScatterListMapBenchmarks", "Method": "GenericMapSg", "Parameters": "Entries=30", "Statistics": null } ] }""";

        var e = Assert.Throws<BenchmarkResultsFormatException>(() => BenchmarkResultsReader.Parse(Name, Encoding.UTF8.GetBytes(json)));

        Assert.Equal("$.Benchmarks[0].Statistics", e.Location);
        Assert.Equal($"{Name}: $.Benchmarks[0].Statistics: ScatterListMapBenchmarks.GenericMapSg has no statistics: it ran but produced no measurement", e.Message);
    }

    [Theory]
    [InlineData("""{ "Title": "x" }""", "$.Benchmarks", "is missing")]
    [InlineData("""{ "Benchmarks": {} }""", "$.Benchmarks", "expected an array, found Object")]
    [InlineData("""{ "Benchmarks": [ 3 ] }""", "$.Benchmarks[0]", "expected an object, found Number")]
    [InlineData("""{ "Benchmarks": [ { "Type": "", "Method": "M" } ] }""", "$.Benchmarks[0].Type", "is empty")]
    [InlineData("""{ "Benchmarks": [ { "Type": "T", "Method": "M", "Parameters": "Size", "Statistics": { "Median": 1, "Mean": 1 } } ] }""", "$.Benchmarks[0].Parameters", "\"Size\" is not a Name=Value pair of its own (in \"Size\")")]
    [InlineData("""{ "Benchmarks": [ { "Type": "T", "Method": "M", "Parameters": "A=1&A=2", "Statistics": { "Median": 1, "Mean": 1 } } ] }""", "$.Benchmarks[0].Parameters", "\"A=2\" is not a Name=Value pair of its own (in \"A=1&A=2\")")]
    [InlineData("""{ "Benchmarks": [ { "Type": "T", "Method": "M", "Statistics": { "Median": -1, "Mean": 1 } } ] }""", "$.Benchmarks[0].Statistics.Median", "expected a time in nanoseconds, found -1")]
    [InlineData("""{ "Benchmarks": [ { "Type": "T", "Method": "M", "Statistics": { "Median": 1, "Mean": 1 }, "Memory": { "BytesAllocatedPerOperation": 1.5 } } ] }""", "$.Benchmarks[0].Memory.BytesAllocatedPerOperation", "expected a byte count, found 1.5")]
    public void AMalformedFile_NamesTheJsonPathAndTheProblem(string json, string location, string problem)
    {
        var e = Assert.Throws<BenchmarkResultsFormatException>(() => BenchmarkResultsReader.Parse(Name, Encoding.UTF8.GetBytes(json)));

        Assert.Equal((Name, location, problem), (e.File, e.Location, e.Problem));
    }

    [Fact]
    public void InvalidJson_NamesTheLineAndByte()
    {
        var e = Assert.Throws<BenchmarkResultsFormatException>(() => BenchmarkResultsReader.Parse(Name, "{\n  \"Benchmarks\": [ ,"u8));

        Assert.Equal(("line 2, byte 19", "not valid JSON"), (e.Location, e.Problem));
    }

    [Fact]
    public void InvalidUtf8InAString_NamesTheJsonPath()
    {
        byte[] json = [.. "{ \"Benchmarks\": [ { \"Type\": \""u8, 0xC3, 0x28, .. "\", \"Method\": \"M\" } ] }"u8];

        var e = Assert.Throws<BenchmarkResultsFormatException>(() => BenchmarkResultsReader.Parse(Name, json));

        Assert.Equal(("$.Benchmarks[0].Type", "is not valid UTF-8 text"), (e.Location, e.Problem));
    }

    [Fact]
    public void AMissingFile_IsAnErrorNamingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json");

        var e = Assert.Throws<BenchmarkResultsFormatException>(() => BenchmarkResultsReader.ReadFile(path));

        Assert.Equal((path, "file"), (e.File, e.Location));
        Assert.StartsWith("cannot be read: ", e.Problem, StringComparison.Ordinal);
    }

    // Whatever the bytes, the reader returns the cases or throws its typed error naming the file and a place.
    private static void ReadOrTypedError(byte[] bytes)
    {
        try
        {
            _ = BenchmarkResultsReader.Parse(Name, bytes);
        }
        catch (BenchmarkResultsFormatException e)
        {
            Assert.Equal(Name, e.File);
            Assert.Matches(@"^(line \d+, byte \d+|\$.*)$", e.Location);
        }
    }

    [Fact]
    public void RandomBytes_ReadOrFailWithTheFileAndPlace()
    {
        Gen.Byte.Array[0, 512].Sample(ReadOrTypedError, iter: 300);
    }

    [Fact]
    public void RandomByteEditsOfAValidFile_ReadOrFailWithTheFileAndPlace()
    {
        byte[] valid = Encoding.UTF8.GetBytes(Valid);
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 4].Sample(edits =>
        {
            byte[] bytes = (byte[])valid.Clone();
            foreach (var (at, value) in edits)
                bytes[at] = value;
            ReadOrTypedError(bytes);
        }, iter: 1000);
    }

    [Fact]
    public void TruncatingAValidFileAtEveryPosition_FailsWithTheLineAndByte()
    {
        byte[] valid = Encoding.UTF8.GetBytes(Valid);
        for (int length = 0; length < valid.Length - 1; length++)
        {
            var e = Assert.Throws<BenchmarkResultsFormatException>(() => BenchmarkResultsReader.Parse(Name, valid.AsSpan(0, length)));
            Assert.Matches(@"^line \d+, byte \d+$", e.Location);
        }
    }
}
