using Generic.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Generic.Msm.Tests;

/// <summary>Map, unmap and translate allocate no managed memory per call once warm (not a timing test).</summary>
public class SteadyStateAllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MapUnmapTranslate_AllocateNothingPerCall(bool batched)
    {
        var soc = Soc.CreateDefault();
        var platform = new MsmIommuPlatform(new KernelMemory(soc.Pages));
        platform.ProbeAll(soc);
        var bus = new BusType("platform");
        bus.SetIommu(batched ? new MsmIommuPagesOps(platform) : new MsmIommuOps(platform));
        IommuDomain domain = IommuApi.DomainAlloc(bus)!;
        Device ctx = platform.GetCtx("vcodec_a_mm1")!;
        IommuApi.AttachDevice(domain, ctx);
        MsmIommu hw = ((MsmIommuDrvdata)ctx.Parent!.DriverData!).Hardware;
        int num = ((MsmIommuCtxDrvdata)ctx.DriverData!).Num;

        int failures = 0;
        void Round()
        {
            // Plain comparisons: the assertion library itself allocates.
            if (IommuApi.Map(domain, 0x10000000, 0x40000000, 0x00111000, 0) != 0)
                failures++;
            if (!hw.Translate(num, 0x10110ABC, write: false).Succeeded)
                failures++;
            if (IommuApi.IovaToPhys(domain, 0x10110ABC) != 0x40110ABCu)
                failures++;
            for (uint off = 0; off < 0x111000;)
                off += IommuApi.Unmap(domain, 0x10000000 + off, off < 0x100000 ? 0x100000u : off < 0x110000 ? 0x10000u : 0x1000u);
        }

        for (int i = 0; i < 20; i++)
            Round(); // warm-up: table pages, JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
            Round();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }
}
