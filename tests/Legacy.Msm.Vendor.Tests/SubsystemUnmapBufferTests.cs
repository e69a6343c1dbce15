using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;
using static Legacy.Msm.MsmSubsystemIds;
using static Legacy.Msm.MsmSubsystemMapFlags;

namespace Legacy.Msm.Vendor.Tests;

public class SubsystemUnmapBufferTests
{
    private const uint Phys = 0x8A340000;

    [Fact]
    public void NullAndErrorPointers_AreEInval()
    {
        var rig = new VendorRig();
        Assert.Equal(VendorRig.EINVAL, rig.Subsystem.UnmapBuffer(ErrPtr<MsmMappedBuffer>.Null));
        Assert.Equal(VendorRig.EINVAL, rig.Subsystem.UnmapBuffer(ErrPtr<MsmMappedBuffer>.Error(-Errno.ENOMEM)));
    }

    [Fact]
    public void UnknownBuffer_IsEInval()
    {
        var rig = new VendorRig();
        Assert.Equal(VendorRig.EINVAL, rig.Subsystem.UnmapBuffer(new MsmMappedBuffer()));
        Assert.Equal(VendorRig.EINVAL, rig.Subsystem.UnmapBuffer(new MsmMappedBuffer { Vaddr = KernelMemory.VMALLOC_START }));
    }

    [Fact]
    public void SecondUnmap_IsEInval()
    {
        var rig = new VendorRig();
        ErrPtr<MsmMappedBuffer> buf = rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 1);
        Assert.Equal(0, rig.Subsystem.UnmapBuffer(buf));
        Assert.Equal(VendorRig.EINVAL, rig.Subsystem.UnmapBuffer(buf));
    }

    [Fact]
    public void AnotherStructWithTheSameVaddr_IsEInvalAndTheRealOneStillUnmaps()
    {
        var rig = new VendorRig();
        MsmMappedBuffer real = rig.Subsystem.MapBuffer(0x8A345000, 0x1000, MSM_SUBSYSTEM_MAP_KADDR, null, 0).Value!;
        var forged = new MsmMappedBuffer { Vaddr = real.Vaddr };
        Assert.Equal(VendorRig.EINVAL, rig.Subsystem.UnmapBuffer(forged));
        Assert.Contains("same buffer structure", rig.Subsystem.Log[^1]);
        Assert.Equal(1, rig.Subsystem.BufferCount);
        Assert.Equal(0, rig.Subsystem.UnmapBuffer(real));
    }

    [Fact]
    public void Kaddr_UnmapIounmapsAndAllowsRemapping()
    {
        var rig = new VendorRig();
        int areas = rig.Kmem.VmAreaCount;
        MsmMappedBuffer buf = rig.Subsystem.MapBuffer(0x8A345000, 0x2000, MSM_SUBSYSTEM_MAP_KADDR, null, 0).Value!;
        uint vaddr = buf.Vaddr;
        Assert.Equal(0, rig.Subsystem.UnmapBuffer(buf));
        Assert.Equal(areas, rig.Kmem.VmAreaCount);
        Assert.False(rig.Kmem.TryTranslate(vaddr, out _));
        Assert.Equal((0, 0), (rig.Subsystem.BufferCount, rig.Subsystem.PhysBufferCount));
        Assert.False(rig.Subsystem.MapBuffer(0x8A345000, 0x2000, MSM_SUBSYSTEM_MAP_KADDR, null, 0).IsErrOrNull);
    }

    [Fact]
    public void IovaWithNullSubsysIds_UnmapsToo()
    {
        var rig = new VendorRig();
        ErrPtr<MsmMappedBuffer> buf = rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, null, 0);
        Assert.Equal(0, rig.Subsystem.UnmapBuffer(buf));
        Assert.Equal(0, rig.Subsystem.BufferCount);
    }

    [Fact]
    public void AllocationFailureIova0_UnmapWarnsPerPageThenBugsInGenPoolFree()
    {
        var rig = new VendorRig();
        Assert.Equal(0x00020000u, rig.Domains.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x00FE0000, 0x1000));
        ErrPtr<MsmMappedBuffer> buf = rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE], 2);
        Assert.Equal([0x01000000u, 0u], buf.Value!.Iova!);
        var bug = Assert.Throws<KernelBugException>(() => rig.Subsystem.UnmapBuffer(buf));
        Assert.Contains("gen_pool_free(0x00000000, 0x2000)", bug.Site);
        // Subsystem 0 was fully torn down first; subsystem 1's two pages at IOVA 0 hit an empty
        // first-level slot (-ENODEV), each one a WARN.
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x01000000));
        Assert.False(rig.Pool(VIDEO_DOMAIN, VIDEO_MAIN_POOL).IsAllocated(0x01000000, 0x1000));
        Assert.Equal(2, rig.Subsystem.UnmapWarnings);
    }

    [Fact]
    public void UnknownSubsystem_UnmapsIova0InRotatorSrcWarnsAndSkipsTheFree()
    {
        var rig = new VendorRig();
        ErrPtr<MsmMappedBuffer> buf = rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA, [7], 1);
        Assert.Equal(0, rig.Subsystem.UnmapBuffer(buf));
        Assert.Equal(2, rig.Subsystem.UnmapWarnings);
        Assert.Equal("msm_free_iova_address: WARN: invalid partition 4294967295 for domain 4", Assert.Single(rig.Domains.Log));
    }

    [Fact]
    public void NullDomainSubsystem_UnmapIsANullDomainOops()
    {
        var rig = new VendorRig(beforeDomains: r => r.Core.DomainAllocFaults.FailAt(2)); // CAMERA_DOMAIN is NULL
        ErrPtr<MsmMappedBuffer> buf = rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 1);
        Assert.Equal([0u], buf.Value!.Iova!);
        var bug = Assert.Throws<KernelBugException>(() => rig.Subsystem.UnmapBuffer(buf));
        Assert.Contains("iommu_unmap: NULL pointer dereference", bug.Site);
    }

    [Fact]
    public void SubsysIdsAreStoredNotCopied_UnmapFollowsTheCallersEdits()
    {
        var rig = new VendorRig();
        int[] ids = [MSM_SUBSYSTEM_VIDEO];
        ErrPtr<MsmMappedBuffer> buf = rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA, ids, 1);
        ids[0] = MSM_SUBSYSTEM_CAMERA;
        // Unmap now walks the camera domain (empty there: two WARNs) and frees 0x01000000 in the camera
        // GEN_POOL, whose granules were never allocated: gen_pool_free BUGs.
        var bug = Assert.Throws<KernelBugException>(() => rig.Subsystem.UnmapBuffer(buf));
        Assert.Contains("gen_pool_free(0x01000000", bug.Site);
        Assert.Equal(2, rig.Subsystem.UnmapWarnings);
        Assert.Equal(0x8A340C3Au, rig.Pte(rig.Video, 0x01000000));
    }

    [Fact]
    public void CleanRoundTripOfSeveralBuffers_NeverWarns()
    {
        var rig = new VendorRig();
        var bufs = new List<ErrPtr<MsmMappedBuffer>>
        {
            rig.Subsystem.MapBuffer(Phys, 0x3000, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_MAP_IOMMU_2X, [MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE], 2),
            rig.Subsystem.MapBuffer(0x8A400000, 0x1000, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_MAP_KADDR, [MSM_SUBSYSTEM_CAMERA, MSM_SUBSYSTEM_ROTATOR, MSM_SUBSYSTEM_DISPLAY], 3),
        };
        foreach (ErrPtr<MsmMappedBuffer> b in bufs)
            Assert.Equal(0, rig.Subsystem.UnmapBuffer(b));
        Assert.Equal(0, rig.Subsystem.UnmapWarnings);
        Assert.Equal((0, 0), (rig.Subsystem.BufferCount, rig.Subsystem.PhysBufferCount));
        for (int d = 0; d < MAX_DOMAINS; d++)
            VendorRig.Priv(rig.Domain(d)).PageTable.ForEachSecondLevelTable(t => Assert.Fail($"domain {d} still has a table at 0x{t:x8}"));
    }
}
