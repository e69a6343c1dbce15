using Migration.Drivers.Msm;
using Migration.Hardware.Memory;

namespace Migration.Benchmarks.Tests;

/// <summary>
/// The product-code speed fixes made for the benchmarks change nothing observable: PhysicalMemory.AnyNonZero answers
/// what a ReadWord loop answers, and MsmPageTable.MapRun makes exactly the writes, allocations, reports and returns of
/// consecutive MsmPageTable.Map calls.
/// </summary>
public class SpeedFixEquivalenceTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(0xA5A5A5A5u)]
    public void AnyNonZero_AgreesWithReadWord(uint background)
    {
        var memory = new PhysicalMemory(background);
        var rng = new Random(7);
        uint[] hot = [0x80000000, 0x80000FF0, 0x80001000, 0xFFFFF000, 0x00000000];
        foreach (uint frameBase in hot)
            memory.Fill(frameBase & ~0xFFFu, 0x1000, 0);
        for (int i = 0; i < 64; i++)
            memory.WriteWord(hot[rng.Next(hot.Length)] + (uint)rng.Next(0, 1024) * 4 & ~0xFFFu | (uint)rng.Next(0, 1024) * 4, (uint)rng.Next(0, 3));
        for (int trial = 0; trial < 2000; trial++)
        {
            uint pa = (hot[rng.Next(hot.Length)] & ~0xFFFu) + (uint)rng.Next(-1024, 1024) * 4;
            int words = rng.Next(0, 2100);
            bool expected = false;
            for (int i = 0; i < words && !expected; i++)
                expected = memory.ReadWord(unchecked(pa + (uint)i * 4)) != 0;
            Assert.True(expected == memory.AnyNonZero(pa, words), $"AnyNonZero(0x{pa:x8}, {words})");
        }
    }

    [Theory]
    [InlineData(0x1000u, 0x10000000u, 0x40000000u, 300u, 0)]
    [InlineData(0x1000u, 0x100FF000u, 0x40001000u, 3u, 0)]
    [InlineData(0x10000u, 0x100F0000u, 0x40010000u, 20u, 0)]
    [InlineData(0x10000u, 0x10001000u, 0x40000000u, 40u, 0)]    // misaligned 64K: replicas past slot 255
    [InlineData(0x1000u, 0x10000000u, 0x40000000u, 600u, 2)]    // the second table allocation fails
    [InlineData(0x100000u, 0x10000000u, 0x40000000u, 3u, 0)]
    [InlineData(0x1000u, 0x20000000u, 0x40000000u, 10u, -1)]    // a section under the run: undefined writes
    [InlineData(0x1000u, 0x30000000u, 0x40000000u, 10u, -2)]    // a wild table pointer onto the first-level slot
    [InlineData(0x1000u, 0x10000000u, 0x40000000u, 4u, -3)]     // a prot whose class is invalid
    public void MapRun_MakesTheWritesOfConsecutiveMaps(uint len, uint va, uint pa, uint count, int scenario)
    {
        (Trace expected, int expectedRet, uint expectedMapped) = Run(len, va, pa, count, scenario, run: false);
        (Trace actual, int actualRet, uint actualMapped) = Run(len, va, pa, count, scenario, run: true);
        Assert.Equal(expectedRet, actualRet);
        Assert.Equal(expectedMapped, actualMapped);
        Assert.Equal(expected.Writes, actual.Writes);
        Assert.Equal(expected.Reports, actual.Reports);
        Assert.Equal(expected.Pages, actual.Pages);
        // Each scenario reaches the case it names.
        switch (scenario)
        {
            case > 0:
                Assert.Equal(-12, actualRet);
                break;
            case -1 or -2:
                Assert.NotEmpty(actual.Reports);
                break;
            case -3:
                Assert.Equal((-22, 0u), (actualRet, actualMapped));
                break;
            default:
                Assert.Equal((0, count), (actualRet, actualMapped));
                break;
        }
    }

    private sealed class Trace : IPhysicalWriteObserver
    {
        public List<(uint Pa, uint Value)> Writes { get; } = [];

        public List<string> Reports { get; } = [];

        public int Pages { get; set; }

        public void OnWordWritten(uint pa, uint value) => Writes.Add((pa, value));
    }

    private static (Trace, int, uint) Run(uint len, uint va, uint pa, uint count, int scenario, bool run)
    {
        var memory = new PhysicalMemory();
        var pages = new PhysicalPageAllocator(memory, 0x80000000, 0x01000000);
        uint fl = pages.AllocPages(2, zero: true);
        var table = new MsmPageTable(pages, fl);
        var trace = new Trace();
        table.UndefinedBehaviour += trace.Reports.Add;
        if (scenario > 0)
            table.SecondLevelFaults.FailAt(scenario);
        if (scenario == -1)
            memory.WriteWord(fl + ((va >> 20) << 2), 0x50000C02); // a 1M section descriptor
        if (scenario == -2)
            memory.WriteWord(fl + ((va >> 20) << 2), (fl + ((va >> 20) << 2)) | 1); // a table at the slot itself: page 0 overwrites it
        int prot = scenario == -3 ? 0x7 : 0;
        var tex = MsmTexClasses.FromRegisters(MsmTexClasses.DefaultPrrr, scenario == -3 ? 0 : MsmTexClasses.DefaultNmrr);
        memory.WriteObserver = trace;
        int ret = 0;
        uint mapped = 0;
        if (run)
        {
            ret = table.MapRun(va, pa, len, count, prot, tex, out mapped);
        }
        else
        {
            for (; mapped < count; mapped++)
            {
                ret = table.Map(va + mapped * len, pa + mapped * len, len, prot, tex);
                if (ret != 0)
                    break;
            }
        }
        trace.Pages = pages.AllocatedPages;
        return (trace, ret, mapped);
    }
}
