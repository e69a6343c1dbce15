namespace Migration.Reporting;

/// <summary>How many page-table words one path writes to map one buffer, by page size.</summary>
/// <param name="Path">"Era-A 4K loop" or "generic iommu_map".</param>
/// <param name="BufferSize">Bytes mapped.</param>
/// <param name="WordsByPageSize">Descriptor words written, keyed by page size (a 64K or 16M page writes 16 replicas).</param>
public sealed record PteCensusRow(string Path, uint BufferSize, IReadOnlyDictionary<uint, long> WordsByPageSize)
{
    /// <summary>All words written.</summary>
    public long TotalWords => WordsByPageSize.Values.Sum();
}
