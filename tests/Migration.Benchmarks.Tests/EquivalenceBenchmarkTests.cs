using Migration.Equivalence;

namespace Migration.Benchmarks.Tests;

/// <summary>The full space <see cref="EquivalenceBenchmarks"/> compares really is all of [0, 4 GiB), once, in the four page sizes.</summary>
public class EquivalenceBenchmarkTests
{
    [Fact]
    public void FullSpaceSteps_CoverFourGiBOnceInAMixOfTheFourSizes()
    {
        List<TraceStep> steps = EquivalenceBenchmarks.FullSpaceSteps().ToList();
        Assert.Equal(EquivalenceBenchmarks.FullSpaceEntries, steps.Count);
        ulong next = 0;
        foreach (TraceStep step in steps)
        {
            Assert.Equal(next, (ulong)step.U("da"));
            next += step.U("size");
        }
        Assert.Equal(0x1_0000_0000UL, next);
        Assert.Equal(
            new[] { (0x1000u, 262144), (0x10000u, 16384), (0x100000u, 1024), (0x1000000u, 64) },
            steps.GroupBy(s => s.U("size")).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())));
        // Small pages take their region's frames backwards: neighbours never merge into one run.
        Assert.Equal((0x03000000u, 0x03FFF000u), (steps.First(s => s.U("size") == 0x1000).U("da"), steps.First(s => s.U("size") == 0x1000).U("pa")));
    }
}
