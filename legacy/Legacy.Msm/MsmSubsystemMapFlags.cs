namespace Legacy.Msm;

/// <summary>The <c>flags</c> of msm_subsystem_map_buffer (mach/msm_subsystem_map.h, msm.md §7.6).</summary>
public static class MsmSubsystemMapFlags
{
    /// <summary>MSM_SUBSYSTEM_MAP_KADDR: also create a kernel virtual mapping (ioremap).</summary>
    public const uint MSM_SUBSYSTEM_MAP_KADDR = 0x1;

    /// <summary>MSM_SUBSYSTEM_MAP_IOVA: create device (IOVA) mappings.</summary>
    public const uint MSM_SUBSYSTEM_MAP_IOVA = 0x2;

    /// <summary>MSM_SUBSYSTEM_MAP_CACHED: the kernel mapping is cached.</summary>
    public const uint MSM_SUBSYSTEM_MAP_CACHED = 0x4;

    /// <summary>MSM_SUBSYSTEM_MAP_UNCACHED: the kernel mapping is uncached (informational).</summary>
    public const uint MSM_SUBSYSTEM_MAP_UNCACHED = 0x8;

    /// <summary>MSM_SUBSYSTEM_MAP_IOMMU_2X: reserve twice the length, map the second half to the dummy page.</summary>
    public const uint MSM_SUBSYSTEM_MAP_IOMMU_2X = 0x10;

    /// <summary>MSM_SUBSYSTEM_ALIGN_IOVA_8K (SZ_8K): IOVA alignment request ORed into the flags.</summary>
    public const uint MSM_SUBSYSTEM_ALIGN_IOVA_8K = 0x2000;

    /// <summary>MSM_SUBSYSTEM_ALIGN_IOVA_1M (SZ_1M): IOVA alignment request ORed into the flags.</summary>
    public const uint MSM_SUBSYSTEM_ALIGN_IOVA_1M = 0x100000;
}
