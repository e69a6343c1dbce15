using Generic.Vectors;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Migration.Vectors;

namespace Migration.Vectors.Tests;

/// <summary>
/// Issue 15, no input crashes a verb: a vector file whose values are well-formed JSON but wrong for the suite (a huge
/// number, a negative one, a string where a number belongs, null, a nested array) replays to results or to a
/// <see cref="VectorFormatException"/> naming the file and the JSON path; no other exception escapes the suite models.
/// </summary>
public class VectorSuiteFuzzTests
{
    private static readonly JsonNode?[] AwkwardValues =
    [
        JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(int.MaxValue), JsonValue.Create(int.MinValue), JsonValue.Create(4096),
        JsonNode.Parse("99999999999999999999"), JsonNode.Parse("1e400"), JsonNode.Parse("1.5"),
        JsonValue.Create("0xFFFFFFFF"), JsonValue.Create("0x00000000"), JsonValue.Create("0x00001000"), JsonValue.Create("0x80000000"),
        JsonValue.Create(""), JsonValue.Create("map"), JsonValue.Create("\u0000"), null, JsonValue.Create(true),
        new JsonArray(), new JsonObject(),
    ];

    /// <summary>Each bundled suite's file cut to its first cases, as JSON trees to mutate.</summary>
    private static readonly (string Name, JsonNode Doc)[] Files = Directory.GetFiles(RepositoryPaths.BundledVectors, "*.json")
        .Order(StringComparer.Ordinal)
        .Select(path =>
        {
            JsonNode doc = JsonNode.Parse(File.ReadAllText(path))!;
            JsonArray cases = doc["cases"]!.AsArray();
            while (cases.Count > 4)
                cases.RemoveAt(cases.Count - 1);
            return (Path.GetFileName(path), doc);
        }).ToArray();

    /// <summary>Every leaf of <paramref name="node"/> below "cases", as (parent, key or index).</summary>
    private static List<(JsonNode Parent, object Key)> Leaves(JsonNode node)
    {
        var leaves = new List<(JsonNode, object)>();
        void Walk(JsonNode n)
        {
            if (n is JsonObject o)
            {
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonObject or JsonArray)
                        Walk(value);
                    else
                        leaves.Add((o, key));
                }
            }
            else if (n is JsonArray a)
            {
                for (int i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonObject or JsonArray)
                        Walk(a[i]!);
                    else
                        leaves.Add((a, i));
                }
            }
        }
        Walk(node["cases"]!);
        return leaves;
    }

    [Fact]
    public void AnyLeafReplacedByAnAwkwardValue_ReplaysOrFailsWithTheFileAndPath()
    {
        Gen.Select(Gen.Int[0, Files.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[0, AwkwardValues.Length - 1]).Array[1, 3].Sample(edits =>
        {
            int fileIndex = edits[0].Item1;
            JsonNode doc = Files[fileIndex].Doc.DeepClone();
            List<(JsonNode Parent, object Key)> leaves = Leaves(doc);
            foreach (var (_, leaf, value) in edits)
            {
                var (parent, key) = leaves[leaf % leaves.Count];
                JsonNode? replacement = AwkwardValues[value]?.DeepClone();
                if (parent is JsonObject o)
                    o[(string)key] = replacement;
                else
                    parent.AsArray()[(int)key] = replacement;
            }
            byte[] bytes = Encoding.UTF8.GetBytes(doc.ToJsonString());
            try
            {
                VectorSuites.Runner.Run(VectorFileReader.Parse(Files[fileIndex].Name, bytes));
            }
            catch (VectorFormatException e)
            {
                Assert.Equal(Files[fileIndex].Name, e.File);
                Assert.StartsWith("$.cases[", e.Location, StringComparison.Ordinal);
                // VectorRunner turns any exception of a model into a format error; fuzzing must still see it as a defect.
                Assert.Null(e.InnerException);
            }
        }, iter: 500, threads: 1);
    }

    private static VectorFormatException ReplayWithConfig(string fileName, string field, JsonNode value)
    {
        JsonNode doc = Files.Single(f => f.Name == fileName).Doc.DeepClone();
        doc["cases"]![0]!["config"]![field] = value;
        return Assert.Throws<VectorFormatException>(() => VectorSuites.Runner.Run(VectorFileReader.Parse(fileName, Encoding.UTF8.GetBytes(doc.ToJsonString()))));
    }

    [Fact]
    public void AnEmptyPgsizeBitmap_IsAFormatError_NotAKernelBug()
    {
        Assert.Equal("pgsize-split.json: $.cases[0].config.pgsize_bitmap: an empty pgsize_bitmap has no page size to map with (the kernel BUGs on it)",
            ReplayWithConfig("pgsize-split.json", "pgsize_bitmap", JsonValue.Create("0x00000000")).Message);
    }

    [Theory]
    [InlineData("msm-core.json")]
    [InlineData("msm-pgtable.json")]
    [InlineData("omap-pgtable.json")]
    public void ANegativeL2AllocFailAt_IsAFormatError_NotAnArgumentException(string fileName)
    {
        Assert.Equal($"{fileName}: $.cases[0].config.l2_alloc_fail_at: expected a non-negative 32-bit integer, found -1",
            ReplayWithConfig(fileName, "l2_alloc_fail_at", JsonValue.Create(-1)).Message);
    }
}
