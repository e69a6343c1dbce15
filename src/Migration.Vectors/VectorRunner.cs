namespace Migration.Vectors;

/// <summary>Replays vector files through the suite models.</summary>
public static class VectorRunner
{
    /// <summary>
    /// Reads and replays one file. Throws <see cref="VectorFormatException"/> for an unreadable or malformed
    /// file and for a suite without a model (pending or unknown).
    /// </summary>
    public static FileResult RunFile(string path) => Run(VectorFileReader.Read(path));

    /// <summary>Replays an already parsed file.</summary>
    public static FileResult Run(VectorFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        IVectorSuite suite = SuiteCatalog.Create(file.Suite) ?? throw new VectorFormatException(file.FileName, "$.suite",
            SuiteCatalog.Pending.TryGetValue(file.Suite, out string? issue)
                ? $"suite \"{file.Suite}\" is not implemented yet (pending: {issue})"
                : $"unknown suite \"{file.Suite}\"");
        var results = new List<CaseResult>(file.Cases.Count);
        foreach (VectorCase c in file.Cases)
            results.Add(suite.Run(c));
        return new FileResult(file, results);
    }

    /// <summary>The *.json files of a folder (sorted by name), or the file itself.</summary>
    public static IReadOnlyList<string> Expand(string fileOrFolder)
    {
        if (Directory.Exists(fileOrFolder))
            return Directory.GetFiles(fileOrFolder, "*.json").Order(StringComparer.Ordinal).ToList();
        return [fileOrFolder];
    }
}
