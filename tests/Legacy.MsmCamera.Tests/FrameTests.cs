using Migration.Hardware.Msm;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.MsmCamera.Tests;

/// <summary>Frame registration through msm_subsystem_map_buffer for CAMERA (msm.md §7.4, §7.6, §9.13, §9.14, §9.16).</summary>
public class FrameTests
{
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
    public void NonPowerOfTwoAlignment_IsRoundedDownByIlog2()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        Assert.Equal(0, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0, out _));
        // flags 0x3000: min_align 0x3000, ilog2 → 8K (§9.14): 0x28000, not the 12K-aligned 0x27000.
        Assert.Equal(0, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0x3000, out int h));
        Assert.Equal(0x00028000u, cam.Buffers.Single(b => b.Handle == h).Iova);
    }

    [Fact]
    public void TwoX_ReservesTwiceTheLengthAndAliasesEveryPaddingPageToTheDummy()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x2000, 0x1000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x2000, MsmCameraFrameFlags.IOMMU_2X, out int h));
        Assert.Equal(new MsmCameraBuffer(h, Camera, 0x00026000, 0x2000, phys), cam.Buffers[2]);
        Assert.Equal(phys | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00026000));
        Assert.Equal((phys + 0x1000) | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00027000));
        // msm_iommu_map_extra (G3): CAF range op, READ|WRITE, all pages onto iommu_dummy (§9.16).
        Assert.Equal(0x80000000u | CameraRig.Sl4KPadding, rig.Sl(cam, Camera, 0x00028000));
        Assert.Equal(0x80000000u | CameraRig.Sl4KPadding, rig.Sl(cam, Camera, 0x00029000));
        Assert.Equal(0x80000123u, CameraRig.Translate(cam, Camera, 0x00029123).Pa);
        Assert.Equal(1u, rig.Walk(cam, Camera, 0x00028000).MemoryTypeIndex);
        Assert.Equal(0, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0, out int next));
        Assert.Equal(0x0002A000u, cam.Buffers.Single(b => b.Handle == next).Iova);

        Assert.Equal(0, cam.UnregisterFrame(h));
        for (uint va = 0x00026000; va < 0x0002A000; va += 0x1000)
            Assert.Equal(0u, rig.Sl(cam, Camera, va));
        Assert.Equal(0, rig.Platform.Subsystem.UnmapWarnings);
        Assert.False(rig.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(0x00026000, 0x4000));
    }

    [Fact]
    public void Unregister_ClearsThePagesAndTheSameSizeReusesTheIova()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
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
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        Assert.Equal(CameraRig.EINVAL, cam.UnregisterFrame(1)); // the IMEM ping handle is not a frame
        Assert.Equal(CameraRig.EINVAL, cam.UnregisterFrame(99));
        Assert.Equal(CameraRig.EINVAL, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0x1, out int h)); // KADDR
        Assert.Equal(0, h);
        Assert.Equal(CameraRig.EINVAL, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, 0x800, out _));
        Assert.Equal(0, cam.JpegMap(rig.Phys(0x1000, 0x1000), 0x1000, out int jpeg));
        Assert.Equal(CameraRig.EINVAL, cam.UnregisterFrame(jpeg));
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
