using Legacy.Msm;
using Migration.Clients.Testing;
using Migration.Hardware.Msm;

namespace Legacy.MsmCamera.Tests;

/// <summary>Board attach and msm_isp_open / msm_isp_release (msm.md §7.3, §8, §9.18).</summary>
public class OpenReleaseTests : MsmCameraOpenReleaseContract
{
    protected override MsmCameraRig NewRig() => new CameraRig();

    protected override void AssertImemIovasFreed(MsmCameraRig rig) =>
        Assert.False(((CameraRig)rig).Pool(MsmDomainNumbers.CAMERA_DOMAIN, MsmDomainNumbers.GEN_POOL).IsAllocated(0x00020000, 0x6000));

    private const string Camera = MsmCameraDomainNames.Camera;
    private const string Video = MsmCameraDomainNames.Video;

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
}
