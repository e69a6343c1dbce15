using Migration.Clients.Testing;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.MsmCamera.Tests;

/// <summary>
/// A whole camera session: open, frames of several alignments, JPEG churn, codec buffers, unmaps, close. The
/// IOVA sequence is the shared one (Migration.Clients.Testing); the legacy pages and pools are checked here.
/// </summary>
public class SessionTests : MsmCameraSessionContract
{
    protected override MsmCameraRig NewRig() => new CameraRig();

    // The legacy pages: the CAF range op and the order-based map write 4K pages only (F3 as 512 small pages).
    protected override void AssertSessionPages(MsmCameraRig rig, MsmCameraClient cam, uint f3, uint codec)
    {
        Assert.Equal(0x1000u, rig.Walk(cam, MsmCameraDomainNames.Camera, 0x00030000).PageSize);
        Assert.Equal(0x1000u, rig.Walk(cam, MsmCameraDomainNames.Camera, 0x00100000).PageSize);
        Assert.Equal(0x1000u, rig.Walk(cam, MsmCameraDomainNames.Video, 0x01000000).PageSize);
    }

    protected override void AssertSessionFreed(MsmCameraRig rig)
    {
        var r = (CameraRig)rig;
        Assert.Equal(0x80000000u - 0x20000, (uint)r.Pool(CAMERA_DOMAIN, GEN_POOL).Avail);
        Assert.Equal(0x01000000u - 0x20000, (uint)r.Pool(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL).Avail);
        Assert.Equal(0x0F000000u, (uint)r.Pool(VIDEO_DOMAIN, VIDEO_MAIN_POOL).Avail);
        Assert.Equal(0, r.Platform.Subsystem.BufferCount);
        Assert.Equal(0, r.Platform.Subsystem.UnmapWarnings);
    }
}
