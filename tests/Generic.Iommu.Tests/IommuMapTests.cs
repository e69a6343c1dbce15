using Generic.Iommu;

namespace Generic.Iommu.Tests;

/// <summary>The 3.3 iommu_map / iommu_unmap algorithms (generic.md §5.1-§5.3, §9.3-§9.8).</summary>
public class IommuMapTests
{
    private static (IommuDomain Domain, RecordingOps Ops) NewDomain(RecordingOps? ops = null)
    {
        ops ??= new RecordingOps();
        var bus = new BusType("platform");
        Assert.Equal(0, bus.SetIommu(ops));
        return (IommuApi.DomainAlloc(bus)!, ops);
    }

    public static TheoryData<uint, uint, uint, (uint, uint, uint)[]> WorkedExamples() => new()
    {
        { 0x40000000, 0x80000000, 0x01110000, [(0x40000000, 0x80000000, 0x1000000), (0x41000000, 0x81000000, 0x100000), (0x41100000, 0x81100000, 0x10000)] },
        { 0x00100000, 0x10100000, 0x00120000, [(0x00100000, 0x10100000, 0x100000), (0x00200000, 0x10200000, 0x10000), (0x00210000, 0x10210000, 0x10000)] },
        { 0x00010000, 0x20003000, 0x00005000, [(0x10000, 0x20003000, 0x1000), (0x11000, 0x20004000, 0x1000), (0x12000, 0x20005000, 0x1000), (0x13000, 0x20006000, 0x1000), (0x14000, 0x20007000, 0x1000)] },
        { 0x00000000, 0x00000000, 0x02000000, [(0, 0, 0x1000000), (0x01000000, 0x01000000, 0x1000000)] },
        { 0x00010000, 0x10010000, 0x00020000, [(0x10000, 0x10010000, 0x10000), (0x20000, 0x10020000, 0x10000)] },
    };

    [Theory]
    [MemberData(nameof(WorkedExamples))]
    public void Map_SplitsAsTheWorkedExamples(uint iova, uint paddr, uint size, (uint, uint, uint)[] calls)
    {
        var (domain, ops) = NewDomain();
        Assert.Equal(0, IommuApi.Map(domain, iova, paddr, size, 0));
        Assert.Equal(calls, ops.MapCalls);
    }

    [Fact]
    public void Map_UnalignedIova_IsEinvalWithNoDriverCall()
    {
        var (domain, ops) = NewDomain();
        Assert.Equal(-22, IommuApi.Map(domain, 0x1800, 0x10000000, 0x1000, 0));
        Assert.Empty(ops.MapCalls);
    }

    [Fact]
    public void Map_SizeZero_ReturnsZeroWithoutCalls()
    {
        var (domain, ops) = NewDomain();
        Assert.Equal(0, IommuApi.Map(domain, 0x10000, 0x20000, 0, 0));
        Assert.Empty(ops.MapCalls);
    }

    [Fact]
    public void Map_TwoGigabytesAtZero_UsesTheArmShiftByThirtyTwo()
    {
        var (domain, ops) = NewDomain();
        Assert.Equal(0, IommuApi.Map(domain, 0, 0, 0x80000000, 0));
        Assert.Equal(128, ops.MapCalls.Count);
        Assert.All(ops.MapCalls, c => Assert.Equal(0x1000000u, c.Size));
    }

    [Fact]
    public void Map_FailureRollsBackOnlyWhatWasMapped()
    {
        var (domain, ops) = NewDomain(new RecordingOps { FailMapCall = 3, FailErrno = -16 });
        Assert.Equal(-16, IommuApi.Map(domain, 0x40000000, 0x80000000, 0x01110000, 0));
        // The core unmaps orig_size - remaining = 16M + 1M from the original iova (§9.5).
        Assert.Equal((0x40000000u, 0x01100000u, 0x01000000u), ops.UnmapCalls[0]);
        Assert.Equal((0x41000000u, 0x00100000u, 0x00100000u), ops.UnmapCalls[1]);
        Assert.Empty(ops.Mapped);
    }

    [Fact]
    public void Unmap_ReturnsBytes_AndPassesTheRemainingLength()
    {
        var (domain, ops) = NewDomain();
        IommuApi.Map(domain, 0x40000000, 0x80000000, 0x01110000, 0);
        Assert.Equal(0x01110000u, IommuApi.Unmap(domain, 0x40000000, 0x01110000));
        Assert.Equal([(0x40000000u, 0x01110000u, 0x01000000u), (0x41000000u, 0x00110000u, 0x00100000u), (0x41100000u, 0x00010000u, 0x00010000u)], ops.UnmapCalls);
    }

    [Fact]
    public void Unmap_OfASectionWithA4KRequest_ReportsMoreThanAsked()
    {
        var (domain, _) = NewDomain();
        IommuApi.Map(domain, 0x00100000, 0x10100000, 0x00100000, 0);
        Assert.Equal(0x00100000u, IommuApi.Unmap(domain, 0x00100000, 0x1000));
    }

    [Fact]
    public void Unmap_StopsAtAHole()
    {
        var (domain, _) = NewDomain();
        IommuApi.Map(domain, 0x10000, 0x20000, 0x1000, 0);
        Assert.Equal(0x1000u, IommuApi.Unmap(domain, 0x10000, 0x3000));
    }

    [Fact]
    public void Unmap_UnalignedOrWithoutOp_ReturnsTheErrnoAsSizeT()
    {
        var (domain, _) = NewDomain();
        Assert.Equal(0xFFFFFFEAu, IommuApi.Unmap(domain, 0x800, 0x1000));
        Assert.Equal(0u, IommuApi.Unmap(domain, 0x1000, 0));
    }

    [Fact]
    public void SecondBusRegistration_IsEbusy()
    {
        var bus = new BusType("platform");
        Assert.Equal(0, bus.SetIommu(new RecordingOps()));
        Assert.Equal(-16, bus.SetIommu(new RecordingOps()));
        Assert.Null(IommuApi.DomainAlloc(new BusType("empty")));
    }

    [Fact]
    public void ReportFault_WithoutHandlerIsEnosys_WithHandlerTheHandlersValue()
    {
        var (domain, _) = NewDomain();
        var dev = new Migration.Kernel.Device("isp");
        Assert.Equal(-38, IommuApi.ReportFault(domain, dev, 0x1000, 0));
        IommuApi.SetFaultHandler(domain, (d, device, iova, flags) => iova == 0x1000 && device == dev ? 7 : -1);
        Assert.Equal(7, IommuApi.ReportFault(domain, dev, 0x1000, 0));
        Assert.Throws<Migration.Kernel.KernelBugException>(() => IommuApi.SetFaultHandler(null, null));
    }

    [Theory]
    [InlineData(0x01111000u, 0x00010000u, 0x10010000u, 0x00100000u, 0x00010000u)]
    [InlineData(0x01111000u, 0x00000000u, 0x00000000u, 0xFFFFF000u, 0x01000000u)]
    [InlineData(0x00001000u, 0x40000000u, 0x80000000u, 0x01000000u, 0x00001000u)]
    [InlineData(0x40201000u, 0x00000000u, 0x00000000u, 0x80000000u, 0x40000000u)]
    public void PageSize_IsTheLargestAllowedBySizeAndAlignment(uint bitmap, uint iova, uint paddr, uint size, uint expected) =>
        Assert.Equal(expected, PageSizeSplitter.PageSize(bitmap, iova, paddr, size));
}

/// <summary>iommu_pgsize with its page count (Linux 5.x, used by the batched path).</summary>
public class PageSizeCountTests
{
    [Theory]
    [InlineData(0x40000000u, 0x80000000u, 0x01110000u, 0x01000000u, 1u)]
    [InlineData(0x00010000u, 0x20003000u, 0x00005000u, 0x00001000u, 5u)] // iova/paddr differ inside 64K: no larger page ever
    [InlineData(0x0000F000u, 0x1000F000u, 0x00021000u, 0x00001000u, 1u)] // stop at the 64K boundary: a 64K page fits after it
    [InlineData(0x00010000u, 0x10010000u, 0x00110000u, 0x00010000u, 17u)] // 1M would start at 0x100000 but only 0x20000 is left then
    [InlineData(0x00010000u, 0x10010000u, 0x00200000u, 0x00010000u, 15u)] // here a 1M page fits at 0x100000
    public void Count_StopsWhereALargerPageCanStart(uint iova, uint paddr, uint size, uint pgsize, uint count)
    {
        Assert.Equal(pgsize, PageSizeSplitter.PageSize(0x01111000, iova, paddr, size, out uint n));
        Assert.Equal(count, n);
    }
}
