using Migration.Clients.MsmCamera;

namespace Legacy.MsmCamera;

/// <summary>
/// The MSM camera client on the CAF msm-3.0 vendor IOMMU API (msm.md §8): the one client
/// (<see cref="MsmCameraClient"/>) with its calls going to <see cref="MsmCameraIommuEra"/>.
/// </summary>
public sealed class MsmCamera : MsmCameraClient
{
    private MsmCamera(MsmCameraPlatform platform)
        : base(new MsmCameraIommuEra(platform)) => Platform = platform;

    /// <summary>The platform the client runs on.</summary>
    public MsmCameraPlatform Platform { get; }

    /// <summary>Opens the camera on <paramref name="p"/> (<see cref="MsmCameraClient.MsmIspOpen"/>): 0 with <paramref name="cam"/>, or the errno with it null.</summary>
    public static int Open(MsmCameraPlatform p, out MsmCamera? cam)
    {
        ArgumentNullException.ThrowIfNull(p);
        var camera = new MsmCamera(p);
        int rc = camera.MsmIspOpen();
        cam = rc == 0 ? camera : null;
        return rc;
    }
}
