using CsCheck;
using Migration.Equivalence;

namespace Migration.Scenarios.Tests;

/// <summary>
/// The verdict is never wrong: the run goes on past a documented divergence, a divergence after it is unexpected, a
/// documented one that never appears fails, only the same BUG() site is agreement, and a trace that throws in
/// property mode is a failure.
/// </summary>
public class VerdictTests
{
    /// <summary>A scenario with another scenario's worlds and steps but the documented differences a test declares.</summary>
    private sealed class Declared(ITwoWorldScenario inner, IReadOnlyList<ExpectedDivergence> expected, bool throwOnPorted = false) : ITwoWorldScenario, ITraceGenerator
    {
        public string Name => inner.Name;

        public string Description => inner.Description;

        public int DefaultSteps => inner.DefaultSteps;

        public Gen<TraceStep[]> Traces => ((ITraceGenerator)inner).Traces;

        public IReadOnlyList<TraceStep> Generate(int seed, int steps) => inner.Generate(seed, steps);

        public (string Field, string Message)? Validate(TraceStep step) => inner.Validate(step);

        public IReadOnlyList<ExpectedDivergence> ExpectedDivergences(Trace trace, EquivalenceMode mode) => expected;

        public IReadOnlyList<IWorldComparison> Comparisons => inner.Comparisons;

        public IEquivalenceWorld CreateLegacy() => inner.CreateLegacy();

        public IEquivalenceWorld CreatePorted() => throwOnPorted ? throw new InvalidOperationException("the ported world cannot be built") : inner.CreatePorted();
    }

    private static IReadOnlyList<ExpectedDivergence> GenericProtDeclared(Trace t) => new OmapGenericProtScenario().ExpectedDivergences(t, EquivalenceMode.Translation);

    private static Trace GenericProtScript()
    {
        var s = new OmapGenericProtScenario();
        return new Trace(s.Name, 0, s.Generate(0, 2));
    }

    [Fact]
    public void ADivergenceAfterADocumentedOne_IsUnexpected_WithItsStepAndAddress()
    {
        // Declare only step 0's supersection: step 1's -EINVAL and its missing page must then be caught.
        Trace trace = GenericProtScript();
        var s = new Declared(new OmapGenericProtScenario(), [GenericProtDeclared(trace)[0]]);
        EquivalenceReport r = EquivalenceEngine.Run(s, trace);
        Assert.Equal(EquivalenceVerdict.Divergent, r.Verdict);
        Assert.False(r.Passed);
        Assert.Single(r.Documented);
        Assert.Equal(1, r.Divergence!.Step);
        Assert.Equal(DivergenceKind.ReturnValue, r.Divergence.Kind);
        Assert.Equal("-22 (EINVAL)", r.Divergence.Ported);
    }

    [Fact]
    public void ADocumentedRange_ExcludesOnlyItself_ADifferenceBesideItIsCaught()
    {
        // Step 1's page at 0x00101000 is declared at the wrong address: the real one is then unexpected.
        Trace trace = GenericProtScript();
        IReadOnlyList<ExpectedDivergence> declared = GenericProtDeclared(trace);
        var s = new Declared(new OmapGenericProtScenario(), [declared[0], declared[1], declared[2] with { Start = 0x00102000, End = 0x00103000 }]);
        EquivalenceReport r = EquivalenceEngine.Run(s, trace);
        Assert.Equal(EquivalenceVerdict.Divergent, r.Verdict);
        Assert.Equal(DivergenceKind.Translation, r.Divergence!.Kind);
        Assert.Equal(0x00101000u, r.Divergence.Iova);
        Assert.StartsWith("4K pte 0x80101002", r.Divergence.Legacy);
        Assert.Equal("unmapped (fault)", r.Divergence.Ported);
    }

    [Fact]
    public void ADocumentedDivergenceThatDoesNotAppear_FailsTheRun()
    {
        Trace trace = GenericProtScript();
        var phantom = new ExpectedDivergence
        {
            Reference = "omap.md §7.3 (a page that is not there)", Step = 0, Kind = DivergenceKind.Translation, Space = "isp",
            Start = 0x40000000, End = 0x40001000, Legacy = ExpectedSide.Unmapped, Ported = ExpectedSide.Page(0x1000),
        };
        var s = new Declared(new OmapGenericProtScenario(), [.. GenericProtDeclared(trace), phantom]);
        EquivalenceReport r = EquivalenceEngine.Run(s, trace);
        Assert.Equal(EquivalenceVerdict.MissingDocumented, r.Verdict);
        Assert.False(r.Passed);
        Assert.Null(r.Divergence);
        Assert.Equal(phantom, Assert.Single(r.Missing));
        Assert.Contains("MISSING documented divergence: Translation after step 0 in 'isp' at [0x40000000, 0x040001000)", r.ToText());
    }

    [Fact]
    public void TheSameExceptionInBothWorlds_ThatIsNotABug_IsACrash()
    {
        // `get` before `probe` throws the same model error in both worlds: that used to pass as agreement.
        var s = new Omap3ispCaptureScenario();
        EquivalenceReport r = EquivalenceEngine.Run(s, new Trace(s.Name, 0, [new TraceStep("get")]));
        Assert.Equal(EquivalenceVerdict.Divergent, r.Verdict);
        Assert.Equal(DivergenceKind.Crash, r.Divergence!.Kind);
        Assert.Equal(0, r.Divergence.Step);
        Assert.Equal("InvalidOperationException: the ISP is not probed (the scenario probes it first)", r.Divergence.Legacy);
    }

    [Fact]
    public void ATraceThatThrowsInPropertyMode_IsAFailure_NotAPass()
    {
        var s = new Declared(new RandomScenario(), [], throwOnPorted: true);
        PropertyCheckResult result = PropertyCheck.Run(s, s, 5);
        Assert.False(result.Passed);
        Assert.Equal("InvalidOperationException: the ported world cannot be built", result.Error);
        Assert.NotNull(result.Minimal);
    }

    [Fact]
    public void PropertyMode_StillPassesACorrectPort()
    {
        var s = new RandomScenario();
        PropertyCheckResult result = PropertyCheck.Run(s, s, 5);
        Assert.True(result.Passed);
        Assert.Null(result.Error);
        Assert.Equal(5, result.Iterations);
    }
}
