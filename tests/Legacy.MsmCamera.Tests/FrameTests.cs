using Migration.Clients.Testing;
using Migration.Hardware.Msm;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.MsmCamera.Tests;

/// <summary>Frame registration through msm_subsystem_map_buffer for CAMERA (msm.md §7.4, §7.6, §9.13, §9.14, §9.16).</summary>
public class FrameTests : MsmCameraFrameContract
{
    protected override MsmCameraRig NewRig() => new CameraRig();

    protected override void AssertTwoXIovaFreed(MsmCameraRig rig)
    {
        var r = (CameraRig)rig;
        Assert.Equal(0, r.Platform.Subsystem.UnmapWarnings);
        Assert.False(r.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(0x00026000, 0x4000));
    }

    private const string Camera = MsmCameraDomainNames.Camera;

    [Fact]
    public void FirstFrame_FollowsTheImemBuffersAndIsMappedAs4KPagesOfClass2()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x1800, 0x1000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x1800, 0, out int h));
        Assert.Equal(3, h);
        Assert.Equal(new MsmCameraBuffer(3, Camera, 0x00026000, 0x2000, phys), cam.Buffers[2]);
        Assert.Equal(phys | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00026000));
        Assert.Equal((phys + 0x1000) | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00027000));
        Assert.Equal(0u, rig.Sl(cam, Camera, 0x00028000));
        MsmTranslation t = CameraRig.Translate(cam, Camera, 0x00027FFC, write: true);
        Assert.Equal(phys + 0x1FFC, t.Pa);
        Assert.Equal(2u, t.MemoryTypeIndex); // WT class 2: the 3.0 ops read prot READ|WRITE as MSM attributes (§9.1)
    }

    [Fact]
    public void OneMegAlignedTwoMegFrame_Writes512SmallPages()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x200000, 0x100000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x200000, MsmCameraFrameFlags.ALIGN_IOVA_1M, out int h));
        Assert.Equal(0x00100000u, cam.Buffers.Single(b => b.Handle == h).Iova);
        Assert.Equal(1u, rig.Fl(cam, Camera, 0x00100000) & 3); // tables, not sections
        Assert.Equal(1u, rig.Fl(cam, Camera, 0x00200000) & 3);
        for (uint off = 0; off < 0x200000; off += 0x1000)
            Assert.Equal((phys + off) | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00100000 + off));
        Assert.Equal(0x1000u, rig.Walk(cam, Camera, 0x00180000).PageSize);
    }

    [Fact]
    public void SixtyFourKAlignedFrame_Is4KPagesInTheLegacyWorld()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x20000, 0x10000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x20000, 0x10000, out int h));
        Assert.Equal(0x00030000u, cam.Buffers.Single(b => b.Handle == h).Iova);
        Assert.Equal(phys | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00030000));
        Assert.Equal((phys + 0x1F000) | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x0004F000));
        Assert.Equal(0x1000u, rig.Walk(cam, Camera, 0x00040000).PageSize);
    }

    [Fact]
    public void ZeroLength_SucceedsWithIova0_AndUnregisterBugsInGenPoolFree()
    {
        // §9.13: the IOVA allocation of 0 bytes fails, iova[0] stays 0 and the map still succeeds; the unmap
        // frees IOVA 0, which lies in no chunk of GEN_POOL: gen_pool_free BUGs.
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x1000, 0x1000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0, 0, out int h));
        Assert.Equal(new MsmCameraBuffer(h, Camera, 0, 0, phys), cam.Buffers[2]);
        Assert.Throws<KernelBugException>(() => cam.UnregisterFrame(h));
    }

    [Fact]
    public void UnalignedPhys_IsTheOrderBasedMapBug()
    {
        // msm_subsystem_map_buffer maps the phys as given with order-0 iommu_map: BUG_ON((iova | paddr) & 0xFFF)
        // (generic.md §4.3), fatal rather than an error.
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x2000, 0x1000) + 0x800;
        Assert.Throws<KernelBugException>(() => cam.RegisterFrame(phys, 0x1000, 0, out _));
    }

    [Fact]
    public void SecondLevelAllocationFailure_IsEinvalAndLeaksTheIova()
    {
        // A failed page map takes the outdomain undo: -EINVAL, and the current subsystem's IOVA is not freed.
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        CameraRig.Table(rig.CameraDomain).SecondLevelFaults.FailAt(1);
        Assert.Equal(CameraRig.EINVAL, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, MsmCameraFrameFlags.ALIGN_IOVA_1M, out int h));
        Assert.Equal(0, h);
        Assert.Equal(0u, rig.Fl(cam, Camera, 0x00100000));
        Assert.True(rig.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(0x00100000, 0x1000));
        Assert.Equal(0, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, MsmCameraFrameFlags.ALIGN_IOVA_1M, out int next));
        Assert.Equal(0x00200000u, cam.Buffers.Single(b => b.Handle == next).Iova);
    }
}
