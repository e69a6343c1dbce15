using Legacy.Msm;
using Migration.Hardware.Msm;

namespace Legacy.MsmCamera.Tests;

/// <summary>Board attach and msm_isp_open / msm_isp_release (msm.md §7.3, §8, §9.18).</summary>
public class OpenReleaseTests
{
    private const string Camera = MsmCameraDomainNames.Camera;
    private const string Video = MsmCameraDomainNames.Video;

    [Fact]
    public void Boot_DummyFirstThenVideoAndCameraTables()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        // iommu_dummy is iommu_domains.c's first allocation (order 5), then one 16 KiB table per board domain.
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
        // list_attached is head-first: the last attached context comes first.
        Assert.Equal(
            [("ijpeg_dst", "ijpeg", 1), ("ijpeg_src", "ijpeg", 0), ("vfe_misc", "vfe", 1), ("vfe_imgwr", "vfe", 0), ("vpe_dst", "vpe", 1), ("vpe_src", "vpe", 0)],
            cam.AttachedContexts(Camera).Select(c => (c.Name, c.Instance.Config.Name, c.Number)));
        Assert.Equal(
            [("vcodec_a_stream", "vcodec_a", 0), ("vcodec_b_mm2", "vcodec_b", 0), ("vcodec_a_mm1", "vcodec_a", 1)],
            cam.AttachedContexts(Video).Select(c => (c.Name, c.Instance.Config.Name, c.Number)));
        Assert.Empty(cam.AttachedContexts("rotator"));
        Assert.Empty(rig.Platform.Log);
        // jpegd belongs to the board table but not to this client.
        Assert.Null(((Migration.Drivers.Msm.MsmIommuCtxDrvdata)rig.Platform.Msm.GetCtx("jpegd_src")!.DriverData!).AttachedTo);
    }

    [Fact]
    public void Open_MapsImemPingAndPongCachedAt0x20000And0x23000()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        Assert.Equal(
            [new MsmCameraBuffer(1, Camera, 0x00020000, 0x3000, 0x2E000000), new MsmCameraBuffer(2, Camera, 0x00023000, 0x3000, 0x2E003000)],
            cam.Buffers);
        // round_up(0x1800 + 0xC00, 4K) = 3 pages each; cached = IOMMU_WRITE|IOMMU_READ gives IOMMU_CACHE (§9.18) → class 7.
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
        Assert.Empty(rig.Platform.Log); // no -EBUSY from a second attach
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
        Assert.True(rig.TableEmpty(cam, Camera)); // unmap_range freed the emptied second-level table
        Assert.Equal(pagesBefore, rig.Soc.Pages.AllocatedPages);
        Assert.False(rig.Pool(MsmDomainNumbers.CAMERA_DOMAIN, MsmDomainNumbers.GEN_POOL).IsAllocated(0x00020000, 0x6000));
        Assert.Equal(CameraRig.EINVAL, cam.Release());
        // The board attach is permanent (documented leak of the client: contexts stay attached).
        Assert.Equal(6, cam.AttachedContexts(Camera).Count);
        MsmCamera again = rig.Open();
        Assert.Equal([0x00020000u, 0x00023000u], again.Buffers.Select(b => b.Iova));
    }

    [Fact]
    public void UnalignedPong_IsMappedFromThePageBelow()
    {
        // The CAF range op masks the segment address to its page (SL_BASE_MASK_SMALL, msm.md §5.9): a pong buffer
        // placed right after ping's CbCr (0x2400, not page aligned) is mapped, but the device loses the 0x400 offset.
        var rig = new CameraRig((soc, kmem) => new MsmCameraPlatform(soc, kmem) { ImemPongPhys = 0x2E002400 });
        MsmCamera cam = rig.Open();
        Assert.Equal(new MsmCameraBuffer(2, Camera, 0x00023000, 0x3000, 0x2E002400), cam.Buffers[1]);
        Assert.Equal(0x2E002000u | CameraRig.Sl4KImem, rig.Sl(cam, Camera, 0x00023000));
        Assert.Equal(0x2E002010u, CameraRig.Translate(cam, Camera, 0x00023010).Pa);
    }

    [Fact]
    public void BoardAlreadyAttachedAtBoot_OpenLogsEbusyAndStillMaps()
    {
        // iommu_domains.c booted with the 8960 table attaches the contexts itself; a client that is not told so
        // tries again: each attach is -EBUSY (msm.md §9.11), logged and skipped, as iommu_domain_probe does.
        var rig = new CameraRig((soc, kmem) =>
        {
            var core = new Legacy.Iommu.IommuCore(Legacy.Iommu.IommuCoreFlavor.Caf30);
            MsmIommuDriver msm = MsmIommuDriver.Register(soc, kmem, core);
            return new MsmCameraPlatform(soc, new MsmSubsystem(new MsmIommuDomains(core, msm, MsmIovaLayout.Msm8960)));
        });
        MsmCamera cam = rig.Open();
        Assert.Equal(9, rig.Platform.Log.Count);
        Assert.Contains("could not attach domain 1 to context vpe_src (-EBUSY (-16))", rig.Platform.Log[0], StringComparison.Ordinal);
        Assert.Equal(0x00020000u, cam.Buffers[0].Iova);
        Assert.Equal(0x2E000010u, CameraRig.Translate(cam, Camera, 0x00020010).Pa);
    }

    [Fact]
    public void SixtyFourKImem_IsSixteenSmallPagesOfClass7()
    {
        // The counterpart of Generic.MsmCamera.Tests' SixtyFourKImem test: the CAF 3.0 range op writes 4K pages
        // only (msm.md §5.9), so the hardware sees class 7 where the port's 64K page is seen as class 3.
        var rig = new CameraRig((soc, kmem) => new MsmCameraPlatform(soc, kmem)
        {
            ImemYSize = 0xC000,
            ImemCbcrSize = 0x4000,
            ImemPongPhys = MsmCameraPlatform.DefaultImemPingPhys + 0x10000,
        });
        MsmCamera cam = rig.Open();
        Assert.Equal([0x00020000u, 0x00030000u], cam.Buffers.Select(b => b.Iova));
        Assert.Equal(0x2E000000u | CameraRig.Sl4KImem, rig.Sl(cam, Camera, 0x00020000));
        Assert.Equal(0x2E00F000u | CameraRig.Sl4KImem, rig.Sl(cam, Camera, 0x0002F000));
        MsmTranslation t = CameraRig.Translate(cam, Camera, 0x0003F004, write: true);
        Assert.Equal((0x2E01F004u, 0x1000u, 7u), (t.Pa, t.PageSize, t.MemoryTypeIndex));
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
