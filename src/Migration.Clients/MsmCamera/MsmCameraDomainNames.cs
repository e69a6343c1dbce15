namespace Migration.Clients.MsmCamera;

/// <summary>
/// The names the camera client gives the two board domains it maps into (<see cref="MsmCameraBuffer.Domain"/>):
/// CAMERA_DOMAIN and VIDEO_DOMAIN of mach/iommu_domains.h (msm.md §7.2).
/// </summary>
public static class MsmCameraDomainNames
{
    /// <summary>"camera": CAMERA_DOMAIN (VPE, VFE and JPEG encoder contexts).</summary>
    public const string Camera = "camera";

    /// <summary>"video": VIDEO_DOMAIN (the vcodec contexts).</summary>
    public const string Video = "video";
}
