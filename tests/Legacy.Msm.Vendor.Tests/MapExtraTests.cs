using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.Msm.Vendor.Tests;

public class MapExtraTests
{
    private const int ReadWrite = 3;

    private static uint AlignUp(uint x, uint a) => (x + a - 1) & ~(a - 1);

    [Fact]
    public void FourK_MapsEveryPageOntoTheDummyPage()
    {
        var rig = new VendorRig();
        uint dummy = rig.Domains.IommuDummyPhys;
        Assert.Equal(0, rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0x3000, 0x1000, ReadWrite));
        for (uint va = 0x10000000; va < 0x10003000; va += 0x1000)
            Assert.Equal((dummy & 0xFFFFF000) | VendorRig.Caf4KRwUncached, rig.Pte(rig.Video, va));
        Assert.Equal(0u, rig.Pte(rig.Video, 0x10003000));
        // The domain has the vcodec contexts attached: V2P and the bus both land in the dummy page.
        Assert.Equal(dummy + 0xABC, rig.Core.IommuIovaToPhys(rig.Video, 0x10002ABC));
        var t = rig.Translate("vcodec_a_mm1", 0x10001010);
        Assert.True(t.Succeeded);
        Assert.Equal(dummy + 0x10, t.Pa);
    }

    [Fact]
    public void FourK_WithIommuCache_MapsCachedPages()
    {
        var rig = new VendorRig();
        Assert.Equal(0, rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0x1000, 0x1000, ReadWrite | 4));
        Assert.Equal(rig.Domains.IommuDummyPhys | VendorRig.Caf4KRwCached, rig.Pte(rig.Video, 0x10000000));
    }

    [Fact]
    public void FourK_ReleasesTheScatterlistItAllocated()
    {
        var rig = new VendorRig();
        int areas = rig.Kmem.VmAreaCount;
        Assert.Equal(0, rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0x2000, 0x1000, ReadWrite));
        Assert.Equal(areas, rig.Kmem.VmAreaCount);
        Assert.Equal(1, rig.Kmem.VmallocFaults.Calls);
    }

    [Fact]
    public void FourK_VmallocFailure_IsENomemAndMapsNothing()
    {
        var rig = new VendorRig();
        rig.Kmem.VmallocFaults.FailAt(1);
        Assert.Equal(VendorRig.ENOMEM, rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0x2000, 0x1000, ReadWrite));
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x10000000));
    }

    [Fact]
    public void FourK_SizeZero_IsENomemFromVmallocOfZero()
    {
        var rig = new VendorRig();
        Assert.Equal(VendorRig.ENOMEM, rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0, 0x1000, ReadWrite));
    }

    [Fact]
    public void FourK_SizeNotAPageMultiple_BugsInMapRange()
    {
        var rig = new VendorRig();
        var bug = Assert.Throws<KernelBugException>(() => rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0x1800, 0x1000, ReadWrite));
        Assert.Contains("msm_iommu_map_range", bug.Site);
    }

    [Fact]
    public void FourK_MapRangeFailure_IsReturnedAsIsWithoutRollback()
    {
        var rig = new VendorRig();
        VendorRig.Priv(rig.Video).PageTable.SecondLevelFaults.FailAt(2);
        // Page 0 at 0x100FF000 gets a table; page 1 at 0x10100000 needs a second one, which fails.
        Assert.Equal(VendorRig.ENOMEM, rig.Domains.MsmIommuMapExtra(rig.Video, 0x100FF000, 0x2000, 0x1000, ReadWrite));
        Assert.Equal(rig.Domains.IommuDummyPhys | VendorRig.Caf4KRwUncached, rig.Pte(rig.Video, 0x100FF000));
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x10100000));
    }

    [Fact]
    public void SixtyFourK_MapsOrder4PagesOntoTheDummyAlignedUp()
    {
        var rig = new VendorRig();
        uint dummy64 = AlignUp(rig.Domains.IommuDummyPhys, 0x10000);
        // 0x18000 bytes → ALIGN(size, 64K) = 2 large pages, each replicated in 16 slots.
        Assert.Equal(0, rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0x18000, 0x10000, ReadWrite));
        for (uint va = 0x10000000; va < 0x10020000; va += 0x1000)
            Assert.Equal(dummy64 | VendorRig.Mainline64KRw, rig.Pte(rig.Video, va));
        Assert.Equal(0u, rig.Pte(rig.Video, 0x10020000));
        Assert.Equal(dummy64 + 0xF123, rig.Core.IommuIovaToPhys(rig.Video, 0x1001F123));
    }

    [Fact]
    public void OneMeg_MapsASectionAtTheDummyAlignedUpTo1M()
    {
        // Take a page first so that iommu_dummy is not 1M aligned: ALIGN(…, SZ_1M) then points past it.
        var rig = new VendorRig(beforeDomains: r => r.Soc.Pages.AllocPages(0, zero: false));
        uint dummy1M = AlignUp(rig.Domains.IommuDummyPhys, 0x100000);
        Assert.NotEqual(rig.Domains.IommuDummyPhys, dummy1M);
        Assert.Equal(0, rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0x100000, 0x100000, ReadWrite));
        Assert.Equal(dummy1M | VendorRig.MainlineSectionRw, VendorRig.Fl(rig.Video, 0x10000000));
    }

    [Fact]
    public void PerPageFailure_IsEAgainAfterUnmappingStartIovaRepeatedly()
    {
        var rig = new VendorRig();
        uint dummy64 = AlignUp(rig.Domains.IommuDummyPhys, 0x10000);
        VendorRig.Priv(rig.Video).PageTable.SecondLevelFaults.FailAt(2);
        // Pages at 0x100E0000 and 0x100F0000 share a table; the third (0x10100000) needs a new one and fails.
        Assert.Equal(VendorRig.EAGAIN, rig.Domains.MsmIommuMapExtra(rig.Video, 0x100E0000, 0x30000, 0x10000, ReadWrite));
        // The undo unmapped start_iova twice instead of both pages: the second page stays mapped.
        for (uint va = 0x100E0000; va < 0x100F0000; va += 0x1000)
            Assert.Equal(0u, rig.Pte(rig.Video, va));
        for (uint va = 0x100F0000; va < 0x10100000; va += 0x1000)
            Assert.Equal(dummy64 | VendorRig.Mainline64KRw, rig.Pte(rig.Video, va));
        Assert.Equal(dummy64 + 0x10, rig.Core.IommuIovaToPhys(rig.Video, 0x100F0010));
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x10100000));
    }

    [Fact]
    public void UnmapExtra_FourK_ClearsThePagesAndFreesTheTable()
    {
        var rig = new VendorRig();
        Assert.Equal(0, rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0x3000, 0x1000, ReadWrite));
        rig.Domains.MsmIommuUnmapExtra(rig.Video, 0x10000000, 0x3000, 0x1000);
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x10000000));
        Assert.Equal(0u, rig.Core.IommuIovaToPhys(rig.Video, 0x10001000));
    }

    [Fact]
    public void UnmapExtra_RoundsSizeUpToThePageSize()
    {
        var rig = new VendorRig();
        Assert.Equal(0, rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0x20000, 0x10000, ReadWrite));
        // 0x10001 bytes → ALIGN(…, 64K) = two 64K unmaps.
        rig.Domains.MsmIommuUnmapExtra(rig.Video, 0x10000000, 0x10001, 0x10000);
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x10000000));
    }

    [Fact]
    public void UnmapExtra_LeavesPagesOutsideTheRange()
    {
        var rig = new VendorRig();
        Assert.Equal(0, rig.Domains.MsmIommuMapExtra(rig.Video, 0x10000000, 0x3000, 0x1000, ReadWrite));
        rig.Domains.MsmIommuUnmapExtra(rig.Video, 0x10001000, 0x1000, 0x1000);
        Assert.Equal([true, false, true], new uint[] { 0x10000000, 0x10001000, 0x10002000 }.Select(va => rig.Pte(rig.Video, va) != 0));
    }

    [Fact]
    public void MapExtraInAnUnattachedDomain_WritesTheTableButV2PIs0()
    {
        var rig = new VendorRig();
        var display = rig.Domain(DISPLAY_READ_DOMAIN);
        Assert.Equal(0, rig.Domains.MsmIommuMapExtra(display, 0x20000, 0x1000, 0x1000, ReadWrite));
        Assert.Equal(rig.Domains.IommuDummyPhys | VendorRig.Caf4KRwUncached, rig.Pte(display, 0x20000));
        Assert.Equal(0u, rig.Core.IommuIovaToPhys(display, 0x20000));
    }
}
