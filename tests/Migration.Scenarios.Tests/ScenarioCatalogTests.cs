using Migration.Equivalence;

namespace Migration.Scenarios.Tests;

/// <summary>Every scenario in the catalog: sessions are equivalent in translation mode; documented port differences diverge exactly as labelled.</summary>
public class ScenarioCatalogTests
{
    public static TheoryData<string> Names() => new(ScenarioCatalog.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void EachScenario_IsEquivalent_OrDivergesOnlyAsItsReferenceSays(string name)
    {
        IScenario s = ScenarioCatalog.Find(name)!;
        int steps = Math.Min(s.DefaultSteps, 250);
        var trace = new Trace(name, 3, s.Generate(3, steps));
        EquivalenceReport r = EquivalenceEngine.Run(s, trace);
        bool documented = s.ExpectedDivergences(trace, EquivalenceMode.Translation).Any(e => e.Required);
        Assert.Null(r.Divergence);
        Assert.Empty(r.Missing);
        Assert.Equal(r.StepsTotal, r.StepsRun);
        // A pattern a session may show (not required) makes the verdict "differs as documented" only when it appears.
        if (documented || r.DocumentedCount > 0)
        {
            Assert.Equal(EquivalenceVerdict.DiffersAsDocumented, r.Verdict);
            Assert.All(r.Documented, d => Assert.Matches(@"^((omap|msm|generic)\.md §\d+\.\d+|v7s\.md §7 V7S-D\d+)", d.Reference ?? "(no reference)"));
        }
        else
        {
            Assert.Equal(EquivalenceVerdict.Equivalent, r.Verdict);
            Assert.True(r.MappingsCompared > 0, $"{name} compared nothing");
        }
    }

    [Fact]
    public void NamesAreUnique_AndTheIssuesScenariosAreThere()
    {
        Assert.Equal(ScenarioCatalog.All.Count, ScenarioCatalog.All.Select(s => s.Name).Distinct().Count());
        foreach (string required in new[] { "omap3isp-capture", "omap3isp-stats", "msm-camera", "random", "shared-space" })
            Assert.NotNull(ScenarioCatalog.Find(required));
        Assert.Null(ScenarioCatalog.Find("nothing"));
        Assert.Null(ScenarioCatalog.Find("msm-camera", brokenPort: true)); // only `random` and `shared-space` have a broken variant
        Assert.NotNull(ScenarioCatalog.Find("shared-space", brokenPort: true));
    }

    [Fact]
    public void EachScenario_DeclaresTheComparisonItsWorldsNeed()
    {
        string[] relocated = ["omap3isp-capture-dma", "omap3isp-userptr-dma"];
        foreach (IScenario s in ScenarioCatalog.All)
        {
            IWorldComparison c = Assert.Single(s.Comparisons);
            if (s.Name == "shared-space")
            {
                Assert.Same(CrossDeviceComparison.Instance, c);
                Assert.IsAssignableFrom<ISharedSpaceScenario>(s);
                Assert.False(s is ITwoWorldScenario, "a scenario of one world has no legacy twin to create");
                continue;
            }
            Assert.Same(relocated.Contains(s.Name) ? RelocatedComparison.Instance : EntryForEntryComparison.Instance, c);
            Assert.IsAssignableFrom<ITwoWorldScenario>(s);
            Assert.Equal([EquivalenceMode.Translation, EquivalenceMode.Strict], c.Modes);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedSteps_PassTheScenariosOwnValidation(string name)
    {
        IScenario s = ScenarioCatalog.Find(name)!;
        foreach (TraceStep step in s.Generate(5, Math.Min(s.DefaultSteps, 300)))
            Assert.Null(s.Validate(step));
    }
}
