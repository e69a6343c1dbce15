using static Legacy.Msm.MsmDomainNumbers;
using static Legacy.Msm.MsmSubsystemIds;
using static Legacy.Msm.MsmSubsystemMapFlags;

namespace Legacy.Msm.Vendor.Tests;

public class SubsystemTablesTests
{
    [Fact]
    public void SubsystemIds_HaveTheHeaderValues()
    {
        Assert.Equal(
            [-1, 0, 1, 2, 3, 4, 5],
            [INVALID_SUBSYS_ID, MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE, MSM_SUBSYSTEM_CAMERA, MSM_SUBSYSTEM_DISPLAY, MSM_SUBSYSTEM_ROTATOR, MAX_SUBSYSTEM_ID]);
    }

    [Fact]
    public void MapFlags_HaveTheHeaderValues()
    {
        Assert.Equal(
            [0x1u, 0x2u, 0x4u, 0x8u, 0x10u, 0x2000u, 0x100000u],
            [MSM_SUBSYSTEM_MAP_KADDR, MSM_SUBSYSTEM_MAP_IOVA, MSM_SUBSYSTEM_MAP_CACHED, MSM_SUBSYSTEM_MAP_UNCACHED, MSM_SUBSYSTEM_MAP_IOMMU_2X, MSM_SUBSYSTEM_ALIGN_IOVA_8K, MSM_SUBSYSTEM_ALIGN_IOVA_1M]);
    }

    [Theory]
    [InlineData(MSM_SUBSYSTEM_VIDEO, VIDEO_DOMAIN)]
    [InlineData(MSM_SUBSYSTEM_VIDEO_FWARE, VIDEO_DOMAIN)]
    [InlineData(MSM_SUBSYSTEM_CAMERA, CAMERA_DOMAIN)]
    [InlineData(MSM_SUBSYSTEM_DISPLAY, DISPLAY_READ_DOMAIN)]
    [InlineData(MSM_SUBSYSTEM_ROTATOR, DISPLAY_WRITE_DOMAIN)]
    [InlineData(MAX_SUBSYSTEM_ID, ROTATOR_SRC_DOMAIN)]
    [InlineData(6, ROTATOR_SRC_DOMAIN)]
    [InlineData(7, ROTATOR_SRC_DOMAIN)]
    [InlineData(INVALID_SUBSYS_ID, ROTATOR_SRC_DOMAIN)]
    [InlineData(-2, ROTATOR_SRC_DOMAIN)]
    [InlineData(int.MinValue, ROTATOR_SRC_DOMAIN)]
    [InlineData(int.MaxValue, ROTATOR_SRC_DOMAIN)]
    public void SubsystemToDomain_MapsEachSubsystemToItsDomain(int subsys, int domain)
    {
        Assert.Equal((uint)domain, MsmSubsystem.MsmSubsystemGetDomainNo(subsys));
    }

    [Theory]
    [InlineData(MSM_SUBSYSTEM_VIDEO, VIDEO_MAIN_POOL)]
    [InlineData(MSM_SUBSYSTEM_VIDEO_FWARE, VIDEO_FIRMWARE_POOL)]
    [InlineData(MSM_SUBSYSTEM_CAMERA, GEN_POOL)]
    [InlineData(MSM_SUBSYSTEM_DISPLAY, GEN_POOL)]
    [InlineData(MSM_SUBSYSTEM_ROTATOR, GEN_POOL)]
    [InlineData(MAX_SUBSYSTEM_ID, unchecked((int)0xFFFFFFFF))]
    [InlineData(INVALID_SUBSYS_ID, unchecked((int)0xFFFFFFFF))]
    [InlineData(7, unchecked((int)0xFFFFFFFF))]
    public void SubsystemToPartition_MapsEachSubsystemToItsPool(int subsys, int partition)
    {
        Assert.Equal(unchecked((uint)partition), MsmSubsystem.MsmSubsystemGetPartitionNo(subsys));
    }
}
