
namespace Migration.Clients.Testing;

/// <summary>
/// Frame registration as both eras do it: the IOVAs, the descriptors of 4K pages, the 2X padding (msm.md §7.6, §9.14, §9.16).
/// Each era's test class derives from it with its rig and its checks of what the era keeps.
/// </summary>
public abstract class MsmCameraFrameContract
{
    private const string Camera = MsmCameraDomainNames.Camera;

    /// <summary>A fresh rig of the era under test.</summary>
    protected abstract MsmCameraRig NewRig();

    /// <summary>After the 2X frame at 0x26000 (4K + 4K padding) was unregistered: the era freed its IOVA and logged nothing.</summary>
    protected abstract void AssertTwoXIovaFreed(MsmCameraRig rig);

    [Fact]
    public void NonPowerOfTwoAlignment_IsRoundedDownByIlog2()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        Assert.Equal(0, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0, out _));
        // flags 0x3000: min_align 0x3000, ilog2 → 8K (§9.14): 0x28000, not the 12K-aligned 0x27000.
        Assert.Equal(0, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0x3000, out int h));
        Assert.Equal(0x00028000u, cam.Buffers.Single(b => b.Handle == h).Iova);
    }

    [Fact]
    public void TwoX_ReservesTwiceTheLengthAndAliasesEveryPaddingPageToTheDummy()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        uint phys = rig.Phys(0x2000, 0x1000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x2000, MsmCameraFrameFlags.IOMMU_2X, out int h));
        Assert.Equal(new MsmCameraBuffer(h, Camera, 0x00026000, 0x2000, phys), cam.Buffers[2]);
        Assert.Equal(phys | MsmCameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00026000));
        Assert.Equal((phys + 0x1000) | MsmCameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00027000));
        // msm_iommu_map_extra (G3): CAF range op, READ|WRITE, all pages onto iommu_dummy (§9.16).
        Assert.Equal(0x80000000u | MsmCameraRig.Sl4KPadding, rig.Sl(cam, Camera, 0x00028000));
        Assert.Equal(0x80000000u | MsmCameraRig.Sl4KPadding, rig.Sl(cam, Camera, 0x00029000));
        Assert.Equal(0x80000123u, MsmCameraRig.Translate(cam, Camera, 0x00029123).Pa);
        Assert.Equal(1u, rig.Walk(cam, Camera, 0x00028000).MemoryTypeIndex);
        Assert.Equal(0, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0, out int next));
        Assert.Equal(0x0002A000u, cam.Buffers.Single(b => b.Handle == next).Iova);

        Assert.Equal(0, cam.UnregisterFrame(h));
        for (uint va = 0x00026000; va < 0x0002A000; va += 0x1000)
            Assert.Equal(0u, rig.Sl(cam, Camera, va));
        AssertTwoXIovaFreed(rig);
    }

    [Fact]
    public void Unregister_ClearsThePagesAndTheSameSizeReusesTheIova()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        uint phys = rig.Phys(0x3000, 0x1000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x3000, 0, out int h));
        Assert.Equal(0, cam.UnregisterFrame(h));
        Assert.Equal(0u, rig.Sl(cam, Camera, 0x00026000));
        Assert.Equal(2, cam.Buffers.Count);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x3000, 0, out int again));
        Assert.Equal(0x00026000u, cam.Buffers.Single(b => b.Handle == again).Iova);
        Assert.Equal(4, again);
    }

    [Fact]
    public void BadHandleOrFlags_AreEinval()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        Assert.Equal(MsmCameraRig.EINVAL, cam.UnregisterFrame(1)); // the IMEM ping handle is not a frame
        Assert.Equal(MsmCameraRig.EINVAL, cam.UnregisterFrame(99));
        Assert.Equal(MsmCameraRig.EINVAL, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0x1, out int h)); // KADDR
        Assert.Equal(0, h);
        Assert.Equal(MsmCameraRig.EINVAL, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0x800, out _));
        Assert.Equal(0, cam.JpegMap(rig.Phys(0x1000, 0x1000), 0x1000, out int jpeg));
        Assert.Equal(MsmCameraRig.EINVAL, cam.UnregisterFrame(jpeg));
    }
}
