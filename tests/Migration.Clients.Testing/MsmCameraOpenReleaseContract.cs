using Migration.Drivers.Msm;
using Migration.Hardware.Msm;

namespace Migration.Clients.Testing;

/// <summary>
/// Board attach and msm_isp_open / msm_isp_release as both eras do them (msm.md §7.3, §8, §9.18).
/// Each era's test class derives from it with its rig and its checks of what the era keeps.
/// </summary>
public abstract class MsmCameraOpenReleaseContract
{
    private const string Camera = MsmCameraDomainNames.Camera;
    private const string Video = MsmCameraDomainNames.Video;

    /// <summary>A fresh rig of the era under test.</summary>
    protected abstract MsmCameraRig NewRig();

    /// <summary>After release: the IMEM IOVAs [0x20000, 0x26000) are free in CAMERA GEN_POOL.</summary>
    protected abstract void AssertImemIovasFreed(MsmCameraRig rig);

    [Fact]
    public void Boot_DummyFirstThenVideoAndCameraTables()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        // iommu_dummy is iommu_domains.c's first allocation (order 5), then one 16 KiB table per board domain; the
        // port allocates in the same order, so its dummy and tables land where the legacy ones do.
        Assert.Equal(0x80000000u, rig.IommuDummyPhys);
        Assert.Equal(0x80020000u, cam.FirstLevelTable(Video));
        Assert.Equal(0x80024000u, cam.FirstLevelTable(Camera));
        Assert.Equal(0u, cam.FirstLevelTable("display"));
    }

    [Fact]
    public void Open_MapsImemPingAndPongCachedAt0x20000And0x23000()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        Assert.Equal(
            [new MsmCameraBuffer(1, Camera, 0x00020000, 0x3000, 0x2E000000), new MsmCameraBuffer(2, Camera, 0x00023000, 0x3000, 0x2E003000)],
            cam.Buffers);
        // round_up(0x1800 + 0xC00, 4K) = 3 pages each; 3.0: cached = IOMMU_WRITE|IOMMU_READ gives IOMMU_CACHE (§9.18) →
        // class 7; the port: prot MSM_IOMMU_ATTR_CACHED_WB_WA → class 7, bit for bit the same descriptor.
        for (uint i = 0; i < 6; i++)
            Assert.Equal((0x2E000000u + i * 0x1000) | MsmCameraRig.Sl4KImem, rig.Sl(cam, Camera, 0x00020000 + i * 0x1000));
        Assert.Equal(0u, rig.Sl(cam, Camera, 0x00026000));
        MsmTranslation t = MsmCameraRig.Translate(cam, Camera, 0x00024ABC, write: true);
        Assert.True(t.Succeeded);
        Assert.Equal(0x2E004ABCu, t.Pa);
        Assert.Equal(7u, t.MemoryTypeIndex);
        Assert.False(t.ReadOnly);
    }

    [Fact]
    public void Open_AttachesTheCameraAndVideoContexts()
    {
        MsmCameraRig rig = NewRig();
        Assert.False(rig.BoardAttached);
        MsmCameraClient cam = rig.OpenClient();
        Assert.True(rig.BoardAttached);
        // list_attached is head-first: the last attached context comes first.
        Assert.Equal(
            [("ijpeg_dst", "ijpeg", 1), ("ijpeg_src", "ijpeg", 0), ("vfe_misc", "vfe", 1), ("vfe_imgwr", "vfe", 0), ("vpe_dst", "vpe", 1), ("vpe_src", "vpe", 0)],
            cam.AttachedContexts(Camera).Select(c => (c.Name, c.Instance.Config.Name, c.Number)));
        Assert.Equal(
            [("vcodec_a_stream", "vcodec_a", 0), ("vcodec_b_mm2", "vcodec_b", 0), ("vcodec_a_mm1", "vcodec_a", 1)],
            cam.AttachedContexts(Video).Select(c => (c.Name, c.Instance.Config.Name, c.Number)));
        Assert.Empty(cam.AttachedContexts("rotator"));
        Assert.Empty(rig.Log);
        // jpegd belongs to the board table but not to this client.
        Assert.Null(((MsmIommuCtxDrvdata)rig.GetCtx("jpegd_src")!.DriverData!).AttachedTo);
    }

    [Fact]
    public void SecondOpen_DoesNotAttachAgainAndMapsTheNextImemIovas()
    {
        MsmCameraRig rig = NewRig();
        MsmCameraClient first = rig.OpenClient();
        MsmCameraClient second = rig.OpenClient();
        Assert.Equal([0x00026000u, 0x00029000u], second.Buffers.Select(b => b.Iova));
        Assert.Equal([1, 2], second.Buffers.Select(b => b.Handle));
        Assert.Empty(rig.Log); // no -EBUSY from a second attach
        Assert.Equal(0, first.Release());
        Assert.Equal(0, second.Release());
    }

    [Fact]
    public void Release_UnmapsImemAndFreesItsIova_SecondReleaseIsEinval()
    {
        MsmCameraRig rig = NewRig();
        int pagesBefore = rig.Soc.Pages.AllocatedPages;
        MsmCameraClient cam = rig.OpenClient();
        Assert.Equal(0, cam.Release());
        Assert.Empty(cam.Buffers);
        Assert.True(rig.TableEmpty(cam, Camera)); // unmap_range freed the emptied second-level table
        Assert.Equal(pagesBefore, rig.Soc.Pages.AllocatedPages);
        AssertImemIovasFreed(rig);
        Assert.Equal(MsmCameraRig.EINVAL, cam.Release());
        // The board attach is permanent (documented leak of the client: contexts stay attached).
        Assert.Equal(6, cam.AttachedContexts(Camera).Count);
        MsmCameraClient again = rig.OpenClient();
        Assert.Equal([0x00020000u, 0x00023000u], again.Buffers.Select(b => b.Iova));
    }

    [Fact]
    public void Release_LeavesRegisteredBuffersMapped()
    {
        // msm_isp_release only owns the IMEM buffers; a frame still registered stays mapped until unregistered.
        MsmCameraRig rig = NewRig();
        MsmCameraClient cam = rig.OpenClient();
        uint phys = rig.Phys(0x1000, 0x1000);
        Assert.Equal(0, cam.RegisterFrame(phys, 0x1000, 0, out int h));
        Assert.Equal(0, cam.Release());
        Assert.Equal([new MsmCameraBuffer(h, Camera, 0x00026000, 0x1000, phys)], cam.Buffers);
        Assert.Equal(0u, rig.Sl(cam, Camera, 0x00020000));
        Assert.Equal(phys | MsmCameraRig.Sl4KBuffer, rig.Sl(cam, Camera, 0x00026000));
        Assert.Equal(0, cam.UnregisterFrame(h));
        Assert.True(rig.TableEmpty(cam, Camera));
    }
}
