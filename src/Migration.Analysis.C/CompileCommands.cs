using System.Text.Json;

namespace Migration.Analysis.C;

/// <summary>
/// A compile_commands.json (what the kernel's scripts/clang-tools/gen_compile_commands.py writes: an array of
/// <c>{"directory", "file", "command" or "arguments"}</c>) read into the parse flags of each source file, keyed by the
/// file's absolute path ("file" resolved against "directory").
/// </summary>
public sealed class CompileCommands
{
    private readonly Dictionary<string, IReadOnlyList<string>> _flags;

    private CompileCommands(string path, Dictionary<string, IReadOnlyList<string>> flags)
    {
        Path = path;
        _flags = flags;
    }

    /// <summary>The compile_commands.json read (absolute).</summary>
    public string Path { get; }

    /// <summary>How many source files have an entry.</summary>
    public int Count => _flags.Count;

    /// <summary>The parse flags of <paramref name="fullPath"/> (<see cref="CompileCommandFlags"/>), or null when the file has no entry.</summary>
    public IReadOnlyList<string>? FlagsFor(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        return _flags.TryGetValue(System.IO.Path.GetFullPath(fullPath), out IReadOnlyList<string>? flags) ? flags : null;
    }

    /// <summary>Reads <paramref name="path"/>; any problem is a <see cref="CompileCommandsException"/> naming the file and the JSON path or line.</summary>
    public static CompileCommands Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = path;
        byte[] bytes;
        try
        {
            full = System.IO.Path.GetFullPath(path);
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CompileCommandsException(full, $"cannot be read: {e.Message}", e);
        }
        return Parse(full, bytes);
    }

    /// <summary>Reads the JSON <paramref name="bytes"/> of the file <paramref name="path"/> (named in errors; relative "directory"s resolve against its folder).</summary>
    public static CompileCommands Parse(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(bytes);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            // JsonException counts from 0; editors count lines and columns from 1.
            string where = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "$";
            throw new CompileCommandsException(path, where, "not valid JSON: " + FirstSentence(e.Message), e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw new CompileCommandsException(path, "$", $"expected an array of compile commands, found {Kind(doc.RootElement)}");
            string folder = System.IO.Path.GetDirectoryName(path) ?? "/";
            var flags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            int index = 0;
            foreach (JsonElement entry in doc.RootElement.EnumerateArray())
            {
                var (file, entryFlags) = ReadEntry(path, $"$[{index}]", entry, folder);
                // The last entry of a file wins, as in clang's own compilation database.
                flags[file] = entryFlags;
                index++;
            }
            return new CompileCommands(path, flags);
        }
    }

    private static (string File, IReadOnlyList<string> Flags) ReadEntry(string path, string at, JsonElement entry, string folder)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            throw new CompileCommandsException(path, at, $"expected an object with \"directory\", \"file\" and \"command\" or \"arguments\", found {Kind(entry)}");
        string directory = ToAbsolute(path, at + ".directory", RequiredString(path, at, entry, "directory"), folder);
        string file = ToAbsolute(path, at + ".file", RequiredString(path, at, entry, "file"), directory);
        IReadOnlyList<string> arguments;
        if (entry.TryGetProperty("arguments", out JsonElement args))
        {
            if (args.ValueKind != JsonValueKind.Array)
                throw new CompileCommandsException(path, at + ".arguments", $"expected an array of strings, found {Kind(args)}");
            var list = new List<string>();
            int i = 0;
            foreach (JsonElement arg in args.EnumerateArray())
            {
                if (arg.ValueKind != JsonValueKind.String)
                    throw new CompileCommandsException(path, $"{at}.arguments[{i}]", $"expected a string, found {Kind(arg)}");
                list.Add(arg.GetString()!);
                i++;
            }
            arguments = list;
        }
        else if (entry.TryGetProperty("command", out JsonElement command))
        {
            if (command.ValueKind != JsonValueKind.String)
                throw new CompileCommandsException(path, at + ".command", $"expected a string, found {Kind(command)}");
            arguments = CommandLineWords.Split(command.GetString()!, out string? error)
                ?? throw new CompileCommandsException(path, at + ".command", error!);
        }
        else
        {
            throw new CompileCommandsException(path, at, "has neither \"command\" nor \"arguments\"");
        }
        try
        {
            return (file, CompileCommandFlags.Select(arguments, directory));
        }
        catch (ArgumentException e)
        {
            // A path argument with a NUL in it, say: the entry's, not the run's, problem, but still a bad file.
            throw new CompileCommandsException(path, at, $"an argument is not a path: {e.Message}", e);
        }
    }

    private static string RequiredString(string path, string at, JsonElement entry, string name)
    {
        if (!entry.TryGetProperty(name, out JsonElement value))
            throw new CompileCommandsException(path, at, $"has no \"{name}\"");
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
            throw new CompileCommandsException(path, $"{at}.{name}", $"expected a non-empty string, found {Kind(value)}");
        return text;
    }

    private static string ToAbsolute(string path, string at, string value, string baseDirectory)
    {
        try
        {
            return System.IO.Path.GetFullPath(value, baseDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CompileCommandsException(path, at, $"not a path: {e.Message}", e);
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() is { Length: 0 } ? "an empty string" : "a string",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
