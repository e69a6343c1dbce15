
namespace Migration.Clients.Testing;

/// <summary>
/// msm_gemini_platform_v2p / _p2v as both eras do them: CAMERA GEN_POOL IOVAs (msm.md §7.4, §8).
/// Each era's test class derives from it with its rig and its checks of what the era keeps.
/// </summary>
public abstract class MsmCameraJpegContract
{
    private const string Camera = MsmCameraDomainNames.Camera;

    /// <summary>A fresh rig of the era under test.</summary>
    protected abstract MsmCameraRig NewRig();

    /// <summary>After the churn: CAMERA GEN_POOL holds exactly [0x20000, 0x2D000) and the era logged nothing.</summary>
    protected abstract void AssertChurnIovas(MsmCameraRig rig);

    [Fact]
    public void Map_GivesAGenPoolIovaMappedAsClass2SmallPages()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        uint phys = rig.Phys(0x5000, 0x1000);
        Assert.Equal(0, cam.JpegMap(phys, 0x4800, out int h));
        Assert.Equal(new MsmCameraBuffer(h, Camera, 0x00026000, 0x5000, phys), cam.Buffers[2]);
        Assert.Equal((phys + 0x4000) | MsmCameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x0002A000));
        Assert.Equal(phys + 0x4321, MsmCameraRig.Translate(cam, Camera, 0x0002A321).Pa);
        Assert.Equal(0, cam.JpegUnmap(h));
        Assert.Equal(0u, rig.Sl(cam, Camera, 0x0002A000));
        Assert.Equal(MsmCameraRig.EINVAL, cam.JpegUnmap(h));
    }

    [Fact]
    public void Churn_ReusesTheLowestFreeRunFirstFit()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        uint Map(uint size)
        {
            Assert.Equal(0, cam.JpegMap(rig.Phys(size, 0x1000), size, out int h));
            return cam.Buffers.Single(b => b.Handle == h).Iova;
        }
        int Handle(uint iova) => cam.Buffers.Single(b => b.Iova == iova).Handle;

        // genalloc frees at once and searches lowest first (msm.md §7.4).
        Assert.Equal(0x00026000u, Map(0x2000));
        Assert.Equal(0x00028000u, Map(0x2000));
        Assert.Equal(0, cam.JpegUnmap(Handle(0x00026000)));
        Assert.Equal(0x00026000u, Map(0x1000));
        Assert.Equal(0x0002A000u, Map(0x2000));
        Assert.Equal(0, cam.JpegUnmap(Handle(0x00028000)));
        Assert.Equal(0x00027000u, Map(0x3000));
        Assert.Equal(0x0002C000u, Map(0x1000));
        AssertChurnIovas(rig);
    }
}
