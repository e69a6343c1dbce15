using Migration.Hardware.Msm;

namespace Migration.Drivers.Msm;

/// <summary>
/// The MSM (ARMv7 short-descriptor) page-table format as the driver writes it
/// (arch/arm/mach-msm/include/mach/iommu_hw-8xxx.h; msm.md §3.1, §3.2). The bit values are the hardware's
/// (<see cref="MsmDescriptor"/>); the names are the driver's.
/// </summary>
public static class MsmPageTableFormat
{
    /// <summary>NUM_FL_PTE: first-level entries (16 KiB table).</summary>
    public const int NUM_FL_PTE = MsmDescriptor.NumFlPte;
    /// <summary>NUM_SL_PTE: second-level entries used per table (the table owns a whole 4 KiB page).</summary>
    public const int NUM_SL_PTE = MsmDescriptor.NumSlPte;
    /// <summary>Bytes of one first-level table.</summary>
    public const uint FlTableSize = NUM_FL_PTE * 4;
    /// <summary>Bytes allocated per second-level table (a whole page).</summary>
    public const uint SlPageSize = 4096;

    /// <summary>FL_BASE_MASK: second-level table address bits of a table entry.</summary>
    public const uint FL_BASE_MASK = MsmDescriptor.FL_BASE_MASK;
    /// <summary>FL_TYPE_TABLE.</summary>
    public const uint FL_TYPE_TABLE = MsmDescriptor.FL_TYPE_TABLE;
    /// <summary>FL_TYPE_SECT.</summary>
    public const uint FL_TYPE_SECT = MsmDescriptor.FL_TYPE_SECT;
    /// <summary>FL_SUPERSECTION.</summary>
    public const uint FL_SUPERSECTION = MsmDescriptor.FL_SUPERSECTION;
    /// <summary>FL_AP_WRITE (CAF FL_AP0).</summary>
    public const uint FL_AP_WRITE = MsmDescriptor.FL_AP0;
    /// <summary>FL_AP_READ (CAF FL_AP1).</summary>
    public const uint FL_AP_READ = MsmDescriptor.FL_AP1;
    /// <summary>FL_AP2 (CAF only): read-only.</summary>
    public const uint FL_AP2 = MsmDescriptor.FL_AP2;
    /// <summary>FL_SHARED.</summary>
    public const uint FL_SHARED = MsmDescriptor.FL_SHARED;
    /// <summary>FL_BUFFERABLE (B).</summary>
    public const uint FL_BUFFERABLE = MsmDescriptor.FL_BUFFERABLE;
    /// <summary>FL_CACHEABLE (C).</summary>
    public const uint FL_CACHEABLE = MsmDescriptor.FL_CACHEABLE;
    /// <summary>FL_TEX0.</summary>
    public const uint FL_TEX0 = MsmDescriptor.FL_TEX0;
    /// <summary>FL_NG: not global (tagged with the ASID).</summary>
    public const uint FL_NG = MsmDescriptor.FL_NG;

    /// <summary>SL_BASE_MASK_LARGE.</summary>
    public const uint SL_BASE_MASK_LARGE = MsmDescriptor.SL_BASE_MASK_LARGE;
    /// <summary>SL_BASE_MASK_SMALL.</summary>
    public const uint SL_BASE_MASK_SMALL = MsmDescriptor.SL_BASE_MASK_SMALL;
    /// <summary>SL_TYPE_LARGE.</summary>
    public const uint SL_TYPE_LARGE = MsmDescriptor.SL_TYPE_LARGE;
    /// <summary>SL_TYPE_SMALL.</summary>
    public const uint SL_TYPE_SMALL = MsmDescriptor.SL_TYPE_SMALL;
    /// <summary>SL_AP0.</summary>
    public const uint SL_AP0 = MsmDescriptor.SL_AP0;
    /// <summary>SL_AP1.</summary>
    public const uint SL_AP1 = MsmDescriptor.SL_AP1;
    /// <summary>SL_AP2 (CAF only): read-only.</summary>
    public const uint SL_AP2 = MsmDescriptor.SL_AP2;
    /// <summary>SL_SHARED.</summary>
    public const uint SL_SHARED = MsmDescriptor.SL_SHARED;
    /// <summary>SL_BUFFERABLE (B).</summary>
    public const uint SL_BUFFERABLE = MsmDescriptor.SL_BUFFERABLE;
    /// <summary>SL_CACHEABLE (C).</summary>
    public const uint SL_CACHEABLE = MsmDescriptor.SL_CACHEABLE;
    /// <summary>SL_TEX0: bit 6 (the driver puts it there for 64K pages too, msm.md §3.3 note).</summary>
    public const uint SL_TEX0 = MsmDescriptor.SL_TEX0;
    /// <summary>SL_NG.</summary>
    public const uint SL_NG = MsmDescriptor.SL_NG;

    /// <summary>SZ_4K.</summary>
    public const uint SZ_4K = MsmDescriptor.SmallPageSize;
    /// <summary>SZ_64K.</summary>
    public const uint SZ_64K = MsmDescriptor.LargePageSize;
    /// <summary>SZ_1M.</summary>
    public const uint SZ_1M = MsmDescriptor.SectionSize;
    /// <summary>SZ_16M.</summary>
    public const uint SZ_16M = MsmDescriptor.SupersectionSize;

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
