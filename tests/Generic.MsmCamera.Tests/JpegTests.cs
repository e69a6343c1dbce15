using Migration.Clients.Testing;
namespace Generic.MsmCamera.Tests;

/// <summary>The ported msm_gemini_platform_v2p / _p2v: the legacy IOVAs through IovaAllocator (msm.md §7.4, §8).</summary>
public class JpegTests : MsmCameraJpegContract
{
    protected override MsmCameraRig NewRig() => new CameraRig();

    // The same sequence as legacy genalloc: freed at once, lowest first (MsmCameraIovaPool flushes the cache).
    protected override void AssertChurnIovas(MsmCameraRig rig)
    {
        var r = (CameraRig)rig;
        Assert.Equal(0x0002D000u - 0x20000, 0x80000000u - 0x20000 - r.Platform.CameraGenPool.Allocator.FreeBytes);
        Assert.Empty(r.Platform.Log);
    }
}
