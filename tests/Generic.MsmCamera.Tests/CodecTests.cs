using Migration.Clients.Testing;
namespace Generic.MsmCamera.Tests;

/// <summary>The ported vidc_insert_addr_table / ddl_pmem_alloc: VIDEO partitions on IovaAllocator (msm.md §7.3, §7.6, §8, §9.13).</summary>
public class CodecTests : MsmCameraCodecContract
{
    protected override MsmCameraRig NewRig() => new CameraRig();

    private const string Video = MsmCameraDomainNames.Video;

    [Fact]
    public void Firmware_IsMappedInTheFirmwarePartitionAndKernelMapped_TwiceIsAllowed()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x20000, 0x20000);
        Assert.Equal(0, cam.CodecMap(phys, 0x20000, firmware: true, out int h));
        Assert.Equal([new MsmCameraBuffer(h, Video, 0x00020000, 0x20000, phys)], cam.Buffers.Where(b => b.Handle == h));
        Assert.Equal(1, rig.Kmem.VmAreaCount);
        // 128K at a 128K-aligned iova and phys: two 64K large pages of class 2.
        Assert.Equal((phys + 0x10000) | CameraRig.Sl64KBuffer, rig.Sl(cam, Video, 0x0003F000));
        // Divergence: the legacy phys_root refused a second kernel mapping (-EINVAL); ioremap does not.
        Assert.Equal(0, cam.CodecMap(phys, 0x20000, firmware: true, out int twice));
        Assert.Equal(0x00040000u, cam.Buffers.Single(b => b.Handle == twice).Iova);
        Assert.Equal(2, rig.Kmem.VmAreaCount);
        Assert.Equal(0, cam.CodecUnmap(twice));
        Assert.Equal(0, cam.CodecUnmap(h));
        Assert.Equal(0, rig.Kmem.VmAreaCount);
        Assert.True(rig.TableEmpty(cam, Video));
    }

    [Fact]
    public void FirmwarePartitionExhausted_LeavesIova0_AndTheUnmapLeavesTheOtherBufferAlone()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint physA = rig.Phys(0x800000, 0x100000);
        uint physB = rig.Phys(0x800000, 0x100000);
        Assert.Equal(0, cam.CodecMap(physA, 0x800000, firmware: false, out int a));
        Assert.Equal(0, cam.CodecMap(physB, 0x800000, firmware: false, out int b));
        // The same Buffers as the legacy world (§9.13 kept at map time) ...
        Assert.Equal([0x01000000u, 0x00020000u], cam.Buffers.Where(x => x.Handle == a).Select(x => x.Iova));
        Assert.Equal([0x01800000u, 0u], cam.Buffers.Where(x => x.Handle == b).Select(x => x.Iova));
        Assert.Contains("msm camera: could not allocate iova address in video (iova left 0)", rig.Platform.Log);
        // ... sections where possible: a's main mapping is 8 sections of class 2.
        Assert.Equal(physA | CameraRig.SectionBuffer, rig.Fl(cam, Video, 0x01000000));

        // Divergence: no unmap from IOVA 0, no gen_pool_free BUG; a's firmware mapping survives.
        Assert.Equal(0, cam.CodecUnmap(b));
        Assert.False(rig.Walk(cam, Video, 0x01800000).Succeeded);
        Assert.Equal(physA, rig.Walk(cam, Video, 0x00020000).Pa);
        Assert.Equal(physA + 0x7DF000, rig.Walk(cam, Video, 0x007FF000).Pa);
        Assert.Equal(physA, rig.Walk(cam, Video, 0x01000000).Pa);
        Assert.True(rig.Platform.VideoFirmwarePool.IsAllocated(0x00020000));
        Assert.False(rig.Platform.VideoMainPool.IsAllocated(0x01800000));
    }
}
