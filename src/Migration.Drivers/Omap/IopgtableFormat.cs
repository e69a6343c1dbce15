namespace Migration.Drivers.Omap;

/// <summary>
/// The OMAP two-level page-table format as the driver writes it (arch/arm/plat-omap/iopgtable.h;
/// omap.md §3): geometry, descriptor bits, index helpers and the 3.2+ type tests.
/// </summary>
public static class IopgtableFormat
{
    /// <summary>IOPGD_SHIFT: 1 MiB per L1 entry.</summary>
    public const int IOPGD_SHIFT = 20;
    /// <summary>IOPGD_SIZE.</summary>
    public const uint IOPGD_SIZE = 1u << IOPGD_SHIFT;
    /// <summary>IOPGD_MASK.</summary>
    public const uint IOPGD_MASK = ~(IOPGD_SIZE - 1);
    /// <summary>IOSECTION_SHIFT.</summary>
    public const int IOSECTION_SHIFT = 20;
    /// <summary>IOSECTION_SIZE: 1 MiB.</summary>
    public const uint IOSECTION_SIZE = 1u << IOSECTION_SHIFT;
    /// <summary>IOSECTION_MASK: 0xFFF00000.</summary>
    public const uint IOSECTION_MASK = ~(IOSECTION_SIZE - 1);
    /// <summary>IOSUPER_SHIFT.</summary>
    public const int IOSUPER_SHIFT = 24;
    /// <summary>IOSUPER_SIZE: 16 MiB.</summary>
    public const uint IOSUPER_SIZE = 1u << IOSUPER_SHIFT;
    /// <summary>IOSUPER_MASK: 0xFF000000.</summary>
    public const uint IOSUPER_MASK = ~(IOSUPER_SIZE - 1);
    /// <summary>PTRS_PER_IOPGD: 4096 L1 entries.</summary>
    public const int PTRS_PER_IOPGD = 1 << (32 - IOPGD_SHIFT);
    /// <summary>IOPGD_TABLE_SIZE: 16 KiB.</summary>
    public const uint IOPGD_TABLE_SIZE = PTRS_PER_IOPGD * 4;

    /// <summary>IOPTE_SHIFT.</summary>
    public const int IOPTE_SHIFT = 12;
    /// <summary>IOPTE_SIZE: 4 KiB.</summary>
    public const uint IOPTE_SIZE = 1u << IOPTE_SHIFT;
    /// <summary>IOPTE_MASK / IOPAGE_MASK: 0xFFFFF000.</summary>
    public const uint IOPTE_MASK = ~(IOPTE_SIZE - 1);
    /// <summary>IOLARGE_SHIFT.</summary>
    public const int IOLARGE_SHIFT = 16;
    /// <summary>IOLARGE_SIZE: 64 KiB.</summary>
    public const uint IOLARGE_SIZE = 1u << IOLARGE_SHIFT;
    /// <summary>IOLARGE_MASK: 0xFFFF0000.</summary>
    public const uint IOLARGE_MASK = ~(IOLARGE_SIZE - 1);
    /// <summary>PTRS_PER_IOPTE: 256 L2 entries.</summary>
    public const int PTRS_PER_IOPTE = 1 << (IOPGD_SHIFT - IOPTE_SHIFT);
    /// <summary>IOPTE_TABLE_SIZE: 1 KiB.</summary>
    public const uint IOPTE_TABLE_SIZE = PTRS_PER_IOPTE * 4;

    /// <summary>IOPGD_TABLE: L1 descriptor type "pointer to an L2 table".</summary>
    public const uint IOPGD_TABLE = 1u << 0;
    /// <summary>IOPGD_SECTION: L1 descriptor type "1 MiB section".</summary>
    public const uint IOPGD_SECTION = 2u << 0;
    /// <summary>IOPGD_SUPER: L1 descriptor "16 MiB supersection" (bit 18 plus the section type).</summary>
    public const uint IOPGD_SUPER = (1u << 18) | (2u << 0);
    /// <summary>IOPTE_SMALL: L2 descriptor type "4 KiB small page".</summary>
    public const uint IOPTE_SMALL = 2u << 0;
    /// <summary>IOPTE_LARGE: L2 descriptor type "64 KiB large page".</summary>
    public const uint IOPTE_LARGE = 1u << 0;

    /// <summary>Replicas of a 64 KiB large page in the L2 table and of a 16 MiB supersection in the L1 table.</summary>
    public const int Replicas = 16;

    /// <summary>iopgd_index(da): (da &gt;&gt; 20) &amp; 0xFFF.</summary>
    public static uint IopgdIndex(uint da) => (da >> IOPGD_SHIFT) & (PTRS_PER_IOPGD - 1);

    /// <summary>iopte_index(da): (da &gt;&gt; 12) &amp; 0xFF.</summary>
    public static uint IopteIndex(uint da) => (da >> IOPTE_SHIFT) & (PTRS_PER_IOPTE - 1);

    /// <summary>iopgd_page_paddr: the L2 table base an L1 entry points to (bits 31:10).</summary>
    public static uint IopgdPagePaddr(uint iopgd) => iopgd & ~(IOPTE_TABLE_SIZE - 1);

    /// <summary>iopgd_is_table(x): ((x) &amp; 3) == IOPGD_TABLE.</summary>
    public static bool IopgdIsTable(uint x) => (x & 3) == IOPGD_TABLE;

    /// <summary>iopgd_is_section(x) (3.2+): ((x) &amp; (1 &lt;&lt; 18 | 3)) == IOPGD_SECTION.</summary>
    public static bool IopgdIsSection(uint x) => (x & ((1u << 18) | 3)) == IOPGD_SECTION;

    /// <summary>iopgd_is_super(x) (3.2+): ((x) &amp; (1 &lt;&lt; 18 | 3)) == IOPGD_SUPER.</summary>
    public static bool IopgdIsSuper(uint x) => (x & ((1u << 18) | 3)) == IOPGD_SUPER;

    /// <summary>iopte_is_small(x) (3.2+): bit 1 set.</summary>
    public static bool IopteIsSmall(uint x) => (x & IOPTE_SMALL) == IOPTE_SMALL;

    /// <summary>iopte_is_large(x) (3.2+): ((x) &amp; 3) == IOPTE_LARGE.</summary>
    public static bool IopteIsLarge(uint x) => (x & 3) == IOPTE_LARGE;

    /// <summary>omap_iommu_translate(d, va, mask): (d &amp; mask) | (va &amp; ~mask).</summary>
    public static uint Translate(uint descriptor, uint va, uint mask) => (descriptor & mask) | (va & ~mask);
}
