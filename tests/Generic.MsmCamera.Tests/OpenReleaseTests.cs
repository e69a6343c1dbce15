using Generic.Iommu;
using Migration.Clients.Testing;
using Migration.Drivers.Msm;
using Migration.Hardware.Msm;

namespace Generic.MsmCamera.Tests;

/// <summary>Board attach and the ported msm_isp_open / msm_isp_release (msm.md §7.3, §8, §9.18).</summary>
public class OpenReleaseTests : MsmCameraOpenReleaseContract
{
    protected override MsmCameraRig NewRig() => new CameraRig();

    protected override void AssertImemIovasFreed(MsmCameraRig rig)
    {
        var r = (CameraRig)rig;
        Assert.False(r.Platform.CameraGenPool.IsAllocated(0x00020000));
        Assert.Equal(0, r.Platform.CameraGenPool.Allocator.AllocatedRanges);
    }

    private const string Camera = MsmCameraDomainNames.Camera;
    private const string Video = MsmCameraDomainNames.Video;

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
}
