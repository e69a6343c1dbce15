using static Legacy.Msm.MsmDomainNumbers;
using static Legacy.Msm.MsmSubsystemIds;
using static Legacy.Msm.MsmSubsystemMapFlags;

namespace Legacy.Msm.Vendor.Tests;

public class CheckIovaMappingTests
{
    private const uint Phys = 0x8A340000;

    [Fact]
    public void MappedVideoBuffer_TranslatesPerSubsystem()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE], 2).Value!;
        Assert.Equal(0x8A340010u, rig.Subsystem.CheckIovaMapping(MSM_SUBSYSTEM_VIDEO, buf.Iova![0] + 0x10));
        Assert.Equal(0x8A341000u, rig.Subsystem.CheckIovaMapping(MSM_SUBSYSTEM_VIDEO_FWARE, buf.Iova[1] + 0x1000));
        Assert.Equal(0u, rig.Subsystem.CheckIovaMapping(MSM_SUBSYSTEM_VIDEO, buf.Iova[0] + 0x2000));
    }

    [Fact]
    public void UnknownIds_LookInRotatorSrcDomain()
    {
        var rig = new VendorRig();
        Assert.Equal(0, rig.Domains.MsmIommuMapContigBuffer(Phys, ROTATOR_SRC_DOMAIN, GEN_POOL, 0x1000, 0x1000, 0, out uint iova));
        Assert.Equal(Phys + 0x20, rig.Subsystem.CheckIovaMapping(7, iova + 0x20));
        Assert.Equal(Phys + 0x20, rig.Subsystem.CheckIovaMapping(INVALID_SUBSYS_ID, iova + 0x20));
        Assert.Equal(Phys + 0x20, rig.Subsystem.CheckIovaMapping(MAX_SUBSYSTEM_ID, iova + 0x20));
        // The camera domain has nothing at that IOVA.
        Assert.Equal(0u, rig.Subsystem.CheckIovaMapping(MSM_SUBSYSTEM_CAMERA, iova + 0x20));
    }

    [Fact]
    public void DomainWithoutAttachedContext_Is0EvenWhenMapped()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_ROTATOR], 1).Value!;
        Assert.Equal(Phys | VendorRig.Mainline4KRw, rig.Pte(rig.Domain(DISPLAY_WRITE_DOMAIN), buf.Iova![0]));
        Assert.Equal(0u, rig.Subsystem.CheckIovaMapping(MSM_SUBSYSTEM_ROTATOR, buf.Iova[0]));
    }

    [Fact]
    public void WithoutIommu_IsIdentity()
    {
        var rig = new VendorRig(VendorRig.NoDomains);
        Assert.Equal(0x12345678u, rig.Subsystem.CheckIovaMapping(MSM_SUBSYSTEM_VIDEO, 0x12345678));
    }

    [Fact]
    public void NullDomain_IsANullDomainOops()
    {
        var rig = new VendorRig(beforeDomains: r => r.Core.DomainAllocFaults.FailAt(2)); // CAMERA_DOMAIN is NULL
        Assert.Throws<Migration.Kernel.KernelBugException>(() => rig.Subsystem.CheckIovaMapping(MSM_SUBSYSTEM_CAMERA, 0x20000));
    }
}
