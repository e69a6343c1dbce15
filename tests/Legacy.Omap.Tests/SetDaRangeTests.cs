using Migration.Drivers.Omap;

namespace Legacy.Omap.Tests;

/// <summary>iommu_set_da_range (omap.md §4.6, §8.10): not an alignment check.</summary>
public class SetDaRangeTests
{
    [Fact]
    public void NullObject_ReturnsEfault()
    {
        Assert.Equal(-14, OmapIommu.SetDaRange(null, 0x1000, 0x2000));
    }

    [Fact]
    public void EndBelowStart_ReturnsEinval_AndKeepsTheRange()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(-22, OmapIommu.SetDaRange(rig.Isp, 0x2000, 0x1000));

        Assert.Equal(0x0u, rig.Isp.DaStart);
        Assert.Equal(0xFFFFF000u, rig.Isp.DaEnd);
    }

    [Fact]
    public void StartOrEndZero_ReturnsEinval()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(-22, OmapIommu.SetDaRange(rig.Isp, 0, 0));

        Assert.Equal(0xFFFFF000u, rig.Isp.DaEnd);
    }

    [Fact]
    public void StartOrEndAboveLastPage_ReturnsEinval()
    {
        // PAGE_ALIGN(start | end) wraps to 0 when start | end > 0xFFFFF000.
        var rig = new LegacyOmapRig();

        Assert.Equal(-22, OmapIommu.SetDaRange(rig.Isp, 0x1000, 0xFFFFF001));
        Assert.Equal(-22, OmapIommu.SetDaRange(rig.Isp, 0, 0xFFFFFFFF));

        Assert.Equal(0xFFFFF000u, rig.Isp.DaEnd);
    }

    [Fact]
    public void ValidRange_IsStored()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(0, OmapIommu.SetDaRange(rig.Isp, 0x1000, 0x2000));

        Assert.Equal(0x1000u, rig.Isp.DaStart);
        Assert.Equal(0x2000u, rig.Isp.DaEnd);
    }

    [Fact]
    public void StartZeroWithNonZeroEnd_IsAccepted()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(0, OmapIommu.SetDaRange(rig.Isp, 0, 0xFFFFF000));

        Assert.Equal(0u, rig.Isp.DaStart);
        Assert.Equal(0xFFFFF000u, rig.Isp.DaEnd);
    }

    [Fact]
    public void NonAlignedValues_AreAccepted()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(0, OmapIommu.SetDaRange(rig.Isp, 0x1234, 0x5678));

        Assert.Equal(0x1234u, rig.Isp.DaStart);
        Assert.Equal(0x5678u, rig.Isp.DaEnd);
    }

    [Fact]
    public void EqualStartAndEnd_IsAccepted()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(0, OmapIommu.SetDaRange(rig.Isp, 0x3000, 0x3000));

        Assert.Equal(0x3000u, rig.Isp.DaStart);
        Assert.Equal(0x3000u, rig.Isp.DaEnd);
    }

    [Fact]
    public void NewRange_GovernsLaterAllocations_ButNotExistingAreas()
    {
        var rig = new LegacyOmapRig();
        uint before = Iovmm.Vmalloc(rig.Isp, 0, 0x1000, 0);
        Assert.Equal(0x1000u, before);

        Assert.Equal(0, OmapIommu.SetDaRange(rig.Isp, 0x100000, 0x200000));

        Assert.NotNull(Iovmm.FindIovmArea(rig.Isp, before)); // no check against existing areas
        Assert.Equal(0x100000u, Iovmm.Vmalloc(rig.Isp, 0, 0x1000, 0)); // anonymous start = da_start
        Assert.Equal(LegacyOmapRig.EinvalValue, Iovmm.Vmalloc(rig.Isp, 0x200000, 0x1000, IovmFlags.IOVMF_DA_FIXED));
        Assert.Equal(LegacyOmapRig.EinvalValue, Iovmm.Vmalloc(rig.Isp, 0x80000, 0x1000, IovmFlags.IOVMF_DA_FIXED));
        Assert.Equal(0x1FF000u, Iovmm.Vmalloc(rig.Isp, 0x1FF000, 0x1000, IovmFlags.IOVMF_DA_FIXED));
        Assert.Equal(LegacyOmapRig.EinvalValue, Iovmm.Vmalloc(rig.Isp, 0x1FF000, 0x2000, IovmFlags.IOVMF_DA_FIXED));
    }
}
