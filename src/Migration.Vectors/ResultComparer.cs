using System.Globalization;
using System.Text.Json;

namespace Migration.Vectors;

/// <summary>
/// Compares a recorded result object field by field with the model's, given as ordered
/// (field, value) pairs in the vectors' own notation (hex strings, integers, true/false, null).
/// </summary>
public sealed class ResultComparer
{
    private readonly List<Mismatch> _mismatches = new();

    /// <summary>Differences found so far.</summary>
    public IReadOnlyList<Mismatch> Mismatches => _mismatches;

    /// <summary>Formats a u32 as the vectors do: "0x" and 8 lowercase hex digits.</summary>
    public static string Hex(uint value) => "0x" + value.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Formats an int as JSON does.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a bool as JSON does.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>
    /// Compares the recorded object <paramref name="expected"/> with <paramref name="actual"/>: every field of
    /// either side must be present on the other with the same value (raw JSON text of scalars; strings unquoted).
    /// </summary>
    public void CompareObject(int? opIndex, string prefix, VectorNode expected, IReadOnlyList<(string Field, string Value)> actual)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string field, string value) in actual)
        {
            seen.Add(field);
            string exp = expected.TryGet(field, out VectorNode e) ? Scalar(e) : Absent;
            if (exp != value)
                Add(opIndex, prefix + field, exp, value);
        }
        foreach ((string name, VectorNode value) in expected.Members())
        {
            if (!seen.Contains(name))
                Add(opIndex, prefix + name, Scalar(value), Absent);
        }
    }

    /// <summary>Records one difference.</summary>
    public void Add(int? opIndex, string field, string expected, string actual) =>
        _mismatches.Add(new Mismatch(opIndex, field, expected, actual));

    /// <summary>The text for a missing value.</summary>
    public const string Absent = "(absent)";

    /// <summary>The canonical text of a recorded scalar (or the compact JSON of an array/object).</summary>
    public static string Scalar(VectorNode node) => node.Element.ValueKind switch
    {
        JsonValueKind.String => node.Element.GetString()!,
        JsonValueKind.Number => node.Element.TryGetInt64(out long l) ? l.ToString(CultureInfo.InvariantCulture) : node.Element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => string.Join(", ", node.Items().Select(Scalar)),
        _ => string.Join("=", node.Members().Select(m => Scalar(m.Value))), // {"addr":A,"value":V} -> "A=V"
    };
}
