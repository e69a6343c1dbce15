using Generic.Iommu;
using Migration.Kernel;

namespace Generic.Omap.Tests;

/// <summary>omap_iommu_map under the 3.3 iommu_map (omap.md §7.3, §7.4, §7.5).</summary>
public class MapTests
{
    [Fact]
    public void Map0x111000_SplitsIntoASectionSixteenLargePtesAndOneSmallPte()
    {
        var rig = new GenericOmapRig();

        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x111000, 0));

        Assert.Equal(0x50000002u, rig.Pgd(0x40000000)); // section, 3.1+ attributes: none
        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x50100001u, rig.Pte(0x40100000 + (i << 12))); // one 64K page = 16 replicas
        Assert.Equal(0x50110002u, rig.Pte(0x40110000));
        Assert.Equal(0u, rig.Pte(0x40111000));
        Assert.Equal(0x500ABCDEu, IommuApi.IovaToPhys(rig.Domain, 0x400ABCDE));
        Assert.Equal(0x5010F123u, IommuApi.IovaToPhys(rig.Domain, 0x4010F123));
        Assert.Equal(0x50110FFFu, IommuApi.IovaToPhys(rig.Domain, 0x40110FFF));
        Assert.Equal(0u, IommuApi.IovaToPhys(rig.Domain, 0x40111000)); // empty PTE: "bogus pte"
    }

    [Fact]
    public void ProtReadWrite_On4KAt4KAlignedDa_BecomesA16MRequest_RejectedBySupersectionAlignment()
    {
        var rig = new GenericOmapRig();

        // IOMMU_READ | IOMMU_WRITE = 3 ORed into the 4K code 2 gives code 3 = 16M (§7.3).
        Assert.Equal(-22, IommuApi.Map(rig.Domain, 0x40001000, 0x50001000, 0x1000, 3));

        Assert.Equal(0u, rig.Pgd(0x40001000));
        Assert.True(rig.L1TableIsZero());
    }

    [Fact]
    public void ProtReadWrite_On4KAt16MAlignedDa_WritesAWholeSupersection()
    {
        var rig = new GenericOmapRig();

        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x1000, 3));

        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x50040002u, rig.Pgd(0x40000000 + (i << 20)));
        Assert.Equal(0u, rig.Pgd(0x41000000));
        Assert.Equal(0x50FFF000u, IommuApi.IovaToPhys(rig.Domain, 0x40FFF000));
    }

    [Fact]
    public void ProtBitsAreReadAsIovmfAttributes_NotTranslated()
    {
        var rig = new GenericOmapRig();

        // 0x40 is IOVMF_MIXED: M lands at PTE bit 11 ((mixed << 5), shift 0 for 4K in 3.1+, §3.4); IOMMU_CACHE (4) is dropped.
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x1000, 0x40 | 4));

        Assert.Equal(0x50000802u, rig.Pte(0x40000000));
    }

    [Fact]
    public void Misaligned64KRequest_IsSplitByTheCoreInto4KPages()
    {
        var rig = new GenericOmapRig();

        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40001000, 0x50001000, 0x10000, 0));

        for (uint i = 0; i < 16; i++)
            Assert.Equal(0x50001002u + (i << 12), rig.Pte(0x40001000 + (i << 12)));
        Assert.Equal(0u, rig.Pte(0x40000000));
        Assert.Equal(0u, rig.Pte(0x40011000));
    }

    [Fact]
    public void OpMap_Misaligned64K_IsEinval()
    {
        var rig = new GenericOmapRig();

        Assert.Equal(-22, rig.Driver.Ops.Map(rig.Domain, 0x40001000, 0x50001000, 0x10000, 0));

        Assert.Equal(0u, rig.Pte(0x40001000)); // §8.5: the L2 table was installed before the check, left empty
        Assert.Equal(1, rig.Driver.L2Cache.LiveObjects);
    }

    [Fact]
    public void OpMap_SizeThatIsNotAPageSize_IsEinval()
    {
        var rig = new GenericOmapRig();

        Assert.Equal(-22, rig.Driver.Ops.Map(rig.Domain, 0x40000000, 0x50000000, 0x2000, 0));

        Assert.True(rig.L1TableIsZero());
    }

    [Fact]
    public void Map_WithoutAttachedIommu_DereferencesNull()
    {
        var rig = new GenericOmapRig(attach: false);

        var ex = Assert.Throws<KernelBugException>(() => IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x1000, 0));
        Assert.Contains("NULL pointer dereference", ex.Site);
    }

    [Fact]
    public void Ops_PgsizeBitmapAndCap()
    {
        var rig = new GenericOmapRig();

        Assert.Equal(0x01111000u, rig.Driver.Ops.PgsizeBitmap);
        Assert.Equal(0, IommuApi.DomainHasCap(rig.Domain, 1));
        Assert.Same(rig.Driver.Ops, rig.Bus.IommuOps);
    }
}
