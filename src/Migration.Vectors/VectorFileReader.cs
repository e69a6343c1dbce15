using System.Text.Json;

namespace Migration.Vectors;

/// <summary>Reads and validates the common schema of a golden-vector file (vectors README, "Common schema").</summary>
public static class VectorFileReader
{
    /// <summary>The only format this reader accepts.</summary>
    public const string Format = "iommu-vectors/1";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="VectorFormatException"/> naming the file and place on any problem.</summary>
    public static VectorFile Read(string path)
    {
        string name = System.IO.Path.GetFileName(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VectorFormatException(name, "file", $"cannot be read: {ex.Message}", ex);
        }
        return Parse(name, bytes);
    }

    /// <summary>Parses file contents; <paramref name="fileName"/> is used in error messages.</summary>
    public static VectorFile Parse(string fileName, ReadOnlySpan<byte> utf8)
    {
        // System.Text.Json checks UTF-8 only when a string is read (GetString then throws InvalidOperationException):
        // check the whole text first, so bad bytes are a format error at their line and byte.
        if (FirstInvalidUtf8(utf8) is { } bad)
            throw new VectorFormatException(fileName, LineAndByte(utf8, bad), $"not valid UTF-8 (byte 0x{utf8[bad]:X2})");

        JsonDocument doc;
        try
        {
            // MaxDepth (the default 64, stated because RequireUnicodeStrings recurses once per level) makes deep
            // nesting a JsonException at its line and byte.
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth });
            doc = JsonDocument.ParseValue(ref reader);
            // ParseValue stops after the first value; reading on rejects text after it (a second value, a stray bracket).
            if (reader.Read())
                throw new VectorFormatException(fileName, LineAndByte(utf8, (int)reader.TokenStartIndex), "text after the JSON value");
        }
        catch (JsonException ex)
        {
            long line = (ex.LineNumber ?? 0) + 1;
            long column = (ex.BytePositionInLine ?? 0) + 1;
            throw new VectorFormatException(fileName, $"line {line}, byte {column}", $"not valid JSON ({FirstSentence(ex.Message)})", ex);
        }

        var root = new VectorNode(fileName, "$", doc.RootElement);
        RequireUnicodeStrings(root);
        string format = root.Get("format").String();
        if (format != Format)
            throw root.Get("format").Error($"unknown format \"{format}\" (expected \"{Format}\")");
        string suite = root.Get("suite").String();
        string source = root.Get("source").String();

        var cases = new List<VectorCase>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (VectorNode c in root.Get("cases").Items())
        {
            string caseName = c.Get("name").String();
            if (!names.Add(caseName))
                throw c.Get("name").Error($"duplicate case name \"{caseName}\"");
            IReadOnlyList<VectorNode> ops = c.Get("ops").Items();
            IReadOnlyList<VectorNode> results = c.Get("results").Items();
            if (ops.Count != results.Count)
                throw c.Get("results").Error($"case \"{caseName}\" has {ops.Count} ops but {results.Count} results");
            var tags = new List<string>();
            if (c.TryGet("tags", out VectorNode tagsNode))
            {
                foreach (VectorNode t in tagsNode.Items())
                    tags.Add(t.String());
            }
            cases.Add(new VectorCase(caseName, c, c.Get("config"), ops, results, c.Get("final"), tags));
        }
        return new VectorFile(fileName, suite, source, cases);
    }

    /// <summary>The deepest nesting of arrays and objects accepted (System.Text.Json's default).</summary>
    public const int MaxDepth = 64;

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8))
            return null;
        Span<char> sink = stackalloc char[1024];
        int at = 0;
        while (true)
        {
            System.Buffers.OperationStatus status = System.Text.Unicode.Utf8.ToUtf16(utf8[at..], sink, out int read, out _, replaceInvalidSequences: false);
            at += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
                return at;
        }
    }

    private static string LineAndByte(ReadOnlySpan<byte> utf8, int offset)
    {
        ReadOnlySpan<byte> before = utf8[..offset];
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        return $"line {before.Count((byte)'\n') + 1}, byte {offset - lineStart + 1}";
    }

    /// <summary>
    /// Every string and property name must convert to .NET text: a JSON escape of a lone surrogate ("\ud800") is valid
    /// JSON but makes GetString throw InvalidOperationException, so it is reported here at its JSON path.
    /// </summary>
    private static void RequireUnicodeStrings(VectorNode node)
    {
        const string problem = "not valid Unicode (an escaped lone surrogate)";
        switch (node.Element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = node.Element.GetString();
                }
                catch (InvalidOperationException ex)
                {
                    throw new VectorFormatException(node.File, node.Path, problem, ex);
                }
                break;
            case JsonValueKind.Array:
                foreach (VectorNode item in node.Items())
                    RequireUnicodeStrings(item);
                break;
            case JsonValueKind.Object:
                foreach (JsonProperty p in node.Element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = p.Name;
                    }
                    catch (InvalidOperationException ex)
                    {
                        throw new VectorFormatException(node.File, node.Path, $"a property name is {problem}", ex);
                    }
                    RequireUnicodeStrings(new VectorNode(node.File, $"{node.Path}.{name}", p.Value));
                }
                break;
        }
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "LineNumber: .. | BytePositionInLine: .." and a path; the location is reported separately.
        foreach (string marker in (ReadOnlySpan<string>)[" LineNumber:", " Path:"])
        {
            int cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
                message = message[..cut];
        }
        return message.TrimEnd('.', ' ');
    }
}
