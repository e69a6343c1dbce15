using System.Text.Json;

namespace Migration.Analysis.C.Tests;

/// <summary>The C test corpus (corpus/, copied next to the tests) and its expected findings (corpus/expected.json).</summary>
internal static class Corpus
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "corpus");

    public static IReadOnlyList<ExpectedCall> Expected { get; } = Load();

    public static ExpectedCall Of(Finding f) =>
        new(f.File, f.Line, f.Column, f.KernelSymbol ?? "", f.RuleId, f.EnclosingMember, f.Origin ?? "");

    private static List<ExpectedCall> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "expected.json")));
        return doc.RootElement.EnumerateArray().Select(e => new ExpectedCall(
            e.GetProperty("file").GetString()!, e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32(),
            e.GetProperty("symbol").GetString()!, e.GetProperty("rule").GetString()!,
            e.GetProperty("function").ValueKind == JsonValueKind.Null ? null : e.GetProperty("function").GetString(),
            e.GetProperty("origin").GetString()!)).ToList();
    }
}

/// <summary>One expected call site: file, position, kernel symbol, rule, enclosing function, origin.</summary>
internal sealed record ExpectedCall(string File, int Line, int Column, string Symbol, string Rule, string? Function, string Origin);
