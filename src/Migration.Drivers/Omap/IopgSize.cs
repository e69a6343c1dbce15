using Migration.Hardware.Omap;

namespace Migration.Drivers.Omap;

/// <summary>Page-size helpers of plat/iommu.h and iovmm.c (omap.md §4.2, §5.3).</summary>
public static class IopgSize
{
    /// <summary>SZ_4K.</summary>
    public const uint SZ_4K = 0x1000;
    /// <summary>SZ_64K.</summary>
    public const uint SZ_64K = 0x10000;
    /// <summary>SZ_1M.</summary>
    public const uint SZ_1M = 0x100000;
    /// <summary>SZ_16M.</summary>
    public const uint SZ_16M = 0x1000000;

    /// <summary>iopgsz_max(bytes): the largest of 16M, 1M, 64K, 4K that is ≤ bytes; 0 below 4K.</summary>
    public static uint IopgszMax(uint bytes) => bytes switch
    {
        >= SZ_16M => SZ_16M,
        >= SZ_1M => SZ_1M,
        >= SZ_64K => SZ_64K,
        >= SZ_4K => SZ_4K,
        _ => 0,
    };

    /// <summary>bytes_to_iopgsz(bytes): CAM page-size code 3/0/1/2 for exactly 16M/1M/64K/4K, else -1.</summary>
    public static int BytesToIopgsz(uint bytes) => bytes switch
    {
        SZ_16M => (int)OmapMmuRegisters.MMU_CAM_PGSZ_16M,
        SZ_1M => (int)OmapMmuRegisters.MMU_CAM_PGSZ_1M,
        SZ_64K => (int)OmapMmuRegisters.MMU_CAM_PGSZ_64K,
        SZ_4K => (int)OmapMmuRegisters.MMU_CAM_PGSZ_4K,
        _ => -1,
    };

    /// <summary>iopgsz_to_bytes(code): 16M/1M/64K/4K for codes 3/0/1/2 (total on two-bit codes).</summary>
    public static uint IopgszToBytes(uint code) => (code & 3) switch
    {
        OmapMmuRegisters.MMU_CAM_PGSZ_16M => SZ_16M,
        OmapMmuRegisters.MMU_CAM_PGSZ_1M => SZ_1M,
        OmapMmuRegisters.MMU_CAM_PGSZ_64K => SZ_64K,
        _ => SZ_4K,
    };

    /// <summary>iopgsz_ok(bytes): exactly one of the four page sizes.</summary>
    public static bool IopgszOk(uint bytes) => BytesToIopgsz(bytes) >= 0;

    /// <summary>max_alignment(addr) (iovmm.c): largest of 16M/1M/64K/4K dividing addr; 0 if not 4K aligned; 16M for 0.</summary>
    public static uint MaxAlignment(uint addr)
    {
        foreach (uint size in (ReadOnlySpan<uint>)[SZ_16M, SZ_1M, SZ_64K, SZ_4K])
        {
            if ((addr & (size - 1)) == 0)
                return size;
        }
        return 0;
    }
}
