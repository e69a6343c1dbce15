using System.Globalization;
using System.Text.Json;

namespace Migration.Vectors;

/// <summary>
/// A JSON element with its path and file, with typed accessors that fail with a
/// <see cref="VectorFormatException"/> naming the file and the JSON path of the bad field.
/// </summary>
public readonly struct VectorNode
{
    /// <summary>Wraps <paramref name="element"/> found at <paramref name="path"/> in <paramref name="file"/>.</summary>
    public VectorNode(string file, string path, JsonElement element)
    {
        File = file;
        Path = path;
        Element = element;
    }

    /// <summary>The file the element came from.</summary>
    public string File { get; }

    /// <summary>The element's JSON path ($.cases[0].ops[2]).</summary>
    public string Path { get; }

    /// <summary>The raw element.</summary>
    public JsonElement Element { get; }

    /// <summary>The member <paramref name="name"/>, which must exist.</summary>
    public VectorNode Get(string name)
    {
        RequireKind(JsonValueKind.Object, "an object");
        if (!Element.TryGetProperty(name, out JsonElement child))
            throw Error($"{Path}.{name}", "missing field");
        return new VectorNode(File, $"{Path}.{name}", child);
    }

    /// <summary>The member <paramref name="name"/> when present.</summary>
    public bool TryGet(string name, out VectorNode node)
    {
        RequireKind(JsonValueKind.Object, "an object");
        if (Element.TryGetProperty(name, out JsonElement child))
        {
            node = new VectorNode(File, $"{Path}.{name}", child);
            return true;
        }
        node = default;
        return false;
    }

    /// <summary>The elements of an array.</summary>
    public IReadOnlyList<VectorNode> Items()
    {
        RequireKind(JsonValueKind.Array, "an array");
        var list = new List<VectorNode>(Element.GetArrayLength());
        int i = 0;
        foreach (JsonElement e in Element.EnumerateArray())
            list.Add(new VectorNode(File, $"{Path}[{i++}]", e));
        return list;
    }

    /// <summary>The members of an object in document order.</summary>
    public IReadOnlyList<(string Name, VectorNode Value)> Members()
    {
        RequireKind(JsonValueKind.Object, "an object");
        var list = new List<(string, VectorNode)>();
        foreach (JsonProperty p in Element.EnumerateObject())
            list.Add((p.Name, new VectorNode(File, $"{Path}.{p.Name}", p.Value)));
        return list;
    }

    /// <summary>A string value.</summary>
    public string String()
    {
        RequireKind(JsonValueKind.String, "a string");
        return Element.GetString()!;
    }

    /// <summary>A 32-bit value written as "0x" + exactly 8 hex digits.</summary>
    public uint Hex()
    {
        string s = Element.ValueKind == JsonValueKind.String ? Element.GetString()! : "";
        if (s.Length != 10 || !s.StartsWith("0x", StringComparison.Ordinal) ||
            !uint.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value))
            throw Error(Path, $"expected \"0x\" and 8 hex digits, found {Element.GetRawText()}");
        return value;
    }

    /// <summary>A JSON integer that fits in a 32-bit int.</summary>
    public int Int()
    {
        if (Element.ValueKind != JsonValueKind.Number || !Element.TryGetInt32(out int value))
            throw Error(Path, $"expected a 32-bit integer, found {Element.GetRawText()}");
        return value;
    }

    /// <summary>A JSON integer from 0 to <see cref="int.MaxValue"/> (a count, or an allocation number where 0 means never).</summary>
    public int NonNegativeInt()
    {
        int value = Int();
        if (value < 0)
            throw Error(Path, $"expected a non-negative 32-bit integer, found {Element.GetRawText()}");
        return value;
    }

    /// <summary>A JSON boolean.</summary>
    public bool Bool()
    {
        if (Element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw Error(Path, $"expected true or false, found {Element.GetRawText()}");
        return Element.GetBoolean();
    }

    /// <summary>True for JSON null.</summary>
    public bool IsNull => Element.ValueKind == JsonValueKind.Null;

    /// <summary>An error about this element.</summary>
    public VectorFormatException Error(string problem) => Error(Path, problem);

    private VectorFormatException Error(string path, string problem) => new(File, path, problem);

    private void RequireKind(JsonValueKind kind, string what)
    {
        if (Element.ValueKind != kind)
            throw Error(Path, $"expected {what}, found {Element.ValueKind.ToString().ToLowerInvariant()}");
    }
}
