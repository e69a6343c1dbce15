using Generic.Iommu;
using Migration.Kernel;

namespace Generic.MsmCamera.Tests;

/// <summary>The camera's CAMERA domain joining a shared address space (issue #9): replay, cache slot from the generic flags, leaving.</summary>
public class ShareSpaceTests
{
    private const uint Start = 0x80000000;

    [Fact]
    public void ShareSpace_ReplaysTheSpace_WithTheSlotTheGenericFlagsPick()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        var space = new SharedAddressSpace(Start, 0x10000000);
        uint plain = rig.Phys(0x1000, 0x1000), cached = rig.Phys(0x1000, 0x1000);
        Assert.Equal(0, space.Map(Start, plain, 0x1000, IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE));
        Assert.Equal(0, space.Map(Start + 0x1000, cached, 0x1000, IommuProt.IOMMU_READ | IommuProt.IOMMU_CACHE));

        Assert.Equal(0, cam.ShareSpace(space));

        Assert.Same(space, cam.SharedSpace);
        Assert.Equal(plain | CameraRig.Sl4KPadding, rig.Sl(cam, "camera", Start));       // NONCACHED → class 1 (0xC36)
        Assert.Equal(cached | CameraRig.Sl4KImem, rig.Sl(cam, "camera", Start + 0x1000)); // IOMMU_CACHE → WB_WA class 7 (0xC7E)
        Assert.Equal(-Errno.EBUSY, cam.ShareSpace(space));
    }

    [Fact]
    public void MappingsMadeAfterJoining_ReachTheCamera_AndLeavingUnmapsOnlyItsOwnEntries()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        var space = new SharedAddressSpace(Start, 0x10000000);
        Assert.Equal(0, cam.ShareSpace(space));
        uint pa = rig.Phys(0x2000, 0x1000);

        Assert.Equal(0, space.Map(Start, pa, 0x2000, 3));
        Assert.Equal((pa + 0x1000) | CameraRig.Sl4KPadding, rig.Sl(cam, "camera", Start + 0x1000));

        Assert.Equal(0, cam.UnshareSpace());
        Assert.Null(cam.SharedSpace);
        Assert.False(CameraRig.Translate(cam, "camera", Start).Succeeded); // the VFE now faults there
        Assert.Single(space.Mappings); // the space keeps the mapping for its other devices
        Assert.Equal(-Errno.EINVAL, cam.UnshareSpace());
    }

    [Fact]
    public void ShareSpace_NeedsAnOpenCamera()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        Assert.Equal(0, cam.Release());
        Assert.Equal(-Errno.EINVAL, cam.ShareSpace(new SharedAddressSpace(Start, 0x1000)));
    }
}
