using Generic.Iommu;
using Migration.Clients.MsmCamera;
using Migration.Kernel;

namespace Generic.MsmCamera;

/// <summary>
/// The MSM camera client after the move to the generic IOMMU API (3.3): the one client (<see cref="MsmCameraClient"/>)
/// with its calls going to <see cref="MsmCameraIommuEra"/>, plus what only the ported world can do: join the CAMERA
/// domain to a shared address space. The device sees the same IOVAs, physical addresses and memory attributes as in
/// the legacy world, except where the tests pin a divergence: 64K pages of TEX-class 7 (IMEM of 64K or more), IOVA-0
/// buffers (no unmap at 0, no BUG), unaligned phys (-EINVAL instead of BUG), map failures (IOVA freed, the iommu_map
/// errno returned), firmware mapped twice (allowed).
/// </summary>
public sealed class MsmCamera : MsmCameraClient
{
    private MsmCamera(MsmCameraPlatform platform)
        : base(new MsmCameraIommuEra(platform)) => Platform = platform;

    /// <summary>The platform the client runs on.</summary>
    public MsmCameraPlatform Platform { get; }

    /// <summary>The shared address space the CAMERA domain has joined (<see cref="ShareSpace"/>), or null.</summary>
    public SharedAddressSpace? SharedSpace { get; private set; }

    /// <summary>
    /// Opens the camera on <paramref name="p"/> (<see cref="MsmCameraClient.MsmIspOpen"/>, each IMEM buffer one iommu_map
    /// with <see cref="MsmCameraProt.Imem"/>): 0 with <paramref name="cam"/>, or the errno with it null.
    /// </summary>
    public static int Open(MsmCameraPlatform p, out MsmCamera? cam)
    {
        ArgumentNullException.ThrowIfNull(p);
        var camera = new MsmCamera(p);
        int rc = camera.MsmIspOpen();
        cam = rc == 0 ? camera : null;
        return rc;
    }

    /// <summary>
    /// Joins the CAMERA domain (the VFE, JPEG and VPE contexts) to <paramref name="space"/>: every buffer mapped there,
    /// now or later, is mapped into it at the same device address (the replay maps what is already there), with
    /// the cache slot <see cref="MsmCameraPlatform.SharedProt"/> (<see cref="MsmCameraProt.ForShared"/>) picks. The space's range must lie outside the
    /// CAMERA GEN_POOL partition the client still maps its own buffers in. 0; -EINVAL when the camera is not
    /// open; -EBUSY when it already shares a space; or the driver's error with nothing left mapped.
    /// </summary>
    public int ShareSpace(SharedAddressSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!IsOpen)
            return -Errno.EINVAL;
        if (SharedSpace is not null)
            return -Errno.EBUSY;
        int rc = space.Attach(Platform.CameraDomain, Platform.SharedProt);
        if (rc == 0)
            SharedSpace = space;
        return rc;
    }

    /// <summary>Leaves the shared space: its buffers are unmapped from the CAMERA domain only. 0, or -EINVAL when not sharing.</summary>
    public int UnshareSpace()
    {
        if (SharedSpace is not { } space)
            return -Errno.EINVAL;
        space.Detach(Platform.CameraDomain);
        SharedSpace = null;
        return 0;
    }
}
