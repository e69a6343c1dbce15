namespace Migration.Reporting;

/// <summary>
/// Names benchmark cases: a class, a method ("*" for every method of the class) and the parameter values the cases
/// must have (others are free), as BenchmarkDotNet prints them ("Size" → "1048576", "Layout" → "Scattered4K").
/// </summary>
/// <param name="Class">Benchmark class name ("ScatterListMapBenchmarks").</param>
/// <param name="Method">Benchmark method name, or "*" for all of the class's methods.</param>
/// <param name="Parameters">Required parameter values by name.</param>
public sealed record BenchmarkSelector(string Class, string Method, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>A selector of <paramref name="method"/> of <paramref name="cls"/> with the given "Name=Value" parameters.</summary>
    public static BenchmarkSelector Of(string cls, string method, params string[] parameters) =>
        new(cls, method, parameters.Select(p => p.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal));

    /// <summary>True when the case <paramref name="cls"/>.<paramref name="method"/> with <paramref name="parameters"/> is one of these.</summary>
    public bool Matches(string cls, string method, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return cls == Class && (Method == "*" || method == Method)
            && Parameters.All(p => parameters.TryGetValue(p.Key, out string? v) && v == p.Value);
    }

    /// <summary>True when <paramref name="row"/> is one of these cases.</summary>
    public bool Matches(BenchmarkRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Matches(row.Class, row.Method, row.Parameters);
    }

    /// <summary>"Class.Method(Name=Value, ...)".</summary>
    public override string ToString() =>
        $"{Class}.{Method}" + (Parameters.Count == 0 ? "" : $"({string.Join(", ", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})");
}
