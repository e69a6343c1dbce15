using Migration.Clients.Testing;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.MsmCamera.Tests;

/// <summary>msm_gemini_platform_v2p / _p2v on msm_subsystem_map_buffer for CAMERA (msm.md §7.4, §8).</summary>
public class JpegTests : MsmCameraJpegContract
{
    protected override MsmCameraRig NewRig() => new CameraRig();

    // genalloc frees at once and searches lowest first (msm.md §7.4).
    protected override void AssertChurnIovas(MsmCameraRig rig)
    {
        var r = (CameraRig)rig;
        Assert.True(r.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(0x00020000, 0xD000));
        Assert.Equal(0, r.Platform.Subsystem.UnmapWarnings);
    }
}
