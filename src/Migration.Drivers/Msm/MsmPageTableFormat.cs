namespace Migration.Drivers.Msm;

/// <summary>
/// The MSM (ARMv7 short-descriptor) page-table format as the driver writes it
/// (arch/arm/mach-msm/include/mach/iommu_hw-8xxx.h; msm.md §3.1, §3.2).
/// </summary>
public static class MsmPageTableFormat
{
    /// <summary>NUM_FL_PTE: first-level entries (16 KiB table).</summary>
    public const int NUM_FL_PTE = 4096;
    /// <summary>NUM_SL_PTE: second-level entries used per table (the table owns a whole 4 KiB page).</summary>
    public const int NUM_SL_PTE = 256;
    /// <summary>Bytes of one first-level table.</summary>
    public const uint FlTableSize = NUM_FL_PTE * 4;
    /// <summary>Bytes allocated per second-level table (a whole page).</summary>
    public const uint SlPageSize = 4096;

    /// <summary>FL_BASE_MASK: second-level table address bits of a table entry.</summary>
    public const uint FL_BASE_MASK = 0xFFFFFC00;
    /// <summary>FL_TYPE_TABLE.</summary>
    public const uint FL_TYPE_TABLE = 1u << 0;
    /// <summary>FL_TYPE_SECT.</summary>
    public const uint FL_TYPE_SECT = 2u << 0;
    /// <summary>FL_SUPERSECTION.</summary>
    public const uint FL_SUPERSECTION = 1u << 18;
    /// <summary>FL_AP_WRITE (CAF FL_AP0).</summary>
    public const uint FL_AP_WRITE = 1u << 10;
    /// <summary>FL_AP_READ (CAF FL_AP1).</summary>
    public const uint FL_AP_READ = 1u << 11;
    /// <summary>FL_AP2 (CAF only): read-only.</summary>
    public const uint FL_AP2 = 1u << 15;
    /// <summary>FL_SHARED.</summary>
    public const uint FL_SHARED = 1u << 16;
    /// <summary>FL_BUFFERABLE (B).</summary>
    public const uint FL_BUFFERABLE = 1u << 2;
    /// <summary>FL_CACHEABLE (C).</summary>
    public const uint FL_CACHEABLE = 1u << 3;
    /// <summary>FL_TEX0.</summary>
    public const uint FL_TEX0 = 1u << 12;
    /// <summary>FL_NG: not global (tagged with the ASID).</summary>
    public const uint FL_NG = 1u << 17;

    /// <summary>SL_BASE_MASK_LARGE.</summary>
    public const uint SL_BASE_MASK_LARGE = 0xFFFF0000;
    /// <summary>SL_BASE_MASK_SMALL.</summary>
    public const uint SL_BASE_MASK_SMALL = 0xFFFFF000;
    /// <summary>SL_TYPE_LARGE.</summary>
    public const uint SL_TYPE_LARGE = 1u << 0;
    /// <summary>SL_TYPE_SMALL.</summary>
    public const uint SL_TYPE_SMALL = 2u << 0;
    /// <summary>SL_AP0.</summary>
    public const uint SL_AP0 = 1u << 4;
    /// <summary>SL_AP1.</summary>
    public const uint SL_AP1 = 2u << 4;
    /// <summary>SL_AP2 (CAF only): read-only.</summary>
    public const uint SL_AP2 = 1u << 9;
    /// <summary>SL_SHARED.</summary>
    public const uint SL_SHARED = 1u << 10;
    /// <summary>SL_BUFFERABLE (B).</summary>
    public const uint SL_BUFFERABLE = 1u << 2;
    /// <summary>SL_CACHEABLE (C).</summary>
    public const uint SL_CACHEABLE = 1u << 3;
    /// <summary>SL_TEX0: bit 6 (the driver puts it there for 64K pages too, msm.md §3.3 note).</summary>
    public const uint SL_TEX0 = 1u << 6;
    /// <summary>SL_NG.</summary>
    public const uint SL_NG = 1u << 11;

    /// <summary>SZ_4K.</summary>
    public const uint SZ_4K = 0x1000;
    /// <summary>SZ_64K.</summary>
    public const uint SZ_64K = 0x10000;
    /// <summary>SZ_1M.</summary>
    public const uint SZ_1M = 0x100000;
    /// <summary>SZ_16M.</summary>
    public const uint SZ_16M = 0x1000000;

    /// <summary>MSM_IOMMU_PGSIZES (3.3+ pgsize_bitmap): SZ_4K | SZ_64K | SZ_1M | SZ_16M.</summary>
    public const uint MSM_IOMMU_PGSIZES = SZ_4K | SZ_64K | SZ_1M | SZ_16M;

    /// <summary>Replicas of a 16M supersection (FL) and of a 64K large page (SL).</summary>
    public const int Replicas = 16;

    /// <summary>FL_OFFSET(va): va &gt;&gt; 20.</summary>
    public static uint FlOffset(uint va) => va >> 20;

    /// <summary>SL_OFFSET(va): (va &gt;&gt; 12) &amp; 0xFF.</summary>
    public static uint SlOffset(uint va) => (va >> 12) & 0xFF;

    /// <summary>True for one of the four lengths the driver accepts.</summary>
    public static bool IsPageSize(uint len) => len is SZ_4K or SZ_64K or SZ_1M or SZ_16M;
}
