
namespace Migration.Clients.Testing;

/// <summary>
/// vidc_insert_addr_table as both eras do it: the VIDEO partitions (msm.md §7.3, §7.6, §8).
/// Each era's test class derives from it with its rig and its checks of what the era keeps.
/// </summary>
public abstract class MsmCameraCodecContract
{
    private const string Video = MsmCameraDomainNames.Video;

    /// <summary>A fresh rig of the era under test.</summary>
    protected abstract MsmCameraRig NewRig();

    [Fact]
    public void CodecBuffer_IsMappedInTheMainAndFirmwarePartitionsOfTheVideoDomain()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        uint phys = rig.Phys(0x3000, 0x1000);
        Assert.Equal(0, cam.CodecMap(phys, 0x3000, firmware: false, out int h));
        Assert.Equal(
            [new MsmCameraBuffer(h, Video, 0x01000000, 0x3000, phys), new MsmCameraBuffer(h, Video, 0x00020000, 0x3000, phys)],
            cam.Buffers.Where(b => b.Handle == h));
        Assert.Equal(phys | MsmCameraRig.Sl4KBuffer, rig.Sl(cam, Video, 0x01000000));
        Assert.Equal((phys + 0x2000) | MsmCameraRig.Sl4KBuffer, rig.Sl(cam, Video, 0x00022000));
        Assert.Equal(phys + 0x2468, MsmCameraRig.Translate(cam, Video, 0x01002468).Pa);
        Assert.Equal(phys + 0x0468, MsmCameraRig.Translate(cam, Video, 0x00020468).Pa);

        // ALIGN_IOVA_8K: the next codec buffer starts 8K aligned in both partitions.
        Assert.Equal(0, cam.CodecMap(rig.Phys(0x1000, 0x1000), 0x1000, firmware: false, out int next));
        Assert.Equal([0x01004000u, 0x00024000u], cam.Buffers.Where(b => b.Handle == next).Select(b => b.Iova));
    }

    [Fact]
    public void BadHandle_IsEinval()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        Assert.Equal(MsmCameraRig.EINVAL, cam.CodecUnmap(2));
        Assert.Equal(0, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0, out int frame));
        Assert.Equal(MsmCameraRig.EINVAL, cam.CodecUnmap(frame));
        Assert.Equal(MsmCameraRig.EINVAL, cam.JpegUnmap(frame));
    }
}
