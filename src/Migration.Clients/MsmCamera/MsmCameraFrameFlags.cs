namespace Migration.Clients.MsmCamera;

/// <summary>
/// The <c>flags</c> of <see cref="MsmCameraClient.RegisterFrame"/>: the msm_subsystem_map_buffer flag bits a frame
/// registration may ask for, with the values of the CAF headers (msm.md §7.6), kept by the port so that callers
/// do not change. Any bit at or above 0x1000 is an IOVA alignment request (§9.14).
/// </summary>
public static class MsmCameraFrameFlags
{
    /// <summary>MSM_SUBSYSTEM_MAP_IOMMU_2X (0x10): reserve twice the length, the second half aliasing the dummy page (§9.16).</summary>
    public const uint IOMMU_2X = 0x10;

    /// <summary>MSM_SUBSYSTEM_ALIGN_IOVA_8K (SZ_8K): 8 KiB IOVA alignment.</summary>
    public const uint ALIGN_IOVA_8K = 0x2000;

    /// <summary>MSM_SUBSYSTEM_ALIGN_IOVA_1M (SZ_1M): 1 MiB IOVA alignment.</summary>
    public const uint ALIGN_IOVA_1M = 0x100000;

    /// <summary>The alignment bits: flags &amp; ~(SZ_4K − 1) is the requested alignment (msm.md §7.6 step 4c).</summary>
    public const uint AlignmentMask = 0xFFFFF000;

    /// <summary>Every bit a frame registration accepts; the others (KADDR, IOVA, CACHED, UNCACHED, 0x20–0x800) are -EINVAL.</summary>
    public const uint Allowed = IOMMU_2X | AlignmentMask;
}
