using System.Globalization;
using System.Text;

namespace Migration.Equivalence;

/// <summary>
/// The replayable trace format: a comment header, "scenario NAME", "seed N", then one step per line as
/// "op name=value ..." (values decimal or 0x-hex, possibly negative). Reading reports the line and field at fault.
/// </summary>
public static class TraceFile
{
    /// <summary>First line written, identifying the format.</summary>
    public const string Header = "# migrate equiv trace v1";

    /// <summary>The text of <paramref name="trace"/> in this format.</summary>
    public static string Format(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var sb = new StringBuilder();
        sb.Append(Header).Append('\n');
        sb.Append("scenario ").Append(trace.Scenario).Append('\n');
        sb.Append("seed ").Append(trace.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (TraceStep step in trace.Steps)
            sb.Append(step).Append('\n');
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="trace"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, Trace trace) => File.WriteAllText(path, Format(trace));

    /// <summary>
    /// Reads the trace in <paramref name="path"/>; <paramref name="validate"/> (the scenario's vocabulary check,
    /// given the scenario name and a step) returns null or (field, message) for a step it cannot run.
    /// </summary>
    public static Trace? Read(string path, Func<string, TraceStep, (string Field, string Message)?>? validate, out TraceFileError? error)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException) // ArgumentException: an empty or malformed path
        {
            error = new TraceFileError(path, 0, "", $"cannot read the file: {e.Message}");
            return null;
        }
        // Decoded strictly: File.ReadAllText would turn a bad byte into U+FFFD inside a name and the trace would
        // fail later, far from the byte; a trace is ASCII in practice, so bad UTF-8 is an error at its line.
        ReadOnlySpan<byte> utf8 = bytes.AsSpan();
        if (utf8.StartsWith(Utf8Bom))
            utf8 = utf8[Utf8Bom.Length..];
        if (FirstInvalidUtf8(utf8) is { } bad)
        {
            error = new TraceFileError(path, utf8[..bad].Count((byte)'\n') + 1, "", $"not valid UTF-8 (byte 0x{utf8[bad]:X2})");
            return null;
        }
        return Parse(path, Encoding.UTF8.GetString(utf8), validate, out error);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

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

    /// <summary>Input text repeated in an error, cut short so a megabyte-long field does not make a megabyte-long error.</summary>
    private static string Shorten(string text) => text.Length <= MaxQuoted ? text : text[..MaxQuoted] + "...";

    private static string Quote(string value) => $"'{Shorten(value)}'";

    private const int MaxQuoted = 64;

    /// <summary>Parses trace <paramref name="text"/> (named <paramref name="path"/> in errors).</summary>
    public static Trace? Parse(string path, string text, Func<string, TraceStep, (string Field, string Message)?>? validate, out TraceFileError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? scenario = null;
        int seed = 0;
        var steps = new List<TraceStep>();
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            int lineNo = n + 1;
            string line = lines[n].Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (scenario is null)
            {
                if (fields[0] != "scenario" || fields.Length != 2)
                {
                    error = new TraceFileError(path, lineNo, "scenario", "expected 'scenario NAME' before any step");
                    return null;
                }
                scenario = fields[1];
                continue;
            }
            if (fields[0] == "seed" && steps.Count == 0)
            {
                if (fields.Length != 2 || !TryParseValue(fields[1], out long s) || s is < int.MinValue or > int.MaxValue)
                {
                    error = new TraceFileError(path, lineNo, "seed", $"{Quote(string.Join(' ', fields.Skip(1)))} is not a 32-bit integer");
                    return null;
                }
                seed = (int)s;
                continue;
            }
            var args = new TraceArg[fields.Length - 1];
            for (int f = 1; f < fields.Length; f++)
            {
                int eq = fields[f].IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    error = new TraceFileError(path, lineNo, Shorten(fields[f]), "expected name=value");
                    return null;
                }
                string name = fields[f][..eq];
                if (!TryParseValue(fields[f][(eq + 1)..], out long value))
                {
                    error = new TraceFileError(path, lineNo, Shorten(name), $"{Quote(fields[f][(eq + 1)..])} is not an integer (decimal or 0x-hex)");
                    return null;
                }
                args[f - 1] = new TraceArg(name, value);
            }
            var step = new TraceStep(fields[0], args);
            if (validate?.Invoke(scenario, step) is { } problem)
            {
                error = new TraceFileError(path, lineNo, problem.Field, problem.Message);
                return null;
            }
            steps.Add(step);
        }
        if (scenario is null)
        {
            error = new TraceFileError(path, 0, "scenario", "no 'scenario NAME' line: not a trace file");
            return null;
        }
        error = null;
        return new Trace(scenario, seed, steps);
    }

    private static bool TryParseValue(string s, out long value)
    {
        bool negative = s.StartsWith('-');
        string digits = negative ? s[1..] : s;
        bool ok = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (negative)
            value = -value;
        return ok && digits.Length > 0;
    }
}
