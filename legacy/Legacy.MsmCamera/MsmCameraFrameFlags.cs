using Legacy.Msm;

namespace Legacy.MsmCamera;

/// <summary>
/// The <c>flags</c> of <see cref="MsmCamera.RegisterFrame"/>: the msm_subsystem_map_buffer flag bits a frame
/// registration may ask for (msm.md §7.6). Any bit at or above 0x1000 is an IOVA alignment request (§9.14).
/// </summary>
public static class MsmCameraFrameFlags
{
    /// <summary>MSM_SUBSYSTEM_MAP_IOMMU_2X: reserve twice the length, the second half aliasing the dummy page (§9.16).</summary>
    public const uint IOMMU_2X = MsmSubsystemMapFlags.MSM_SUBSYSTEM_MAP_IOMMU_2X;

    /// <summary>MSM_SUBSYSTEM_ALIGN_IOVA_8K: 8 KiB IOVA alignment.</summary>
    public const uint ALIGN_IOVA_8K = MsmSubsystemMapFlags.MSM_SUBSYSTEM_ALIGN_IOVA_8K;

    /// <summary>MSM_SUBSYSTEM_ALIGN_IOVA_1M: 1 MiB IOVA alignment.</summary>
    public const uint ALIGN_IOVA_1M = MsmSubsystemMapFlags.MSM_SUBSYSTEM_ALIGN_IOVA_1M;

    /// <summary>The alignment bits: flags &amp; ~(SZ_4K − 1) is the requested alignment (msm.md §7.6 step 4c).</summary>
    public const uint AlignmentMask = 0xFFFFF000;

    /// <summary>Every bit a frame registration accepts; the others (KADDR, IOVA, CACHED, UNCACHED, 0x20–0x800) are -EINVAL.</summary>
    public const uint Allowed = IOMMU_2X | AlignmentMask;
}
