using Migration.Drivers.Omap;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Migration.Vectors.Suites;

/// <summary>
/// The memory the vector harness gives each case: a sentinel-filled physical space with the page-table
/// arena at 0x80000000-0x807fffff (vectors README, "Shims"), and an OMAP instance built on it.
/// </summary>
public static class VectorArena
{
    /// <summary>Word the harness fills memory outside the tables with.</summary>
    public const uint Sentinel = 0xa5a5a5a5;

    /// <summary>The harness's table arena base (simulated physical 0x80000000).</summary>
    public const uint ArenaBase = 0x80000000;

    /// <summary>The arena size (8 MiB).</summary>
    public const uint ArenaSize = 0x800000;

    /// <summary>A fresh physical space (unwritten words read <paramref name="background"/>) and the arena's page allocator.</summary>
    public static PhysicalPageAllocator NewArena(uint background) =>
        new(new PhysicalMemory(background), ArenaBase, ArenaSize);

    /// <summary>A Linux 3.0 OMAP ISP instance (3.0 attribute encoding) with its L1 table allocated from <paramref name="pages"/>.</summary>
    public static OmapIommuInstance NewOmapInstance(PhysicalPageAllocator pages)
    {
        var instance = new OmapIommuInstance(new OmapMmu(OmapMmuConfig.Isp, pages.Memory),
            new Omap2IommuArch(OmapAttributeEncoding.Linux30), new SlabCache("iovmm_pte", pages, IopgtableFormat.IOPTE_TABLE_SIZE),
            new KernelMemory(pages));
        instance.Iopgd = pages.AllocPages(2, zero: true);
        return instance;
    }
}
