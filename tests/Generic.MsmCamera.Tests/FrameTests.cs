using Migration.Clients.Testing;
using Migration.Hardware.Msm;

namespace Generic.MsmCamera.Tests;

/// <summary>The ported frame registration: same IOVAs and attributes as the legacy world, bigger pages (msm.md §7.6, §9.13, §9.14, §9.16).</summary>
public class FrameTests : MsmCameraFrameContract
{
    protected override MsmCameraRig NewRig() => new CameraRig();

    protected override void AssertTwoXIovaFreed(MsmCameraRig rig)
    {
        var r = (CameraRig)rig;
        Assert.False(r.Platform.CameraGenPool.IsAllocated(0x00026000));
        Assert.False(r.Platform.CameraGenPool.IsAllocated(0x00029000));
        Assert.Empty(r.Platform.Log);
    }

    private const string Camera = MsmCameraDomainNames.Camera;

    [Fact]
    public void FirstFrame_FollowsTheImemBuffersWithTheLegacyClass2Descriptors()
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
        Assert.Equal(2u, t.MemoryTypeIndex);
    }

    [Fact]
    public void OneMegAlignedTwoMegFrame_IsTwoSectionsWhereLegacyWrote512SmallPages()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x200000, 0x100000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x200000, MsmCameraFrameFlags.ALIGN_IOVA_1M, out int h));
        Assert.Equal(0x00100000u, cam.Buffers.Single(b => b.Handle == h).Iova);
        Assert.Equal(phys | CameraRig.SectionBuffer, rig.Fl(cam, Camera, 0x00100000));
        Assert.Equal((phys + 0x100000) | CameraRig.SectionBuffer, rig.Fl(cam, Camera, 0x00200000));
        Assert.Equal(0u, rig.Fl(cam, Camera, 0x00300000));
        MsmWalkResult w = rig.Walk(cam, Camera, 0x00280000);
        Assert.Equal((phys + 0x180000, 0x100000u, 2u, false), (w.Pa, w.PageSize, w.MemoryTypeIndex, w.ReadOnly));
        Assert.Equal(phys + 0x1ABCDE, CameraRig.Translate(cam, Camera, 0x002ABCDE).Pa);
    }

    [Fact]
    public void SixtyFourKAlignedFrame_IsLargePagesOfTheSameClass()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x20000, 0x10000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x20000, 0x10000, out int h));
        Assert.Equal(0x00030000u, cam.Buffers.Single(b => b.Handle == h).Iova);
        for (uint off = 0; off < 0x10000; off += 0x1000)
        {
            Assert.Equal(phys | CameraRig.Sl64KBuffer, rig.Sl(cam, Camera, 0x00030000 + off));
            Assert.Equal((phys + 0x10000) | CameraRig.Sl64KBuffer, rig.Sl(cam, Camera, 0x00040000 + off));
        }
        // Class 2 has no TEX0, so the large page is seen exactly as the legacy small pages (§3.3 note).
        MsmWalkResult w = rig.Walk(cam, Camera, 0x00045678);
        Assert.Equal((phys + 0x15678, 0x10000u, 2u), (w.Pa, w.PageSize, w.MemoryTypeIndex));
    }

    [Fact]
    public void MixedAlignment_StaircasesThroughSectionLargeAndSmallPages()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x111000, 0x100000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x111000, MsmCameraFrameFlags.ALIGN_IOVA_1M, out _));
        Assert.Equal(phys | CameraRig.SectionBuffer, rig.Fl(cam, Camera, 0x00100000));
        Assert.Equal((phys + 0x100000) | CameraRig.Sl64KBuffer, rig.Sl(cam, Camera, 0x0020F000));
        Assert.Equal((phys + 0x110000) | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00210000));
        Assert.Equal(0u, rig.Sl(cam, Camera, 0x00211000));
    }

    [Fact]
    public void FourKAlignedPhysAt1MIova_StaysSmallPages()
    {
        // iova | paddr limits the page (generic.md §5.1): a phys only 4K aligned gets 4K pages at any iova.
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x200000, 0x1000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x200000, MsmCameraFrameFlags.ALIGN_IOVA_1M, out _));
        Assert.Equal(1u, rig.Fl(cam, Camera, 0x00100000) & 3);
        Assert.Equal((phys + 0x1FF000) | CameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x002FF000));
    }

    [Fact]
    public void TwoXOfA1MFrame_IsOneSectionThen256AliasedSmallPages()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x100000, 0x100000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x100000, MsmCameraFrameFlags.ALIGN_IOVA_1M | MsmCameraFrameFlags.IOMMU_2X, out int h));
        Assert.Equal(phys | CameraRig.SectionBuffer, rig.Fl(cam, Camera, 0x00100000));
        Assert.Equal(0x80000000u | CameraRig.Sl4KPadding, rig.Sl(cam, Camera, 0x00200000));
        Assert.Equal(0x80000000u | CameraRig.Sl4KPadding, rig.Sl(cam, Camera, 0x002FF000));
        Assert.Equal(0, cam.UnregisterFrame(h));
        Assert.Equal(0u, rig.Fl(cam, Camera, 0x00100000));
        Assert.Equal(0u, rig.Fl(cam, Camera, 0x00200000));
    }

    [Fact]
    public void ZeroLength_SucceedsWithIova0_AndUnregisterSkipsIt()
    {
        // §9.13 kept at map time (the same Buffers as legacy); the legacy unmap then BUGged in gen_pool_free on
        // IOVA 0 — the port skips an iova of 0 (divergence).
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x1000, 0x1000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0, 0, out int h));
        Assert.Equal(new MsmCameraBuffer(h, Camera, 0, 0, phys), cam.Buffers[2]);
        Assert.Equal(0, cam.UnregisterFrame(h));
        Assert.Equal(2, cam.Buffers.Count);
        Assert.Equal(0x2E000000u | CameraRig.Sl4KImem, rig.Sl(cam, Camera, 0x00020000));
    }

    [Fact]
    public void UnalignedPhys_IsEinvalAndFreesTheIova()
    {
        // Divergence: the legacy order-based iommu_map BUGs; the 3.3 iommu_map returns -EINVAL up front.
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x2000, 0x1000) + 0x800;
        Assert.Equal(CameraRig.EINVAL, cam.RegisterFrame(phys, 0x1000, 0, out int h));
        Assert.Equal(0, h);
        Assert.False(rig.Platform.CameraGenPool.IsAllocated(0x00026000));
        Assert.Equal(0u, rig.Sl(cam, Camera, 0x00026000));
    }

    [Fact]
    public void SecondLevelAllocationFailure_ReturnsEnomemAndFreesTheIova()
    {
        // Divergence: the legacy client got -EINVAL and leaked the IOVA (next frame at 0x200000).
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        CameraRig.Table(rig.Platform.CameraDomain).SecondLevelFaults.FailAt(1);
        Assert.Equal(CameraRig.ENOMEM, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, MsmCameraFrameFlags.ALIGN_IOVA_1M, out int h));
        Assert.Equal(0, h);
        Assert.Equal(0u, rig.Fl(cam, Camera, 0x00100000));
        Assert.False(rig.Platform.CameraGenPool.IsAllocated(0x00100000));
        Assert.Equal(0, cam.RegisterFrame(rig.Phys(0x1000, 0x1000), 0x1000, MsmCameraFrameFlags.ALIGN_IOVA_1M, out int next));
        Assert.Equal(0x00100000u, cam.Buffers.Single(b => b.Handle == next).Iova);
    }
}
