namespace Migration.Vectors;

/// <summary>One golden-vector file (format iommu-vectors/1): its suite and cases.</summary>
/// <param name="Path">Where it was read from.</param>
/// <param name="Suite">The suite it names (= the model that replays it).</param>
/// <param name="Source">The kernel repository, commit and files the vectors came from.</param>
/// <param name="Cases">The cases, each starting from a fresh state.</param>
public sealed record VectorFile(string Path, string Suite, string Source, IReadOnlyList<VectorCase> Cases)
{
    /// <summary>The file name without directories (as printed per file).</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}

/// <summary>One case: a config, ops with their recorded results, and the recorded final state.</summary>
/// <param name="Name">Unique name within the file.</param>
/// <param name="Node">The case object (for suite-specific fields and error paths).</param>
/// <param name="Config">The suite-specific config.</param>
/// <param name="Ops">The operations in order.</param>
/// <param name="Results">One recorded result per op.</param>
/// <param name="Final">The recorded final state.</param>
/// <param name="Tags">Informational tags (random, wild-write, div0, ...).</param>
public sealed record VectorCase(string Name, VectorNode Node, VectorNode Config, IReadOnlyList<VectorNode> Ops,
    IReadOnlyList<VectorNode> Results, VectorNode Final, IReadOnlyList<string> Tags)
{
    /// <summary>True when the case carries <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);
}
