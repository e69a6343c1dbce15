using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Migration.Analysis.C.Benchmarks.Tests;

/// <summary>The C front-end benchmark measures what the issue asks: at least 10,000 lines, every generated call found.</summary>
public class CFrontEndBenchmarkTests
{
    [Fact]
    public void TheCorpusHasTenThousandLines_AndEveryCatalogCallIsFound()
    {
        var b = new CFrontEndBenchmarks();
        b.Setup();
        try
        {
            Assert.True(b.Lines >= 10_000, $"{b.Lines} lines");
            Assert.Equal(CFrontEndBenchmarks.Files * CFrontEndBenchmarks.BlocksPerFile * CDriverCorpus.CallsPerBlock, b.AnalyzeFolder());
        }
        finally
        {
            b.Cleanup();
        }
    }

    [Fact]
    public void TheAssemblyHoldsTheOneClass_WithMemoryDiagnoserAndOneBaseline()
    {
        // What SmokeTests check for the map-path benchmarks, for the class that moved out of Migration.Benchmarks.
        Type[] classes = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)).ToArray();
        Assert.Equal([typeof(CFrontEndBenchmarks)], classes);
        Assert.NotNull(typeof(CFrontEndBenchmarks).GetCustomAttribute<MemoryDiagnoserAttribute>());
        MethodInfo[] benchmarks = typeof(CFrontEndBenchmarks).GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToArray();
        Assert.Equal(["AnalyzeFolder"], benchmarks.Select(m => m.Name));
        Assert.True(benchmarks[0].GetCustomAttribute<BenchmarkAttribute>()!.Baseline);
    }
}
