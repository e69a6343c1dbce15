using Generic.Iommu;

namespace Generic.MsmCamera.Tests;

/// <summary>
/// Why the port unmaps page by page: the 3.3 MSM unmap reports any length that is not exactly one page size as
/// unmapped without touching the tables, and iommu_unmap hands it the remaining length (msm.md §5.8, §5.14, §9.7).
/// </summary>
public class UnmapPitfallTests
{
    [Fact]
    public void OneIommuUnmapOfTheWholeBuffer_ReportsSuccessAndLeavesItMapped()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        IommuDomain d = rig.Platform.CameraDomain;
        uint phys = rig.Phys(0x200000, 0x100000);
        Assert.Equal(0, IommuApi.Map(d, 0x00100000, phys, 0x200000, MsmCameraProt.Buffer));
        Assert.Equal(0x200000u, IommuApi.Unmap(d, 0x00100000, 0x200000));
        Assert.Equal(phys | CameraRig.SectionBuffer, rig.Fl(cam, MsmCameraDomainNames.Camera, 0x00100000));
        Assert.Equal((phys + 0x100000) | CameraRig.SectionBuffer, rig.Fl(cam, MsmCameraDomainNames.Camera, 0x00200000));

        uint small = rig.Phys(0x2000, 0x1000);
        Assert.Equal(0, IommuApi.Map(d, 0x00400000, small, 0x2000, MsmCameraProt.Buffer));
        Assert.Equal(0x2000u, IommuApi.Unmap(d, 0x00400000, 0x2000));
        Assert.Equal(small | CameraRig.Sl4KBuffer, rig.Sl(cam, MsmCameraDomainNames.Camera, 0x00400000));
    }

    [Fact]
    public void TheClientsUnmap_ClearsEveryPageItMapped()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x111000, 0x100000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x111000, MsmCameraFrameFlags.ALIGN_IOVA_1M, out int h));
        Assert.Equal(0, cam.UnregisterFrame(h));
        Assert.Equal(0u, rig.Fl(cam, MsmCameraDomainNames.Camera, 0x00100000));
        Assert.Equal(0u, rig.Fl(cam, MsmCameraDomainNames.Camera, 0x00200000));
        Assert.Empty(rig.Platform.Log);
    }
}
