using System.Reflection;

namespace Migration.Benchmarks.Tests;

/// <summary>
/// Steady-state map, unmap, translate and IOVA alloc/free allocate no managed memory per invocation (what the
/// Allocated column shows), measured with the thread's allocation counter, not with timing.
/// </summary>
public class SteadyStateAllocationTests
{
    // The iovmm paths kmalloc a struct iovm_struct per map (and iommu_kmap an sg table and a vm_struct): by design.
    // The equivalence engine allocates by design too: a comparison builds its own images of both spaces, and a random run boots two SoCs.
    private static readonly HashSet<string> AllocatesByDesign =
    [
        "OmapMapBenchmarks.LegacyIovmm", "OmapMapBenchmarks.PortedIovmm",
        "EquivalenceBenchmarks.FullCompare", "EquivalenceBenchmarks.FullCompareStrict", "EquivalenceBenchmarks.RandomStep",
    ];

    public static TheoryData<string, string> Methods()
    {
        var data = new TheoryData<string, string>();
        foreach (Type type in BenchmarkHarness.Classes)
        {
            foreach (MethodInfo method in BenchmarkHarness.BenchmarkMethods(type))
            {
                if (!AllocatesByDesign.Contains($"{type.Name}.{method.Name}"))
                    data.Add(type.Name, method.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void EveryBenchmark_AllocatesNothingPerInvocation(string className, string methodName)
    {
        Type type = BenchmarkHarness.Class(className);
        foreach (IReadOnlyDictionary<string, object> parameters in BenchmarkHarness.ParamSets(type))
        {
            // The report's allocation goals read the same measurement (20 warm-up calls, then 20 under the thread's counter).
            var values = parameters.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!);
            long allocated = SteadyStateAllocation.BytesIn20Calls(className, methodName, values);
            Assert.True(allocated == 0, $"{className}.{methodName}({BenchmarkHarness.Describe(parameters)}) allocated {allocated} B in 20 invocations");
        }
    }

    [Fact]
    public void LargerBuffers_AllocateNothingEither()
    {
        // Several L2 tables and second-level pages come and go per invocation here, unlike at the smallest sizes.
        var omap = new OmapMapBenchmarks { Size = 0x100000, Layout = BufferLayout.Scattered4K };
        omap.Setup();
        var msm = new EraAMapLoopBenchmarks { Size = 0x4000000 };
        msm.Setup();
        var unmap = new UnmapFlushBenchmarks { Size = 0x100000 };
        unmap.Setup();
        Func<long>[] calls = [() => omap.DmaMapSg(), () => msm.GenericMap(), () => msm.GenericMapBatched(), () => unmap.UnmapGathered(), () => unmap.UnmapPerPageFlush()];
        foreach (Func<long> call in calls)
        {
            for (int i = 0; i < 5; i++)
                call();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
                call();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
