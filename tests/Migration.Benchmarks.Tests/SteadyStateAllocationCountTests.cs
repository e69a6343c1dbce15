namespace Migration.Benchmarks.Tests;

/// <summary><see cref="SteadyStateAllocation"/>, which the report's allocation goals read: exact counts, by-design allocations seen, bad names refused.</summary>
public class SteadyStateAllocationCountTests
{
    [Fact]
    public void TheGatheredUnmap_AllocatesNothingIn20Calls() =>
        Assert.Equal(0, SteadyStateAllocation.BytesIn20Calls("UnmapFlushBenchmarks", "UnmapGathered", new Dictionary<string, string> { ["Size"] = "65536" }));

    [Fact]
    public void TheIovmmPath_AllocatesItsAreaDescriptorEveryCall()
    {
        // iommu_vmap kmallocs a struct iovm_struct per map (alloc_iovm_area): by design, and the counter sees it.
        long bytes = SteadyStateAllocation.BytesIn20Calls("OmapMapBenchmarks", "LegacyIovmm",
            new Dictionary<string, string> { ["Size"] = "4096", ["Layout"] = "Scattered4K" });
        Assert.True(bytes >= 20 * 24, $"only {bytes} B in 20 calls");
    }

    [Fact]
    public void AnUnknownClassOrParameter_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SteadyStateAllocation.BytesIn20Calls("NoSuchBenchmarks", "Map", new Dictionary<string, string>()));
        Assert.Throws<ArgumentException>(() => SteadyStateAllocation.BytesIn20Calls("UnmapFlushBenchmarks", "Map", new Dictionary<string, string> { ["Entries"] = "30" }));
    }
}
