namespace Legacy.Msm;

/// <summary>
/// The public subsystem ids of mach/msm_subsystem_map.h (G2+, msm.md §7.6): which client a
/// msm_subsystem_map_buffer IOVA belongs to; each selects a domain and a partition.
/// </summary>
public static class MsmSubsystemIds
{
    /// <summary>INVALID_SUBSYS_ID.</summary>
    public const int INVALID_SUBSYS_ID = -1;

    /// <summary>MSM_SUBSYSTEM_VIDEO: VIDEO_DOMAIN, VIDEO_MAIN_POOL.</summary>
    public const int MSM_SUBSYSTEM_VIDEO = 0;

    /// <summary>MSM_SUBSYSTEM_VIDEO_FWARE: VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL.</summary>
    public const int MSM_SUBSYSTEM_VIDEO_FWARE = 1;

    /// <summary>MSM_SUBSYSTEM_CAMERA: CAMERA_DOMAIN, GEN_POOL.</summary>
    public const int MSM_SUBSYSTEM_CAMERA = 2;

    /// <summary>MSM_SUBSYSTEM_DISPLAY: DISPLAY_READ_DOMAIN, GEN_POOL.</summary>
    public const int MSM_SUBSYSTEM_DISPLAY = 3;

    /// <summary>MSM_SUBSYSTEM_ROTATOR: DISPLAY_WRITE_DOMAIN (sic, msm.md §9.13), GEN_POOL.</summary>
    public const int MSM_SUBSYSTEM_ROTATOR = 4;

    /// <summary>MAX_SUBSYSTEM_ID: also the fallback index of the domain table (→ ROTATOR_SRC_DOMAIN).</summary>
    public const int MAX_SUBSYSTEM_ID = 5;
}
