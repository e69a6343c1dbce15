using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Migration.Benchmarks.Tests;

/// <summary>Every benchmark method runs once in-process at its smallest parameters and leaves its worlds as it found them (no timing).</summary>
public class SmokeTests
{
    public static TheoryData<string, string> Methods()
    {
        var data = new TheoryData<string, string>();
        foreach (Type type in BenchmarkHarness.Classes)
        {
            foreach (MethodInfo method in BenchmarkHarness.BenchmarkMethods(type))
                data.Add(type.Name, method.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void RunsOnce_LeavingTheStateAsFound(string className, string methodName)
    {
        Type type = BenchmarkHarness.Class(className);
        foreach (IReadOnlyDictionary<string, object> parameters in BenchmarkHarness.ParamSets(type))
        {
            object instance = BenchmarkHarness.Create(type, parameters, methodName);
            var state = (IBenchmarkState)instance;
            string before = state.Fingerprint();
            bool? nothingMappedBefore = state.NothingMapped;

            BenchmarkHarness.Invoke(instance, methodName);

            Assert.True(before == state.Fingerprint(), $"{className}.{methodName}({BenchmarkHarness.Describe(parameters)}) changed the state:\n{before}\n{state.Fingerprint()}");
            if (nothingMappedBefore is not null)
            {
                Assert.True(nothingMappedBefore, "nothing is mapped after GlobalSetup");
                Assert.True(state.NothingMapped, $"{className}.{methodName}({BenchmarkHarness.Describe(parameters)}) left something mapped");
            }
            BenchmarkHarness.Cleanup(instance, methodName);
        }
    }

    [Fact]
    public void TheNineClasses_AreThere()
    {
        Assert.Equal(
            ["BareStoreBenchmarks", "EquivalenceBenchmarks", "EraAMapLoopBenchmarks", "IovaAllocatorBenchmarks", "OmapMapBenchmarks", "RawStoreBenchmarks", "ScatterListMapBenchmarks", "TranslateBenchmarks", "UnmapFlushBenchmarks"],
            BenchmarkHarness.Classes.Select(t => t.Name));
    }

    [Fact]
    public void EveryClass_HasMemoryDiagnoserAndExactlyOneBaseline()
    {
        foreach (Type type in BenchmarkHarness.Classes)
        {
            Assert.True(type.GetCustomAttribute<MemoryDiagnoserAttribute>() is not null, $"{type.Name} has no [MemoryDiagnoser]");
            Assert.Single(BenchmarkHarness.BenchmarkMethods(type), m => m.GetCustomAttribute<BenchmarkAttribute>()!.Baseline);
        }
    }

    [Fact]
    public void SizeParameters_AreBytesNamedSize()
    {
        foreach (Type type in BenchmarkHarness.Classes)
        {
            foreach (PropertyInfo p in type.GetProperties().Where(p => p.GetCustomAttribute<ParamsAttribute>() is not null && p.Name.Contains("Size", StringComparison.Ordinal)))
            {
                Assert.Equal("Size", p.Name);
                Assert.All(p.GetCustomAttribute<ParamsAttribute>()!.Values, v => Assert.Equal(0u, Convert.ToUInt32(v, System.Globalization.CultureInfo.InvariantCulture) % 0x1000));
            }
        }
    }
}
