namespace Migration.Vectors;

/// <summary>A vector file that cannot be read, parsed or understood; names the file and where.</summary>
public sealed class VectorFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/> at <paramref name="location"/> (a JSON path or "line N").</summary>
    public VectorFormatException(string file, string location, string problem, Exception? inner = null)
        : base($"{file}: {location}: {problem}", inner)
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file that is wrong.</summary>
    public string File { get; }

    /// <summary>Where in it: a JSON path such as $.cases[3].ops[1].da, or "line 12, byte 4".</summary>
    public string Location { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
