using Migration.Hardware.Msm;

namespace Migration.Clients.Testing;

/// <summary>
/// A whole camera session as both eras run it: open, frames of several alignments, JPEG churn, codec buffers,
/// unmaps, close. The IOVA sequence, physical addresses and memory types the device sees are the same in both; the
/// era's test class checks its page sizes and what its pools and logs hold at the end.
/// </summary>
public abstract class MsmCameraSessionContract
{
    private const string Camera = MsmCameraDomainNames.Camera;
    private const string Video = MsmCameraDomainNames.Video;

    /// <summary>The IOVAs the session hands out, in order, in both eras.</summary>
    public static readonly uint[] ExpectedIovas =
    [
        0x00020000, 0x00023000,                         // IMEM ping, pong
        0x00026000, 0x00030000, 0x00100000, 0x0002B000, // frames: 4K-aligned 20K, 64K-aligned 128K, 1M-aligned 2M, 8K 2X
        0x0002F000, 0x00050000, 0x00052000, 0x0002F000, 0x00052000, 0x00054000, 0x00052000, 0x00057000, // JPEG churn
        0x00020000,                                     // firmware (VIDEO_FIRMWARE_POOL)
        0x01000000, 0x00040000,                         // codec buffer (VIDEO_MAIN_POOL, VIDEO_FIRMWARE_POOL)
    ];

    /// <summary>A fresh rig of the era under test.</summary>
    protected abstract MsmCameraRig NewRig();

    /// <summary>The era's page sizes mid-session for frame F3 (2M, 1M aligned) and the 1M codec buffer.</summary>
    protected abstract void AssertSessionPages(MsmCameraRig rig, MsmCameraClient cam, uint f3, uint codec);

    /// <summary>After the session: every IOVA of the era's pools is free again and the era logged nothing amiss.</summary>
    protected abstract void AssertSessionFreed(MsmCameraRig rig);

    [Fact]
    public void FullSession_HandsOutTheExpectedIovasAndLeavesNothingMapped()
    {
        MsmCameraRig rig = NewRig();
        uint f1 = rig.Phys(0x5000, 0x1000);
        uint f2 = rig.Phys(0x20000, 0x10000);
        uint f3 = rig.Phys(0x200000, 0x100000);
        uint f4 = rig.Phys(0x2000, 0x1000);
        uint[] jpeg = Enumerable.Range(0, 8).Select(_ => rig.Phys(0x3000, 0x1000)).ToArray();
        uint fw = rig.Phys(0x20000, 0x20000);
        uint codec = rig.Phys(0x100000, 0x100000);
        int pagesBefore = rig.Soc.Pages.AllocatedPages;

        MsmCameraClient cam = rig.OpenClient();
        var iovas = new List<uint>(cam.Buffers.Select(b => b.Iova));
        var frames = new List<int>();
        foreach ((uint phys, uint len, uint flags) in new[] { (f1, 0x5000u, 0u), (f2, 0x20000u, 0x10000u), (f3, 0x200000u, MsmCameraFrameFlags.ALIGN_IOVA_1M), (f4, 0x2000u, MsmCameraFrameFlags.IOMMU_2X) })
        {
            Assert.Equal(0, cam.RegisterFrame(phys, len, flags, out int h));
            frames.Add(h);
            iovas.Add(cam.Buffers.Single(b => b.Handle == h).Iova);
        }

        // JPEG churn: sizes 4K, 8K, 12K in turn; every second map releases the buffer mapped before it.
        var live = new List<int>();
        for (int i = 0; i < jpeg.Length; i++)
        {
            Assert.Equal(0, cam.JpegMap(jpeg[i], (uint)(i % 3 + 1) * 0x1000, out int h));
            iovas.Add(cam.Buffers.Single(b => b.Handle == h).Iova);
            if (i % 2 == 1)
            {
                Assert.Equal(0, cam.JpegUnmap(live[^1]));
                live.RemoveAt(live.Count - 1);
            }
            live.Add(h);
        }

        Assert.Equal(0, cam.CodecMap(fw, 0x20000, firmware: true, out int hfw));
        Assert.Equal(0, cam.CodecMap(codec, 0x100000, firmware: false, out int hcodec));
        iovas.AddRange(cam.Buffers.Where(b => b.Handle == hfw || b.Handle == hcodec).Select(b => b.Iova));
        Assert.Equal(ExpectedIovas, iovas);

        AssertSessionPages(rig, cam, f3, codec);

        // What the device sees mid-session.
        Assert.Equal((f3 + 0x123456, 2u), Seen(MsmCameraRig.Translate(cam, Camera, 0x00223456)));
        Assert.Equal((rig.IommuDummyPhys + 0x10, 1u), Seen(MsmCameraRig.Translate(cam, Camera, 0x0002D010)));
        Assert.Equal((0x2E000000u + 0x10, 7u), Seen(MsmCameraRig.Translate(cam, Camera, 0x00020010)));
        Assert.Equal((codec + 0xFFFFC, 2u), Seen(MsmCameraRig.Translate(cam, Video, 0x010FFFFC)));
        Assert.Equal((codec + 0xFFFFC, 2u), Seen(MsmCameraRig.Translate(cam, Video, 0x0013FFFC)));

        foreach (int h in frames)
            Assert.Equal(0, cam.UnregisterFrame(h));
        foreach (int h in live)
            Assert.Equal(0, cam.JpegUnmap(h));
        Assert.Equal(0, cam.CodecUnmap(hcodec));
        Assert.Equal(0, cam.CodecUnmap(hfw));
        Assert.Equal(0, cam.Release());

        Assert.Empty(cam.Buffers);
        Assert.True(rig.TableEmpty(cam, Camera));
        Assert.True(rig.TableEmpty(cam, Video));
        Assert.Equal(0, rig.Kmem.VmAreaCount);
        AssertSessionFreed(rig);
        // Every second-level table was freed; what stays is the documented leak of a board client: the domains
        // (first-level tables, allocated at boot) and the attached contexts.
        Assert.Equal(pagesBefore, rig.Soc.Pages.AllocatedPages);
        Assert.Equal(6, cam.AttachedContexts(Camera).Count);
        Assert.Equal(3, cam.AttachedContexts(Video).Count);
    }

    private static (uint Pa, uint MemoryType) Seen(MsmTranslation t)
    {
        Assert.True(t.Succeeded);
        return (t.Pa, t.MemoryTypeIndex);
    }
}
