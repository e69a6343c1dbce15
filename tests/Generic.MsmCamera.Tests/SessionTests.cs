using Migration.Clients.Testing;

namespace Generic.MsmCamera.Tests;

/// <summary>
/// The legacy session (Legacy.MsmCamera.Tests.SessionTests) replayed on the port: the same IOVAs, physical
/// addresses and memory types for the device, with bigger pages, and nothing mapped after close.
/// </summary>
public class SessionTests : MsmCameraSessionContract
{
    protected override MsmCameraRig NewRig() => new CameraRig();

    // The port's pages: F2 as 64K large pages, F3 as two sections, the codec buffer as one section.
    protected override void AssertSessionPages(MsmCameraRig rig, MsmCameraClient cam, uint f3, uint codec)
    {
        Assert.Equal(0x10000u, rig.Walk(cam, MsmCameraDomainNames.Camera, 0x00030000).PageSize);
        Assert.Equal(f3 | CameraRig.SectionBuffer, rig.Fl(cam, MsmCameraDomainNames.Camera, 0x00100000));
        Assert.Equal(codec | CameraRig.SectionBuffer, rig.Fl(cam, MsmCameraDomainNames.Video, 0x01000000));
        Assert.Equal(0x1000u, rig.Walk(cam, MsmCameraDomainNames.Camera, 0x00026000).PageSize);
    }

    protected override void AssertSessionFreed(MsmCameraRig rig)
    {
        var r = (CameraRig)rig;
        Assert.Equal(0x80000000u - 0x20000, r.Platform.CameraGenPool.Allocator.FreeBytes);
        Assert.Equal(0x01000000u - 0x20000, r.Platform.VideoFirmwarePool.Allocator.FreeBytes);
        Assert.Equal(0x0F000000u, r.Platform.VideoMainPool.Allocator.FreeBytes);
        Assert.Empty(r.Platform.Log); // every page unmap reported exactly its page
    }
}
