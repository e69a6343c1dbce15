namespace Generic.MsmCamera.Tests;

/// <summary>The ported msm_gemini_platform_v2p / _p2v: the legacy IOVAs through IovaAllocator (msm.md §7.4, §8).</summary>
public class JpegTests
{
    private const string Camera = MsmCameraDomainNames.Camera;

    [Fact]
    public void Map_GivesAGenPoolIovaMappedAsClass2SmallPages()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x5000, 0x1000);
        Assert.Equal(0, cam.JpegMap(phys, 0x4800, out int h));
        Assert.Equal(new MsmCameraBuffer(h, Camera, 0x00026000, 0x5000, phys), cam.Buffers[2]);
        Assert.Equal((phys + 0x4000) | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x0002A000));
        Assert.Equal(phys + 0x4321, CameraRig.Translate(cam, Camera, 0x0002A321).Pa);
        Assert.Equal(0, cam.JpegUnmap(h));
        Assert.Equal(0u, rig.Sl(cam, Camera, 0x0002A000));
        Assert.Equal(CameraRig.EINVAL, cam.JpegUnmap(h));
    }

    [Fact]
    public void Churn_ReusesTheLowestFreeRunFirstFit()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint Map(uint size)
        {
            Assert.Equal(0, cam.JpegMap(rig.Phys(size, 0x1000), size, out int h));
            return cam.Buffers.Single(b => b.Handle == h).Iova;
        }
        int Handle(uint iova) => cam.Buffers.Single(b => b.Iova == iova).Handle;

        // The same sequence as legacy genalloc: freed at once, lowest first (MsmCameraIovaPool flushes the cache).
        Assert.Equal(0x00026000u, Map(0x2000));
        Assert.Equal(0x00028000u, Map(0x2000));
        Assert.Equal(0, cam.JpegUnmap(Handle(0x00026000)));
        Assert.Equal(0x00026000u, Map(0x1000));
        Assert.Equal(0x0002A000u, Map(0x2000));
        Assert.Equal(0, cam.JpegUnmap(Handle(0x00028000)));
        Assert.Equal(0x00027000u, Map(0x3000));
        Assert.Equal(0x0002C000u, Map(0x1000));
        Assert.Equal(0x0002D000u - 0x20000, 0x80000000u - 0x20000 - rig.Platform.CameraGenPool.Allocator.FreeBytes);
        Assert.Empty(rig.Platform.Log);
    }
}
