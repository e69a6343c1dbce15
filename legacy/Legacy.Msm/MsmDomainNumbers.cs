namespace Legacy.Msm;

/// <summary>
/// The G3 domain and partition enums of mach/iommu_domains.h (CAF msm-3.0, mid 2012; msm.md §7.2):
/// the index of a domain in the board's <c>msm_iommu_domains[]</c> and of a pool in its <c>iova_pools[]</c>.
/// </summary>
public static class MsmDomainNumbers
{
    /// <summary>VIDEO_DOMAIN: the video core (vcodec contexts).</summary>
    public const int VIDEO_DOMAIN = 0;

    /// <summary>CAMERA_DOMAIN: VPE, VFE, JPEG encoder/decoder contexts.</summary>
    public const int CAMERA_DOMAIN = 1;

    /// <summary>DISPLAY_READ_DOMAIN: MDP scan-out (attached by the MDP driver, msm.md §8).</summary>
    public const int DISPLAY_READ_DOMAIN = 2;

    /// <summary>DISPLAY_WRITE_DOMAIN: MDP write-back; also where MSM_SUBSYSTEM_ROTATOR maps (msm.md §7.6).</summary>
    public const int DISPLAY_WRITE_DOMAIN = 3;

    /// <summary>ROTATOR_SRC_DOMAIN: rotator source (on 8960 also its destination context).</summary>
    public const int ROTATOR_SRC_DOMAIN = 4;

    /// <summary>ROTATOR_DST_DOMAIN: rotator destination (8064 boards attach rot_dst here).</summary>
    public const int ROTATOR_DST_DOMAIN = 5;

    /// <summary>MAX_DOMAINS: number of G3 domains.</summary>
    public const int MAX_DOMAINS = 6;

    /// <summary>VIDEO_FIRMWARE_POOL: partition 0, low addresses for the video firmware.</summary>
    public const int VIDEO_FIRMWARE_POOL = 0;

    /// <summary>VIDEO_MAIN_POOL: partition 1, the main video pool.</summary>
    public const int VIDEO_MAIN_POOL = 1;

    /// <summary>GEN_POOL: partition 2, the general pool (the only one non-video domains populate).</summary>
    public const int GEN_POOL = 2;
}
