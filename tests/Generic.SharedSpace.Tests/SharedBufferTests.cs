using Generic.Iommu;
using Migration.Equivalence;
using Migration.Kernel;

namespace Generic.SharedSpace.Tests;

/// <summary>Whole buffers mapped through a space that hands out device addresses: contiguous for every device, all or nothing.</summary>
public class SharedBufferTests
{
    private const uint Start = 0x80000000;

    private static SharedSpaceRig AttachedRig()
    {
        var rig = new SharedSpaceRig(new SharedAddressSpace(Start, 0x10000000));
        Assert.Equal(0, rig.Space.Attach(rig.Omap, SharedSpaceRig.OmapProt));
        Assert.Equal(0, rig.Space.Attach(rig.MsmDomain, SharedSpaceRig.MsmProt));
        return rig;
    }

    private static SgTable Sg(params (uint Page, uint Offset, uint Length)[] entries)
    {
        var list = new Scatterlist[entries.Length];
        for (int i = 0; i < entries.Length; i++)
            list[i].SetPage(entries[i].Page, entries[i].Length, entries[i].Offset);
        return SgTable.FromEntries(list);
    }

    private static ulong Translate(List<TranslationRun> runs, uint iova) => runs.Single(r => iova >= r.Iova && iova < r.End).Translate(iova);

    [Fact]
    public void ScatteredPages_BecomeOneContiguousDeviceRange_InBothIommus()
    {
        SharedSpaceRig rig = AttachedRig();
        uint a = rig.Buffer(0), b = rig.Buffer(0), c = rig.Buffer(0);

        uint da = rig.Space.MapSg(Sg((a, 0, 0x1000), (b, 0, 0x1000), (c, 0, 0x1000)), IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE);

        Assert.Equal(Start, da);
        Assert.Equal([a, b, c], new[] { Start, Start + 0x1000, Start + 0x2000 }.Select(iova => Translate(rig.OmapRuns(), iova)));
        Assert.Equal(0x3000ul, TranslationMap.MappedBytes(rig.OmapRuns()));
        Assert.Equal(rig.OmapRuns(), rig.MsmRuns());
        Assert.Equal(new SharedBuffer(Start, 0x3000, 3), Assert.Single(rig.Space.Buffers));
    }

    [Fact]
    public void AFirstEntryOffset_IsPartOfTheReturnedAddress_AndUnmapAcceptsIt()
    {
        SharedSpaceRig rig = AttachedRig();
        uint a = rig.Buffer(0), b = rig.Buffer(0);

        uint da = rig.Space.MapSg(Sg((a, 0x200, 0xE00), (b, 0, 0x800)), 3);

        Assert.Equal(Start + 0x200, da); // as omap_iommu_vmap returns da + the first offset (omap.md §8.24)
        Assert.Equal(0x2000u, rig.Space.Buffers.Single().Size);
        Assert.Equal(0, rig.Space.UnmapSg(da));
        Assert.Empty(rig.OmapRuns());
        Assert.Empty(rig.MsmRuns());
        Assert.Equal(-Errno.ENOENT, rig.Space.UnmapSg(da));
    }

    [Fact]
    public void AHoleInTheBuffer_IsEinval_AndMapsNothing()
    {
        SharedSpaceRig rig = AttachedRig();
        uint a = rig.Buffer(0), b = rig.Buffer(0);

        Assert.Equal(ErrValue.FromErrno(-Errno.EINVAL), rig.Space.MapSg(Sg((a, 0, 0x800), (b, 0, 0x1000)), 3)); // a partial page before the last
        Assert.Equal(ErrValue.FromErrno(-Errno.EINVAL), rig.Space.MapSg(Sg((a, 0, 0x1000), (b, 0x100, 0xF00)), 3)); // an offset after the first

        Assert.Empty(rig.Space.Mappings);
        Assert.Equal(Start, rig.Space.MapSg(Sg((a, 0, 0x1000)), 3)); // the address was never taken
    }

    [Fact]
    public void AContiguousMegabyte_IsAlignedForSections_InEveryFormat()
    {
        SharedSpaceRig rig = AttachedRig();
        _ = rig.Space.MapSg(Sg((rig.Buffer(0), 0, 0x1000)), 3); // Start is taken: the next 1 MiB-aligned address follows
        uint pa = rig.Buffer(8); // 1 MiB, 1 MiB aligned

        uint da = rig.Space.MapSg(Sg((pa, 0, 0x100000)), 3);

        Assert.Equal(Start + 0x100000, da);
        Assert.Equal((0x100000u, 0x1000u), rig.OmapPageSizes(da, Start));
        Assert.Equal((0x100000u, 0x1000u), rig.MsmPageSizes(da, Start));
    }

    [Fact]
    public void AFailureInTheSecondIommu_UndoesEveryEntry_AndReleasesTheAddress()
    {
        SharedSpaceRig rig = AttachedRig();
        uint a = rig.Buffer(0), b = rig.Buffer(0);
        rig.MsmTable.SecondLevelFaults.FailAt(1);

        Assert.Equal(ErrValue.FromErrno(-Errno.ENOMEM), rig.Space.MapSg(Sg((a, 0, 0x1000), (b, 0, 0x1000)), 3));

        Assert.Empty(rig.OmapRuns());
        Assert.Empty(rig.MsmRuns());
        Assert.Empty(rig.Space.Buffers);
        Assert.Equal(Start, rig.Space.MapSg(Sg((a, 0, 0x1000), (b, 0, 0x1000)), 3));
    }

    [Fact]
    public void MapsOutsideTheSharedRange_AreEinval()
    {
        SharedSpaceRig rig = AttachedRig();
        Assert.Equal(-Errno.EINVAL, rig.Space.Map(Start - 0x1000, rig.Buffer(0), 0x1000, 3));
        Assert.Equal(-Errno.EINVAL, rig.Space.Map(0x8FFFF000, rig.Buffer(0), 0x2000, 3));
        Assert.Equal(ErrValue.FromErrno(-Errno.EINVAL), new SharedAddressSpace().MapSg(Sg((rig.Buffer(0), 0, 0x1000)), 3)); // no allocator
        Assert.Throws<ArgumentException>(() => new SharedAddressSpace(0x80000800, 0x1000));
    }

    [Fact]
    public void AFaultOnAnAttachedIommu_ReachesTheSpacesHandler_WithTheMappingThere()
    {
        SharedSpaceRig rig = AttachedRig();
        var faults = new List<(IommuDomain Domain, uint Iova, SharedMapping? Mapping)>();
        rig.Space.SetFaultHandler((domain, dev, iova, flags, mapping) =>
        {
            faults.Add((domain, iova, mapping));
            return 0;
        });
        Migration.Hardware.Omap.OmapMmu isp = rig.Soc.FindOmapMmu("isp")!;

        isp.Translate(Start + 0x4567); // nothing mapped there: the OMAP driver reports the fault (omap.md §7.6)

        var fault = Assert.Single(faults);
        Assert.Same(rig.Omap, fault.Domain);
        Assert.Equal(Start + 0x4567, fault.Iova);
        Assert.Null(fault.Mapping);

        rig.Space.Detach(rig.Omap); // a detached domain no longer reports to the space
        Assert.Null(rig.Omap.Handler);
        Assert.NotNull(rig.MsmDomain.Handler); // mainline MSM never calls it (msm.md §5.12), but it is installed
    }
}
