using Migration.Clients.Testing;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.MsmCamera.Tests;

/// <summary>vidc_insert_addr_table and ddl_pmem_alloc on msm_subsystem_map_buffer for VIDEO (msm.md §7.3, §7.6, §8, §9.13).</summary>
public class CodecTests : MsmCameraCodecContract
{
    protected override MsmCameraRig NewRig() => new CameraRig();

    private const string Video = MsmCameraDomainNames.Video;

    [Fact]
    public void Firmware_IsMappedInTheFirmwarePartitionAndKernelMapped()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint phys = rig.Phys(0x20000, 0x20000);
        Assert.Equal(0, cam.CodecMap(phys, 0x20000, firmware: true, out int h));
        Assert.Equal([new MsmCameraBuffer(h, Video, 0x00020000, 0x20000, phys)], cam.Buffers.Where(b => b.Handle == h));
        Assert.Equal(1, rig.Kmem.VmAreaCount); // MSM_SUBSYSTEM_MAP_KADDR: ioremap
        Assert.Equal((phys + 0x1F000) | CameraRig.Sl4KBuffer, rig.Sl(cam, Video, 0x0003F000));
        // phys_root refuses a second kernel mapping of the same phys.
        Assert.Equal(CameraRig.EINVAL, cam.CodecMap(phys, 0x20000, firmware: true, out int twice));
        Assert.Equal(0, twice);
        Assert.Equal(0, cam.CodecUnmap(h));
        Assert.Equal(0, rig.Kmem.VmAreaCount);
        Assert.True(rig.TableEmpty(cam, Video));
    }

    [Fact]
    public void FirmwarePartitionExhausted_LeavesIova0_AndTheUnmapWipesIova0OnwardsThenBugs()
    {
        var rig = new CameraRig();
        MsmCamera cam = rig.Open();
        uint physA = rig.Phys(0x800000, 0x100000);
        uint physB = rig.Phys(0x800000, 0x100000);
        Assert.Equal(0, cam.CodecMap(physA, 0x800000, firmware: false, out int a));
        // VIDEO_FIRMWARE_POOL is [128K, 16M): the second 8M cannot fit after [0x20000, 0x820000).
        Assert.Equal(0, cam.CodecMap(physB, 0x800000, firmware: false, out int b));
        Assert.Equal([0x01000000u, 0x00020000u], cam.Buffers.Where(x => x.Handle == a).Select(x => x.Iova));
        Assert.Equal([0x01800000u, 0u], cam.Buffers.Where(x => x.Handle == b).Select(x => x.Iova));
        Assert.Contains("msm_subsystem_map_buffer: could not allocate iova address", rig.Platform.Subsystem.Log);

        // §9.13: the unmap of b unmaps its main iova, then 8M of 4K pages from IOVA 0 — through a's firmware
        // mapping [0x20000, 0x800000) — and then gen_pool_free(IOVA 0) BUGs.
        Assert.Throws<KernelBugException>(() => cam.CodecUnmap(b));
        Assert.False(rig.Walk(cam, Video, 0x01800000).Succeeded);
        Assert.False(rig.Walk(cam, Video, 0x00020000).Succeeded);
        Assert.False(rig.Walk(cam, Video, 0x007FF000).Succeeded);
        Assert.Equal(physA + 0x7E0000, rig.Walk(cam, Video, 0x00800000).Pa); // the tail past 8M survives
        Assert.Equal(physA, rig.Walk(cam, Video, 0x01000000).Pa);
        // Every page of [0, 8M) lies under one of a's second-level tables until that table empties: the order-based
        // unmap returns 0 even for the empty slots below 0x20000 (§9.8), so not one warning is printed.
        Assert.Equal(0, rig.Platform.Subsystem.UnmapWarnings);
        Assert.True(rig.Pool(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL).IsAllocated(0x00020000, 0x800000));
    }
}
