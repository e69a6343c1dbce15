namespace Migration.Reporting;

/// <summary>What one path wrote to map one buffer: the page-table words the physical-memory write counter saw, and the entries the table then holds.</summary>
/// <param name="Path">The map path ("Era-A 4K loop (3.0)", "iommu_map (3.3)", ...).</param>
/// <param name="BufferSize">Bytes mapped.</param>
/// <param name="WordsWritten">Every word the driver stored while mapping (leaf descriptors, their 16 replicas for 64K/16M, first-level table pointers), counted by <c>PhysicalMemory.WordsWritten</c>.</param>
/// <param name="EntriesByPageSize">The leaf entries the hardware walker then finds over the buffer, by page size.</param>
public sealed record PteCensusRow(string Path, uint BufferSize, long WordsWritten, IReadOnlyDictionary<uint, int> EntriesByPageSize);
