using Migration.Drivers.Omap;
using Migration.Kernel;
using static Migration.Drivers.Omap.IovmFlags;

namespace Migration.Drivers.Tests;

/// <summary>map_iommu_region and unmap_vm_area as both eras' iovmm run them around their own map/unmap step (omap.md §5.5, §5.6).</summary>
public class IovmmRegionTests
{
    private const uint Da = 0x10000000;

    private static readonly SgTable Sgt = SgTable.FromEntries([default, default]);

    // The era's map_iovm_area: records what it was given and returns the result asked for.
    private sealed class MapStep(int result)
    {
        public List<(uint DaStart, uint Flags)> Calls { get; } = [];

        public static int Map(MapStep step, IovmArea area, SgTable sgt, uint flags)
        {
            Assert.Same(Sgt, sgt);
            step.Calls.Add((area.DaStart, flags));
            return step.Result;
        }

        public int Result { get; } = result;
    }

    private static IovmArea MapFixedArea(OmapTestRig rig, uint flags)
    {
        uint ret = IovmmRegion.MapIommuRegion(rig.Instance, Da, Sgt, va: 0xD0001000, bytes: 0x2000, IOVMF_DA_FIXED | flags, new MapStep(0), MapStep.Map);
        Assert.Equal(Da, ret);
        return Assert.Single(rig.Instance.Mmap);
    }

    [Fact]
    public void MapIommuRegion_RecordsVaAndSgtInTheArea_AndReturnsItsStart()
    {
        var rig = new OmapTestRig();
        var step = new MapStep(0);

        uint ret = IovmmRegion.MapIommuRegion(rig.Instance, Da, Sgt, va: 0xD0001000, bytes: 0x2000, IOVMF_DA_FIXED | VmapAreaFlags, step, MapStep.Map);

        Assert.Equal(Da, ret);
        Assert.Equal([(Da, IOVMF_DA_FIXED | VmapAreaFlags)], step.Calls);
        IovmArea area = Assert.Single(rig.Instance.Mmap);
        Assert.Equal((Da, Da + 0x2000, 0xD0001000u), (area.DaStart, area.DaEnd, area.Va));
        Assert.Same(Sgt, area.Sgt);
    }

    [Fact]
    public void MapIommuRegion_AnyMapFailure_IsEnomem_AndDropsTheArea()
    {
        var rig = new OmapTestRig();

        uint ret = IovmmRegion.MapIommuRegion(rig.Instance, Da, Sgt, va: 0, bytes: 0x2000, IOVMF_DA_FIXED, new MapStep(-Errno.EINVAL), MapStep.Map);

        Assert.Equal(ErrValue.FromErrno(-Errno.ENOMEM), ret);
        Assert.Empty(rig.Instance.Mmap);
    }

    [Fact]
    public void MapIommuRegion_AllocationErrors_ComeBackAsIs_WithoutCallingTheMapStep()
    {
        var rig = new OmapTestRig();
        MapFixedArea(rig, 0);
        var step = new MapStep(0);

        uint ret = IovmmRegion.MapIommuRegion(rig.Instance, Da + 0x1000, Sgt, va: 0, bytes: 0x1000, IOVMF_DA_FIXED, step, MapStep.Map);

        Assert.Equal(ErrValue.FromErrno(-Errno.EINVAL), ret); // the fixed da overlaps the first area (§5.4)
        Assert.Empty(step.Calls);
        Assert.Single(rig.Instance.Mmap);
    }

    [Theory]
    [InlineData(Da + 0x10, VmapAreaFlags)] // "alignment err"
    [InlineData(Da + 0x2000, VmapAreaFlags)] // "no da area": da_end is outside
    [InlineData(Da, VmallocAreaFlags)] // "wrong flags"
    public void UnmapVmArea_Refused_DoesNothing_AndIsNull(uint da, uint requiredFlags)
    {
        var rig = new OmapTestRig();
        IovmArea area = MapFixedArea(rig, VmapAreaFlags);
        var unmapped = new List<IovmArea>();
        var freed = new List<uint>();

        SgTable? sgt = IovmmRegion.UnmapVmArea(rig.Instance, da, requiredFlags, (_, va) => freed.Add(va), unmapped, static (list, a) => list.Add(a));

        Assert.Null(sgt);
        Assert.Empty(unmapped);
        Assert.Empty(freed);
        Assert.Same(area, Assert.Single(rig.Instance.Mmap));
    }

    [Fact]
    public void UnmapVmArea_AnAddressInsideTheArea_UnmapsFreesAndDropsIt_ReturningItsSgt()
    {
        var rig = new OmapTestRig();
        IovmArea area = MapFixedArea(rig, VmapAreaFlags);
        var unmapped = new List<IovmArea>();
        var freed = new List<uint>();

        SgTable? sgt = IovmmRegion.UnmapVmArea(rig.Instance, Da + 0x1000, VmapAreaFlags, (_, va) => freed.Add(va), unmapped, static (list, a) => list.Add(a));

        Assert.Same(Sgt, sgt);
        Assert.Equal([area], unmapped);
        Assert.Equal([0xD0001000u], freed);
        Assert.Empty(rig.Instance.Mmap);
    }
}
