using Migration.Equivalence;

namespace Migration.Scenarios.Tests;

/// <summary>`msm-camera`: the vendor-API client and its generic-API port translate identically; their page sizes differ as expected.</summary>
public class MsmCameraScenarioTests
{
    private static Trace Session(int seed, int steps) => new("msm-camera", seed, new MsmCameraScenario().Generate(seed, steps));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sessions_AreEquivalentInTranslationMode(int seed)
    {
        EquivalenceReport r = EquivalenceEngine.Run(new MsmCameraScenario(), Session(seed, 300));
        Assert.Null(r.Divergence);
        Assert.Equal(r.StepsTotal, r.StepsRun);
        Assert.Equal(0UL, r.FinalMappedBytes); // the session unmaps everything it mapped
    }

    [Fact]
    public void StrictMode_FindsThePortsLargerPages_AtTheFirmwareBuffer()
    {
        // The legacy subsystem map writes 4K pages (msm.md §7.6 step 4d); the port's single iommu_map lets the core
        // pick 64K pages where iova and pa allow: the 128K firmware buffer at 0x20000 in the VIDEO firmware pool.
        EquivalenceReport r = EquivalenceEngine.Run(new MsmCameraScenario(), Session(1, 300), new EquivalenceOptions { Mode = EquivalenceMode.Strict });
        Assert.Equal(EquivalenceVerdict.DiffersAsDocumented, r.Verdict);
        Assert.Equal(r.StepsTotal, r.StepsRun); // the run goes on past each documented difference
        Divergence d = r.Documented.Single(x => x.Space == "video");
        Assert.Equal(DivergenceKind.Entries, d.Kind);
        Assert.Equal("video", d.Space);
        Assert.Equal(0x00020000u, d.Iova);
        Assert.StartsWith("codec key=", d.StepText);
        Assert.Matches(@"^4K pte 0x[0-9a-f]{5}c3a @pa 0x[0-9a-f]{8} attrs 0x26 -> buf\d+\+0x0$", d.Legacy);   // class 2, small page
        Assert.Matches(@"^64K pte 0x[0-9a-f]{4}0c39 @pa 0x[0-9a-f]{8} attrs 0x26 -> buf\d+\+0x0$", d.Ported); // class 2, large page
        Assert.StartsWith("generic.md §5.1", d.Reference); // a legitimate difference, labelled
    }

    [Fact]
    public void A64KImemBuffer_LosesTex0InThePort_MsmMd33()
    {
        var s = new MsmTex0LargePageScenario();
        EquivalenceReport r = EquivalenceEngine.Run(s, new Trace(s.Name, 0, s.Generate(0, 2)));
        Assert.Equal(EquivalenceVerdict.DiffersAsDocumented, r.Verdict);
        Assert.Equal(2, r.DocumentedCount); // the ping and the pong buffer, nothing else
        Divergence d = r.Documented[0];

        Assert.Equal(0, d.Step);
        Assert.Equal(DivergenceKind.Translation, d.Kind);
        Assert.Equal("camera", d.Space);
        Assert.Equal(0x00020000u, d.Iova); // the first GEN_POOL allocation (msm.md §7.3)
        Assert.Matches(@"^4K pte 0x2e000c7e @pa 0x[0-9a-f]{8} attrs 0x76 -> 0x2e000000$", d.Legacy);  // class 7
        Assert.Matches(@"^64K pte 0x2e000c7d @pa 0x[0-9a-f]{8} attrs 0x36 -> 0x2e000000$", d.Ported); // read as class 3
        Assert.StartsWith("msm.md §3.3", d.Reference);
    }

    [Fact]
    public void ReadingAFrame_GoesThroughTheCameraContext_InBothWorlds()
    {
        var trace = new Trace("msm-camera", 0,
        [
            new TraceStep("open"),
            new TraceStep("frame", new TraceArg("key", 0), new TraceArg("size", 0x200000), new TraceArg("align", 0x100000), new TraceArg("flags", 0x100000)),
            new TraceStep("dma", new TraceArg("key", 0)),
            new TraceStep("unframe", new TraceArg("key", 0)),
            new TraceStep("release"),
        ]);
        EquivalenceReport r = EquivalenceEngine.Run(new MsmCameraScenario(), trace);
        Assert.Null(r.Divergence);
    }
}
