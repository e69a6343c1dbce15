using CsCheck;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.Msm.Vendor.Tests;

public class IovaAllocatorTests
{
    [Fact]
    public void CameraGenPool_FirstFitFromPartitionStart()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        Assert.Equal(0x00020000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
        Assert.Equal(0x00021000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x3000, 0x1000));
        Assert.Equal(0x00024000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
    }

    [Fact]
    public void Size_IsRoundedUpToWholeGranules()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        Assert.Equal(0x00020000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1801, 0x1000));
        Assert.Equal(0x00022000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 1, 0x1000));
    }

    [Fact]
    public void VideoPartitions_EachStartAtItsOwnBase()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        Assert.Equal(0x00020000u, d.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x1000, 0x1000));
        Assert.Equal(0x01000000u, d.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_MAIN_POOL, 0x1000, 0x1000));
        Assert.Equal(0x10000000u, d.MsmAllocateIovaAddress(VIDEO_DOMAIN, GEN_POOL, 0x1000, 0x1000));
    }

    [Fact]
    public void EachDomain_HasItsOwnGenPool()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        for (uint dom = CAMERA_DOMAIN; dom < MAX_DOMAINS; dom++)
            Assert.Equal(0x00020000u, d.MsmAllocateIovaAddress(dom, GEN_POOL, 0x1000, 0x1000));
    }

    [Fact]
    public void PowerOfTwoAlignment_IsOnTheAbsoluteAddress()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        Assert.Equal(0x00020000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
        Assert.Equal(0x00100000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x100000));
        Assert.Equal(0x00022000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x2000));
        // The hole left below 1M is still used first-fit by unaligned requests.
        Assert.Equal(0x00021000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
    }

    [Fact]
    public void NonPowerOfTwoAlignment_RoundsDownByIlog2_1M5Gives1M()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        Assert.Equal(0x00020000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
        // ilog2(0x180000) = 20: 1 MiB, not a multiple of 1.5 MiB (which would be 0x180000) — msm.md §9.14.
        Assert.Equal(0x00100000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x180000));
    }

    [Fact]
    public void NonPowerOfTwoAlignment_RoundsDownByIlog2_12KGives8K()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        Assert.Equal(0x00020000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
        // 0x21000 is a multiple of 0x3000, but ilog2(0x3000) = 13 asks for 8K: 0x22000.
        Assert.Equal(0x00022000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x3000));
    }

    [Theory]
    [InlineData(0x800u)]
    [InlineData(1u)]
    [InlineData(0u)] // model choice: ilog2(0) is undefined in the kernel, taken as order 0
    public void AlignmentBelow4K_Means4K(uint align)
    {
        MsmIommuDomains d = new VendorRig().Domains;
        Assert.Equal(0x00020000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
        Assert.Equal(0x00021000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, align));
    }

    [Fact]
    public void Exhaustion_Returns0()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        Assert.Equal(0x00020000u, d.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x00FE0000, 0x1000));
        Assert.Equal(0u, d.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x1000, 0x1000));
    }

    [Fact]
    public void RequestLargerThanThePartition_Returns0()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        Assert.Equal(0u, d.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x00FE1000, 0x1000));
        Assert.Equal(0x00020000u, d.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x00FE0000, 0x1000));
    }

    [Fact]
    public void AlignmentThatNoAddressInThePoolSatisfies_Returns0()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        // [128K, 16M) holds no 16 MiB-aligned start.
        Assert.Equal(0u, d.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x1000, 0x01000000));
    }

    [Theory]
    [InlineData(MAX_DOMAINS, GEN_POOL)]
    [InlineData(0xFFFFFFFFu, GEN_POOL)]
    [InlineData(CAMERA_DOMAIN, 3u)]
    [InlineData(CAMERA_DOMAIN, 0xFFFFFFFFu)]
    [InlineData(CAMERA_DOMAIN, VIDEO_FIRMWARE_POOL)] // partition without pool (size 0)
    [InlineData(ROTATOR_DST_DOMAIN, VIDEO_MAIN_POOL)]
    public void BadDomainPartitionOrNoPool_Returns0(uint domain, uint partition)
    {
        Assert.Equal(0u, new VendorRig().Domains.MsmAllocateIovaAddress(domain, partition, 0x1000, 0x1000));
    }

    [Fact]
    public void SizeZero_Returns0()
    {
        Assert.Equal(0u, new VendorRig().Domains.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0, 0x1000));
    }

    [Fact]
    public void FreeThenReallocate_ReturnsTheSameAddress()
    {
        var rig = new VendorRig();
        MsmIommuDomains d = rig.Domains;
        uint a = d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x2000, 0x1000);
        uint b = d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x2000, 0x1000);
        Assert.Equal((0x00020000u, 0x00022000u), (a, b));
        d.MsmFreeIovaAddress(a, CAMERA_DOMAIN, GEN_POOL, 0x2000);
        Assert.False(rig.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(a, 0x1000));
        Assert.Equal(a, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x2000, 0x1000));
        Assert.Equal(0x00024000u, d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
    }

    [Fact]
    public void FreeWithBadDomainOrPartition_WarnsAndDoesNothing()
    {
        var rig = new VendorRig();
        MsmIommuDomains d = rig.Domains;
        uint a = d.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000);
        d.MsmFreeIovaAddress(a, MAX_DOMAINS, GEN_POOL, 0x1000);
        d.MsmFreeIovaAddress(a, CAMERA_DOMAIN, 3, 0x1000);
        Assert.Equal(
            ["msm_free_iova_address: WARN: invalid domain 6", "msm_free_iova_address: WARN: invalid partition 3 for domain 1"],
            d.Log);
        Assert.True(rig.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(a, 0x1000));
    }

    [Fact]
    public void FreeInAPartitionWithoutPool_IsANullGenPoolOops()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        var bug = Assert.Throws<KernelBugException>(() => d.MsmFreeIovaAddress(0x20000, CAMERA_DOMAIN, VIDEO_MAIN_POOL, 0x1000));
        Assert.Contains("gen_pool_free(NULL", bug.Site);
    }

    [Fact]
    public void FreeOfIova0_BugsInGenPoolFree()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        var bug = Assert.Throws<KernelBugException>(() => d.MsmFreeIovaAddress(0, VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x2000));
        Assert.Contains("gen_pool_free(0x00000000", bug.Site);
    }

    [Fact]
    public void FreeOfUnallocatedGranules_BugsInGenPoolFree()
    {
        MsmIommuDomains d = new VendorRig().Domains;
        Assert.Throws<KernelBugException>(() => d.MsmFreeIovaAddress(0x20000, CAMERA_DOMAIN, GEN_POOL, 0x1000));
    }

    [Fact]
    public void Property_AllocationsAreAlignedDisjointAndInsideThePartition()
    {
        var rig = new VendorRig();
        var layout = new MsmIovaLayout([[new MsmIovaPartition(0x00020000, 0x00FE0000)]], []);
        Gen.Select(Gen.UInt[1, 0x40000], Gen.UInt[0, 0x400000]).Array[1, 12].Sample(requests =>
        {
            var domains = new MsmIommuDomains(rig.Core, rig.Msm, layout);
            var taken = new List<(ulong Start, ulong End)>();
            foreach ((uint size, uint align) in requests)
            {
                uint iova = domains.MsmAllocateIovaAddress(0, 0, size, align);
                if (iova == 0)
                    continue;
                ulong end = iova + (((ulong)size + 0xFFF) & ~0xFFFUL);
                int order = align == 0 ? 0 : System.Numerics.BitOperations.Log2(align);
                ulong alignment = 1UL << Math.Max(order, 12);
                Assert.Equal(0UL, iova % alignment);
                Assert.True(iova >= 0x00020000 && end <= 0x01000000);
                Assert.DoesNotContain(taken, t => iova < t.End && t.Start < end);
                taken.Add((iova, end));
            }
        }, iter: 60);
    }
}
