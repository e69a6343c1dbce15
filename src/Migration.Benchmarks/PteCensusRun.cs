using Generic.Iommu;
using Legacy.Iommu;
using Migration.Equivalence;
using Migration.Hardware.Memory;

namespace Migration.Benchmarks;

/// <summary>
/// The page-table census: maps one physically contiguous buffer per size on the MSM driver through each path, on a
/// fresh SoC, and counts the words the driver stores (<see cref="PhysicalMemory.WordsWritten"/>), then walks the table
/// for the entries it holds. Nothing is derived from sizes: what a path writes is what the counter saw.
/// </summary>
public static class PteCensusRun
{
    // 16 MiB-aligned like the buffer, so each path may use its largest pages.
    private const uint Iova = 0x10000000;
    private const int Prot = 0; // MSM cache class 0 for the 3.0 and 3.3 drivers (msm.md §3.3)
    private const int V7sProt = 0x3; // IOMMU_READ | IOMMU_WRITE: v7s refuses a prot without them (v7s.md §3.1)
    private const uint Page = 0x1000;

    /// <summary>
    /// For every path and each of <paramref name="sizes"/> (multiples of 4 KiB): the words the driver stored while
    /// mapping, and the leaf entries the walker then finds over the buffer, by page size.
    /// </summary>
    public static IReadOnlyList<(string Path, uint Size, long WordsWritten, IReadOnlyDictionary<uint, int> EntriesByPageSize)> Run(IEnumerable<uint> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var rows = new List<(string, uint, long, IReadOnlyDictionary<uint, int>)>();
        foreach (uint size in sizes)
        {
            rows.Add(EraALoop(size));
            rows.Add(GenericMap(size, GenericMsmPath.PerPage, "iommu_map (3.3)"));
            rows.Add(GenericMap(size, GenericMsmPath.V7s, "map_pages on io-pgtable-arm-v7s (6.x)"));
        }
        return rows;
    }

    // The Linux 3.0 client: order-0 iommu_map page by page.
    private static (string, uint, long, IReadOnlyDictionary<uint, int>) EraALoop(uint size)
    {
        var world = new LegacyMsmWorld(IommuCoreFlavor.Mainline30);
        uint pa = PhysicalBuffers.Contiguous(world.Soc, size);
        long before = world.Soc.Memory.WordsWritten;
        for (uint off = 0; off < size; off += Page)
        {
            int ret = world.Core.IommuMap(world.Domain, Iova + off, pa + off, 0, Prot);
            if (ret != 0)
                throw new InvalidOperationException($"census: iommu_map(order 0) at +0x{off:x} returned {ret}");
        }
        return Row("Era-A 4K loop (3.0)", size, world.Soc.Memory, before, world.PageTable.FlTable);
    }

    // One byte-sized iommu_map of the whole buffer.
    private static (string, uint, long, IReadOnlyDictionary<uint, int>) GenericMap(uint size, GenericMsmPath driver, string path)
    {
        var world = new GenericMsmWorld(driver);
        uint pa = PhysicalBuffers.Contiguous(world.Soc, size);
        long before = world.Soc.Memory.WordsWritten;
        int ret = IommuApi.Map(world.Domain, Iova, pa, size, driver == GenericMsmPath.V7s ? V7sProt : Prot);
        if (ret != 0)
            throw new InvalidOperationException($"census: iommu_map of 0x{size:x} ({path}) returned {ret}");
        return Row(path, size, world.Soc.Memory, before, world.FlTable);
    }

    private static (string, uint, long, IReadOnlyDictionary<uint, int>) Row(string path, uint size, PhysicalMemory memory, long wordsBefore, uint flTable)
    {
        long written = memory.WordsWritten - wordsBefore;
        var image = new AddressSpaceImage(new DeviceAddressSpace("census", new MsmTranslationWalker(memory), () => flTable), new PhysicalIdentity());
        image.RefreshAll();
        var entries = new HashSet<(uint Iova, uint Size)>(); // a supersection is listed in each of its 16 slots: count it once
        for (int slot = (int)(Iova >> 20); slot < (int)((Iova + (ulong)size) >> 20) + 1 && slot < AddressSpaceImage.SlotCount; slot++)
        {
            foreach (PageEntry e in image.Slot(slot))
            {
                if (e.Iova >= Iova && e.Iova < Iova + (ulong)size)
                    entries.Add((e.Iova, e.Size));
            }
        }
        return (path, size, written, entries.GroupBy(e => e.Size).ToDictionary(g => g.Key, g => g.Count()));
    }
}
