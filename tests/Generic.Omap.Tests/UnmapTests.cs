using Generic.Iommu;
using Migration.Kernel;

namespace Generic.Omap.Tests;

/// <summary>omap_iommu_unmap under the 3.3 iommu_unmap loop (omap.md §7.3, §7.4, §8.3, §8.23).</summary>
public class UnmapTests
{
    [Fact]
    public void Unmap0x3000_WalksThroughHolesInsideAnL2Table()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40001000, 0x50001000, 0x1000, 0));
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40010000, 0x50010000, 0x1000, 0)); // keeps the L2 table alive

        // 0x40000000: empty PTE → 4K; 0x40001000: the mapping → 4K; 0x40002000: empty PTE → 4K.
        Assert.Equal(0x3000u, IommuApi.Unmap(rig.Domain, 0x40000000, 0x3000));

        Assert.Equal(0u, rig.Pte(0x40001000));
        Assert.Equal(0x50010002u, rig.Pte(0x40010000));
    }

    [Fact]
    public void Unmap0x3000_OverALoneMapping_StopsAtTheL1EntryItsTableFreeingEmptied()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x1000, 0));

        // Clearing the last PTE frees the L2 table and zeroes the L1 entry: the next call returns 0.
        Assert.Equal(0x1000u, IommuApi.Unmap(rig.Domain, 0x40000000, 0x3000));

        Assert.Equal(0u, rig.Pgd(0x40000000));
        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
    }

    [Fact]
    public void Unmap_EmptyL1Entry_ReturnsZero()
    {
        var rig = new GenericOmapRig();

        Assert.Equal(0u, rig.Driver.Ops.Unmap(rig.Domain, 0x40000000, 0x1000));
        Assert.Equal(0u, IommuApi.Unmap(rig.Domain, 0x40000000, 0x1000));
    }

    [Fact]
    public void OpUnmap_IgnoresSize_AndClearsTheWholePageCoveringDa()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x100000, 0));

        Assert.Equal(0x100000u, rig.Driver.Ops.Unmap(rig.Domain, 0x40080000, 0x1000));

        Assert.Equal(0u, rig.Pgd(0x40000000));
    }

    [Fact]
    public void Unmap_InsideALargePage_ReturnsTheLargePageSize()
    {
        var rig = new GenericOmapRig();
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50000000, 0x10000, 0));

        Assert.Equal(0x10000u, IommuApi.Unmap(rig.Domain, 0x40000000, 0x1000));

        Assert.Equal(0u, rig.Pgd(0x40000000));
    }

    [Fact]
    public void Unmap_WithoutAttachedIommu_DereferencesNull()
    {
        var rig = new GenericOmapRig(attach: false);

        Assert.Throws<KernelBugException>(() => IommuApi.Unmap(rig.Domain, 0x40000000, 0x1000));
        Assert.Throws<KernelBugException>(() => IommuApi.IovaToPhys(rig.Domain, 0x40000000));
    }
}
