using Generic.Iommu;

namespace Migration.Reporting;

/// <summary>
/// Counts the page-table words each path writes for a buffer: the Era-A client maps 4K pages one by one; the 3.3
/// core splits by pgsize_bitmap (generic.md §5.1), and OMAP/MSM replicate 64K and 16M entries 16 times (omap.md
/// §8.1, msm.md §9.3).
/// </summary>
public static class PteCensus
{
    /// <summary>OMAP/MSM pgsize_bitmap: 4K | 64K | 1M | 16M.</summary>
    public const uint Bitmap = 0x01111000;

    /// <summary>Both paths for each of <paramref name="sizes"/>, the buffer at a 16M-aligned iova and pa.</summary>
    public static IReadOnlyList<PteCensusRow> Build(IEnumerable<uint> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var rows = new List<PteCensusRow>();
        foreach (uint size in sizes)
        {
            rows.Add(new PteCensusRow("Era-A 4K loop", size, new Dictionary<uint, long> { [0x1000] = size / 0x1000 }));
            rows.Add(new PteCensusRow("generic iommu_map", size, Split(0x10000000, 0x80000000, size)));
        }
        return rows;
    }

    /// <summary>Words written by one byte-sized iommu_map of [iova, iova + size) → pa, by page size.</summary>
    public static Dictionary<uint, long> Split(uint iova, uint pa, uint size)
    {
        var words = new Dictionary<uint, long>();
        while (size != 0)
        {
            uint page = PageSizeSplitter.PageSize(Bitmap, iova, pa, size);
            words[page] = words.GetValueOrDefault(page) + (page is 0x10000 or 0x1000000 ? 16 : 1);
            iova += page;
            pa += page;
            size -= page;
        }
        return words;
    }
}
