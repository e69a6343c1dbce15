using Migration.Drivers.Msm;
using Legacy.Iommu;

namespace Legacy.Msm.Tests;

/// <summary>domain_init (msm.md §5.1), get_pt_base_addr and domain_has_cap (§5.11), generic.md §4.2, §4.5, §9.9.</summary>
public class DomainInitTests
{
    [Fact]
    public void KzallocFailure_MakesDomainAllocReturnNull()
    {
        var rig = new LegacyMsmRig(allocDomain: false);
        int pages = rig.Soc.Pages.AllocatedPages;
        rig.Kmem.KzallocFaults.FailAt(1);
        Assert.Null(rig.Core.IommuDomainAlloc(0));
        Assert.Equal(0, rig.Core.LiveDomainCount);
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
        // The next allocation succeeds.
        Assert.NotNull(rig.Core.IommuDomainAlloc(0));
        Assert.Equal(1, rig.Core.LiveDomainCount);
    }

    [Fact]
    public void FirstLevelTableAllocationFailure_MakesDomainAllocReturnNull()
    {
        var rig = new LegacyMsmRig(allocDomain: false);
        int pages = rig.Soc.Pages.AllocatedPages;
        rig.Soc.Pages.Faults.FailAt(1);
        Assert.Null(rig.Core.IommuDomainAlloc(0));
        Assert.Equal(0, rig.Core.LiveDomainCount);
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
    }

    [Fact]
    public void DomainInit_AllocatesAZeroed16KAlignedFirstLevelTable()
    {
        var rig = new LegacyMsmRig(allocDomain: false);
        // Dirty the memory the table will come from, to see it zeroed.
        uint probe = rig.Soc.Pages.AllocPages(2, zero: false);
        for (uint i = 0; i < 0x4000; i += 4)
            rig.Soc.Memory.WriteWord(probe + i, 0xDEADBEEF);
        rig.Soc.Pages.FreePages(probe, 2);
        int pages = rig.Soc.Pages.AllocatedPages;

        IommuDomain d = rig.Core.IommuDomainAlloc(0)!;
        var priv = Assert.IsType<MsmPriv>(d.Priv);
        uint fl = priv.PageTable.FlTable;
        Assert.Equal(probe, fl);
        Assert.Equal(0u, fl & 0x3FFF);
        Assert.Equal(pages + 4, rig.Soc.Pages.AllocatedPages);
        for (uint i = 0; i < 4096; i++)
            Assert.Equal(0u, priv.PageTable.ReadFl(i));
        Assert.Empty(priv.ListAttached);
    }

    [Fact]
    public void GetPtBaseAddr_IsTheFirstLevelTableAddress()
    {
        var rig = new LegacyMsmRig();
        IommuDomain other = rig.Core.IommuDomainAlloc(0)!;
        Assert.Equal(rig.Fl, rig.Core.IommuGetPtBaseAddr(rig.D));
        Assert.Equal(LegacyMsmRig.PtOf(other).FlTable, rig.Core.IommuGetPtBaseAddr(other));
        Assert.NotEqual(rig.Core.IommuGetPtBaseAddr(rig.D), rig.Core.IommuGetPtBaseAddr(other));
        Assert.Equal(rig.Reg(0x010), rig.Core.IommuGetPtBaseAddr(rig.D)); // what the attached context's TTBR0 holds
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)] // IOMMU_CAP_CACHE_COHERENCY
    [InlineData(2u)] // IOMMU_CAP_INTR_REMAP
    [InlineData(0xFFFFFFFFu)]
    public void Domain_HasCapIsAlwaysZero(uint cap)
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuDomainHasCap(rig.D, cap));
    }
}
