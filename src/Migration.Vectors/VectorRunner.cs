namespace Migration.Vectors;

/// <summary>Replays vector files through the suite models of a <see cref="SuiteCatalog"/>.</summary>
public sealed class VectorRunner
{
    /// <summary>A runner over the suites of <paramref name="catalog"/>.</summary>
    public VectorRunner(SuiteCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
    }

    /// <summary>The suites this runner replays and the pending ones.</summary>
    public SuiteCatalog Catalog { get; }

    /// <summary>
    /// Reads and replays one file. Throws <see cref="VectorFormatException"/> for an unreadable or malformed
    /// file and for a suite without a model (pending or unknown).
    /// </summary>
    public FileResult RunFile(string path) => Run(VectorFileReader.Read(path));

    /// <summary>Replays an already parsed file.</summary>
    public FileResult Run(VectorFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        IVectorSuite suite = Catalog.Create(file.Suite) ?? throw new VectorFormatException(file.FileName, "$.suite",
            Catalog.Pending.TryGetValue(file.Suite, out string? issue)
                ? $"suite \"{file.Suite}\" is not implemented yet (pending: {issue})"
                : $"unknown suite \"{file.Suite}\"");
        var results = new List<CaseResult>(file.Cases.Count);
        foreach (VectorCase c in file.Cases)
            results.Add(RunCase(suite, c));
        return new FileResult(file, results);
    }

    /// <summary>
    /// One case through the suite's model. A case the model cannot run at all (fuzzing found configs that make it
    /// hit a modelled kernel BUG, such as an empty pgsize_bitmap) is bad input: the error names the case's JSON path,
    /// so the verb reports it like any other format error instead of dying on the exception.
    /// </summary>
    private static CaseResult RunCase(IVectorSuite suite, VectorCase c)
    {
        try
        {
            return suite.Run(c);
        }
        catch (Exception ex) when (ex is not (VectorFormatException or OutOfMemoryException))
        {
            throw new VectorFormatException(c.Node.File, c.Node.Path, $"case \"{c.Name}\" cannot be replayed: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    /// <summary>The *.json files of a folder (sorted by name), or the file itself.</summary>
    public static IReadOnlyList<string> Expand(string fileOrFolder)
    {
        if (Directory.Exists(fileOrFolder))
            return Directory.GetFiles(fileOrFolder, "*.json").Order(StringComparer.Ordinal).ToList();
        return [fileOrFolder];
    }
}
