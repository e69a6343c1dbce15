using System.Text.Json;

namespace Migration.Reporting;

/// <summary>
/// Reads BenchmarkDotNet's full JSON export (JsonExporter.Full, "*-report-full.json"): per case its Type, Method,
/// Parameters ("Size=1048576&amp;Layout=Scattered4K"), Statistics.Mean/Median in nanoseconds and
/// Memory.BytesAllocatedPerOperation. A case without statistics ran but produced no measurement, which is an error
/// here as in the in-process run: a missing row is never dropped silently.
/// </summary>
public static class BenchmarkResultsReader
{
    /// <summary>The measured cases of the file at <paramref name="path"/>; throws <see cref="BenchmarkResultsFormatException"/> naming the file and where.</summary>
    public static IReadOnlyList<BenchmarkMeasurement> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BenchmarkResultsFormatException(path, "file", $"cannot be read: {e.Message}", e);
        }
        return Parse(path, bytes);
    }

    /// <summary>The measured cases of <paramref name="json"/>, read from the file named <paramref name="file"/> (for messages).</summary>
    public static IReadOnlyList<BenchmarkMeasurement> Parse(string file, ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(file);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new BenchmarkResultsFormatException(file, $"line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}", "not valid JSON", e);
        }
        using (document)
        {
            JsonElement benchmarks = Property(file, document.RootElement, "$", "Benchmarks", JsonValueKind.Array);
            var cases = new List<BenchmarkMeasurement>();
            int i = 0;
            foreach (JsonElement b in benchmarks.EnumerateArray())
            {
                cases.Add(Case(file, b, $"$.Benchmarks[{i}]"));
                i++;
            }
            return cases;
        }
    }

    private static BenchmarkMeasurement Case(string file, JsonElement b, string at)
    {
        if (b.ValueKind != JsonValueKind.Object)
            throw new BenchmarkResultsFormatException(file, at, $"expected an object, found {b.ValueKind}");
        string type = NonEmptyString(file, b, at, "Type");
        string method = NonEmptyString(file, b, at, "Method");
        IReadOnlyDictionary<string, string> parameters = Parameters(file, b, at);
        if (!b.TryGetProperty("Statistics", out JsonElement stats) || stats.ValueKind != JsonValueKind.Object)
            throw new BenchmarkResultsFormatException(file, $"{at}.Statistics", $"{type}.{method} has no statistics: it ran but produced no measurement");
        double mean = Nanoseconds(file, stats, $"{at}.Statistics", "Mean");
        double median = Nanoseconds(file, stats, $"{at}.Statistics", "Median");
        long? allocated = null;
        if (b.TryGetProperty("Memory", out JsonElement memory) && memory.ValueKind == JsonValueKind.Object
            && memory.TryGetProperty("BytesAllocatedPerOperation", out JsonElement bytes) && bytes.ValueKind != JsonValueKind.Null)
        {
            if (bytes.ValueKind != JsonValueKind.Number || !bytes.TryGetInt64(out long n) || n < 0)
                throw new BenchmarkResultsFormatException(file, $"{at}.Memory.BytesAllocatedPerOperation", $"expected a byte count, found {bytes.GetRawText()}");
            allocated = n;
        }
        return new BenchmarkMeasurement(type, method, parameters, mean, median, allocated);
    }

    // "Size=1048576&Layout=Scattered4K" as BenchmarkDotNet writes it; empty or absent for a case without parameters.
    private static IReadOnlyDictionary<string, string> Parameters(string file, JsonElement b, string at)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!b.TryGetProperty("Parameters", out JsonElement p) || p.ValueKind == JsonValueKind.Null)
            return result;
        if (p.ValueKind != JsonValueKind.String)
            throw new BenchmarkResultsFormatException(file, $"{at}.Parameters", $"expected a string, found {p.ValueKind}");
        string text = Utf8(file, p, $"{at}.Parameters");
        if (text.Length == 0)
            return result;
        foreach (string pair in text.Split('&'))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !result.TryAdd(pair[..eq], pair[(eq + 1)..]))
                throw new BenchmarkResultsFormatException(file, $"{at}.Parameters", $"\"{pair}\" is not a Name=Value pair of its own (in \"{text}\")");
        }
        return result;
    }

    private static string NonEmptyString(string file, JsonElement b, string at, string name)
    {
        JsonElement e = Property(file, b, at, name, JsonValueKind.String);
        string value = Utf8(file, e, $"{at}.{name}");
        if (value.Length == 0)
            throw new BenchmarkResultsFormatException(file, $"{at}.{name}", "is empty");
        return value;
    }

    // A JSON string's text; invalid UTF-8 inside it is this file's error, not a crash (JsonDocument checks it only here).
    private static string Utf8(string file, JsonElement e, string at)
    {
        try
        {
            return e.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new BenchmarkResultsFormatException(file, at, "is not valid UTF-8 text", ex);
        }
    }

    private static double Nanoseconds(string file, JsonElement stats, string at, string name)
    {
        JsonElement e = Property(file, stats, at, name, JsonValueKind.Number);
        if (!e.TryGetDouble(out double ns) || !double.IsFinite(ns) || ns < 0)
            throw new BenchmarkResultsFormatException(file, $"{at}.{name}", $"expected a time in nanoseconds, found {e.GetRawText()}");
        return ns;
    }

    private static JsonElement Property(string file, JsonElement parent, string at, string name, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object)
            throw new BenchmarkResultsFormatException(file, at, $"expected an object, found {parent.ValueKind}");
        if (!parent.TryGetProperty(name, out JsonElement e))
            throw new BenchmarkResultsFormatException(file, $"{at}.{name}", "is missing");
        if (e.ValueKind != kind)
            throw new BenchmarkResultsFormatException(file, $"{at}.{name}", $"expected {(kind == JsonValueKind.Array ? "an array" : "a " + kind.ToString().ToLowerInvariant())}, found {e.ValueKind}");
        return e;
    }
}
