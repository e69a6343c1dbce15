using Generic.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware.Msm;

namespace Generic.MsmCamera.Tests;

/// <summary>Board attach and the ported msm_isp_open / msm_isp_release (msm.md §7.3, §8, §9.18).</summary>
public class OpenReleaseTests
{
    private const string Camera = MsmCameraDomainNames.Camera;
    private const string Video = MsmCameraDomainNames.Video;

    [Fact]
    public void Boot_DummyAndTablesLandWhereTheLegacyOnesDo()
    {
        // Same values as Legacy.MsmCamera.Tests: the dummy is the first allocation, then VIDEO, then CAMERA.
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        Assert.Equal(0x80000000u, rig.Platform.IommuDummyPhys);
        Assert.Equal(0x80020000u, cam.FirstLevelTable(Video));
        Assert.Equal(0x80024000u, cam.FirstLevelTable(Camera));
        Assert.Equal(0u, cam.FirstLevelTable("display"));
    }

    [Fact]
    public void Open_AttachesTheCameraAndVideoContexts()
    {
        var rig = new CameraRig();
        Assert.False(rig.Platform.BoardAttached);
        MsmCamera cam = rig.Open();
        Assert.True(rig.Platform.BoardAttached);
        Assert.Equal(
            [("ijpeg_dst", "ijpeg", 1), ("ijpeg_src", "ijpeg", 0), ("vfe_misc", "vfe", 1), ("vfe_imgwr", "vfe", 0), ("vpe_dst", "vpe", 1), ("vpe_src", "vpe", 0)],
            cam.AttachedContexts(Camera).Select(c => (c.Name, c.Instance.Config.Name, c.Number)));
        Assert.Equal(
            [("vcodec_a_stream", "vcodec_a", 0), ("vcodec_b_mm2", "vcodec_b", 0), ("vcodec_a_mm1", "vcodec_a", 1)],
            cam.AttachedContexts(Video).Select(c => (c.Name, c.Instance.Config.Name, c.Number)));
        Assert.Empty(cam.AttachedContexts("rotator"));
        Assert.Empty(rig.Platform.Log);
        Assert.Null(((MsmIommuCtxDrvdata)rig.Platform.Msm.GetCtx("jpegd_src")!.DriverData!).AttachedTo);
    }

    [Fact]
    public void Open_MapsImemPingAndPongWithTheLegacyClass7Descriptors()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        Assert.Equal(
            [new MsmCameraBuffer(1, Camera, 0x00020000, 0x3000, 0x2E000000), new MsmCameraBuffer(2, Camera, 0x00023000, 0x3000, 0x2E003000)],
            cam.Buffers);
        // prot MSM_IOMMU_ATTR_CACHED_WB_WA → class 7: bit for bit the legacy CAF READ|WRITE|CACHE descriptor.
        for (uint i = 0; i < 6; i++)
            Assert.Equal((0x2E000000u + i * 0x1000) | CameraRig.Sl4KImem, rig.Sl(cam, Camera, 0x00020000 + i * 0x1000));
        Assert.Equal(0u, rig.Sl(cam, Camera, 0x00026000));
        MsmTranslation t = CameraRig.Translate(cam, Camera, 0x00024ABC, write: true);
        Assert.True(t.Succeeded);
        Assert.Equal(0x2E004ABCu, t.Pa);
        Assert.Equal(7u, t.MemoryTypeIndex);
        Assert.False(t.ReadOnly);
    }

    [Fact]
    public void SecondOpen_DoesNotAttachAgainAndMapsTheNextImemIovas()
    {
        var rig = new CameraRig();
        MsmCamera first = rig.Open();
        MsmCamera second = rig.Open();
        Assert.Equal([0x00026000u, 0x00029000u], second.Buffers.Select(b => b.Iova));
        Assert.Equal([1, 2], second.Buffers.Select(b => b.Handle));
        Assert.Empty(rig.Platform.Log);
        Assert.Equal(0, first.Release());
        Assert.Equal(0, second.Release());
    }

    [Fact]
    public void Release_UnmapsImemAndFreesItsIova_SecondReleaseIsEinval()
    {
        var rig = new CameraRig();
        int pagesBefore = rig.Soc.Pages.AllocatedPages;
        MsmCamera cam = rig.Open();
        Assert.Equal(0, cam.Release());
        Assert.Empty(cam.Buffers);
        Assert.True(rig.TableEmpty(cam, Camera));
        Assert.Equal(pagesBefore, rig.Soc.Pages.AllocatedPages);
        Assert.False(rig.Platform.CameraGenPool.IsAllocated(0x00020000));
        Assert.Equal(0, rig.Platform.CameraGenPool.Allocator.AllocatedRanges);
        Assert.Equal(CameraRig.EINVAL, cam.Release());
        Assert.Equal(6, cam.AttachedContexts(Camera).Count);
        MsmCamera again = rig.Open();
        Assert.Equal([0x00020000u, 0x00023000u], again.Buffers.Select(b => b.Iova));
    }

    [Fact]
    public void UnalignedPong_IsEinvalAndUndoesPing()
    {
        // Divergence: the legacy range op mapped the page below 0x2E002400 (the device lost the 0x400 offset);
        // the 3.3 iommu_map rejects a paddr that is not min_pagesz aligned (generic.md §5.1 step 3).
        var rig = new CameraRig((soc, kmem) => new MsmCameraPlatform(soc, kmem) { ImemPongPhys = 0x2E002400 });
        Assert.Equal(CameraRig.EINVAL, MsmCamera.Open(rig.Platform, out MsmCamera? cam));
        Assert.Null(cam);
        Assert.Equal(0, rig.Platform.CameraGenPool.Allocator.AllocatedRanges);
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(CameraRig.Table(rig.Platform.CameraDomain).FlTable));
        Assert.Contains("msm_isp_open: pong iommu mapping failed (-EINVAL (-22))", rig.Platform.Log);
    }

    [Fact]
    public void ContextAlreadyAttached_OpenLogsEbusyAndStillMaps()
    {
        var rig = new CameraRig();
        Assert.Equal(0, IommuApi.AttachDevice(rig.Platform.CameraDomain, rig.Platform.Msm.GetCtx("vpe_src")!));
        MsmCamera cam = rig.Open();
        Assert.Equal(["msm camera board: could not attach camera to context vpe_src (-EBUSY (-16))"], rig.Platform.Log);
        Assert.Equal(0x2E000010u, CameraRig.Translate(cam, Camera, 0x00020010).Pa);
    }

    [Fact]
    public void Release_LeavesRegisteredBuffersMapped()
    {
        // msm_isp_release only owns the IMEM buffers; a frame still registered stays mapped until unregistered.
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x1000, 0x1000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x1000, 0, out int h));
        Assert.Equal(0, cam.Release());
        Assert.Equal([new MsmCameraBuffer(h, Camera, 0x00026000, 0x1000, phys)], cam.Buffers);
        Assert.Equal(0u, rig.Sl(cam, Camera, 0x00020000));
        Assert.Equal(phys | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00026000));
        Assert.Equal(0, cam.UnregisterFrame(h));
        Assert.True(rig.TableEmpty(cam, Camera));
    }
}
