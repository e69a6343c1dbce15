using Migration.Hardware.Msm;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.Msm.Vendor.Tests;

public class ContigBufferTests
{
    private const uint Phys = 0x8A340000;

    [Theory]
    [InlineData(0x3000u, 0x2000u)]
    [InlineData(0x1800u, 0x1000u)]
    [InlineData(0x1000u, 0u)] // align − 1 = 0xFFFFFFFF in unsigned long
    public void SizeNotAMultipleOfAlign_IsEInvalAndAllocatesNothing(uint size, uint align)
    {
        var rig = new VendorRig();
        Assert.Equal(VendorRig.EINVAL, rig.Domains.MsmIommuMapContigBuffer(Phys, CAMERA_DOMAIN, GEN_POOL, size, align, 0, out uint iova));
        Assert.Equal(0u, iova);
        Assert.Equal(0x00020000u, rig.Domains.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
    }

    [Fact]
    public void WithoutIommu_IsIdentityAndUnmapIsANoOp()
    {
        var rig = new VendorRig(VendorRig.NoDomains);
        Assert.Equal(0, rig.Domains.MsmIommuMapContigBuffer(Phys, CAMERA_DOMAIN, GEN_POOL, 0x2000, 0x1000, 0, out uint iova));
        Assert.Equal(Phys, iova);
        rig.Domains.MsmIommuUnmapContigBuffer(iova, CAMERA_DOMAIN, GEN_POOL, 0x2000);
        Assert.Empty(rig.Domains.Log);
    }

    [Fact]
    public void Map_AllocatesFromThePartitionAndTheHardwareTranslates()
    {
        var rig = new VendorRig();
        Assert.Equal(0, rig.Domains.MsmIommuMapContigBuffer(Phys, CAMERA_DOMAIN, GEN_POOL, 0x4000, 0x1000, 0, out uint iova));
        Assert.Equal(0x00020000u, iova);
        for (uint i = 0; i < 4; i++)
            Assert.Equal((Phys + i * 0x1000) | VendorRig.Caf4KRwUncached, rig.Pte(rig.Camera, iova + i * 0x1000));
        Assert.Equal(0u, rig.Pte(rig.Camera, iova + 0x4000));
        MsmTranslation t = rig.Translate("vfe_imgwr", 0x00021234, write: true);
        Assert.True(t.Succeeded);
        Assert.Equal(0x8A341234u, t.Pa);
        Assert.Equal(1u, t.MemoryTypeIndex); // NONCACHED class 1
        Assert.Equal(0x8A343FFCu, rig.Translate("jpegd_src", 0x00023FFC).Pa);
    }

    [Fact]
    public void CachedThree_AsCallersPassIt_MapsWithIommuCache()
    {
        var rig = new VendorRig();
        // msm_isp.c passes IOMMU_WRITE|IOMMU_READ (3) as `cached` (msm.md §9.18).
        Assert.Equal(0, rig.Domains.MsmIommuMapContigBuffer(Phys, CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000, 3, out uint iova));
        Assert.Equal(Phys | VendorRig.Caf4KRwCached, rig.Pte(rig.Camera, iova));
        Assert.Equal(7u, rig.Translate("vfe_misc", iova).MemoryTypeIndex);
    }

    [Fact]
    public void OneMegAlignment_GivesA1MAlignedIovaMappedWith4KPages()
    {
        var rig = new VendorRig();
        Assert.Equal(0, rig.Domains.MsmIommuMapContigBuffer(0x8A400000, CAMERA_DOMAIN, GEN_POOL, 0x100000, 0x100000, 0, out uint iova));
        Assert.Equal(0x00100000u, iova);
        Assert.Equal(1u, VendorRig.Fl(rig.Camera, iova) & 3); // a table: CAF 3.0 map_range writes 4K pages only
        Assert.Equal(0x8A4FF000u | VendorRig.Caf4KRwUncached, rig.Pte(rig.Camera, 0x001FF000));
    }

    [Fact]
    public void Unmap_ClearsTheTranslationAndFreesTheIova()
    {
        var rig = new VendorRig();
        Assert.Equal(0, rig.Domains.MsmIommuMapContigBuffer(Phys, CAMERA_DOMAIN, GEN_POOL, 0x2000, 0x1000, 0, out uint iova));
        rig.Domains.MsmIommuUnmapContigBuffer(iova, CAMERA_DOMAIN, GEN_POOL, 0x2000);
        Assert.Equal(0u, VendorRig.Fl(rig.Camera, iova));
        Assert.Equal(MsmTranslationOutcome.Fault, rig.Translate("vpe_src", iova).Outcome);
        Assert.False(rig.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(iova, 0x1000));
        Assert.Equal(0, rig.Domains.MsmIommuMapContigBuffer(Phys, CAMERA_DOMAIN, GEN_POOL, 0x2000, 0x1000, 0, out uint again));
        Assert.Equal(iova, again);
    }

    [Theory]
    [InlineData(CAMERA_DOMAIN, VIDEO_FIRMWARE_POOL)]
    [InlineData(9u, GEN_POOL)]
    [InlineData(CAMERA_DOMAIN, 3u)]
    public void NoIova_IsENomem(uint domain, uint partition)
    {
        var rig = new VendorRig();
        Assert.Equal(VendorRig.ENOMEM, rig.Domains.MsmIommuMapContigBuffer(Phys, domain, partition, 0x1000, 0x1000, 0, out uint iova));
        Assert.Equal(0u, iova);
    }

    [Fact]
    public void MapRangeFailure_FreesTheIovaAndReturnsTheError()
    {
        var rig = new VendorRig();
        // A segment at physical address 0 cannot be mapped (msm.md §5.9).
        Assert.Equal(VendorRig.EINVAL, rig.Domains.MsmIommuMapContigBuffer(0, CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000, 0, out uint iova));
        Assert.Equal(0u, iova);
        Assert.False(rig.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(0x20000, 0x1000));
    }

    [Fact]
    public void ScatterlistVmallocFailure_IsENomemAndFreesTheIova()
    {
        var rig = new VendorRig();
        int areas = rig.Kmem.VmAreaCount;
        rig.Kmem.VmallocFaults.FailAt(1);
        Assert.Equal(VendorRig.ENOMEM, rig.Domains.MsmIommuMapContigBuffer(Phys, CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000, 0, out _));
        Assert.False(rig.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(0x20000, 0x1000));
        Assert.Equal(0u, VendorRig.Fl(rig.Camera, 0x20000));
        Assert.Equal(areas, rig.Kmem.VmAreaCount);
    }

    [Fact]
    public void UnmapOfABadDomain_IsANullDomainOops()
    {
        var rig = new VendorRig();
        Assert.Throws<Migration.Kernel.KernelBugException>(() => rig.Domains.MsmIommuUnmapContigBuffer(0x20000, 9, GEN_POOL, 0x1000));
    }
}
