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
        JsonDocument doc;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            doc = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            long line = (ex.LineNumber ?? 0) + 1;
            long column = (ex.BytePositionInLine ?? 0) + 1;
            throw new VectorFormatException(fileName, $"line {line}, byte {column}", $"not valid JSON ({FirstSentence(ex.Message)})", ex);
        }

        var root = new VectorNode(fileName, "$", doc.RootElement);
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
