using Migration.Equivalence;

namespace Migration.Equivalence.Tests;

/// <summary>A documented difference matches only the divergence it declares, and the judge excludes, skips and reports what it should.</summary>
public class ExpectedDivergenceTests
{
    // msm.md §3.3 as the tex0 scenario declares it: class 7 through 4K pages, class 3 through the port's 64K page, same page.
    private static readonly ExpectedDivergence Tex0 = new()
    {
        Reference = "msm.md §3.3", Step = 0, Kind = DivergenceKind.Translation, Space = "camera", Start = 0x20000, End = 0x30000, SamePhysicalPage = true,
        Legacy = ExpectedSide.Page(0x1000) with { Attributes = 0x76 }, Ported = ExpectedSide.Page(0x10000) with { Attributes = 0x36 },
    };

    private static Divergence Seen(uint iova = 0x20000, int step = 0, bool samePage = true, uint portedAttrs = 0x36, uint portedSize = 0x10000, string space = "camera") => new()
    {
        Step = step, StepText = "open", Kind = DivergenceKind.Translation, Space = space, Iova = iova,
        Legacy = "4K pte", Ported = "64K pte", LegacyPageSize = 0x1000, PortedPageSize = portedSize,
        LegacyAttributes = 0x76, PortedAttributes = portedAttrs, SamePhysicalPage = samePage,
    };

    [Fact]
    public void TheDeclaredDivergence_Matches()
    {
        Assert.True(Tex0.Matches(Seen()));
        Assert.True(Tex0.Matches(Seen(iova: 0x2ffff)));
    }

    [Fact]
    public void AWrongPhysicalPage_IsNotTheDocumentedAttributeLoss()
    {
        Assert.False(Tex0.Matches(Seen(samePage: false)));
    }

    [Theory]
    [InlineData(0x30000u, 0, 0x36u, 0x10000u, "camera")] // past the range
    [InlineData(0x1f000u, 0, 0x36u, 0x10000u, "camera")] // before it
    [InlineData(0x20000u, 1, 0x36u, 0x10000u, "camera")] // another step
    [InlineData(0x20000u, 0, 0x26u, 0x10000u, "camera")] // another memory class
    [InlineData(0x20000u, 0, 0x36u, 0x100000u, "camera")] // another page size
    [InlineData(0x20000u, 0, 0x36u, 0x10000u, "video")] // another address space
    public void AnythingElse_DoesNotMatch(uint iova, int step, uint attrs, uint size, string space)
    {
        Assert.False(Tex0.Matches(Seen(iova, step, portedAttrs: attrs, portedSize: size, space: space)));
    }

    [Fact]
    public void AReturnValue_MatchesOnlyItsExactValues()
    {
        var einval = new ExpectedDivergence { Reference = "omap.md §7.3", Step = 1, Kind = DivergenceKind.ReturnValue, Legacy = ExpectedSide.Returns(0), Ported = ExpectedSide.Returns(-22) };
        Divergence d = new() { Step = 1, StepText = "map", Kind = DivergenceKind.ReturnValue, Legacy = "0", Ported = "-22 (EINVAL)", LegacyValue = 0, PortedValue = -22 };
        Assert.True(einval.Matches(d));
        Assert.False(einval.Matches(d with { PortedValue = -12 }));
        Assert.False(einval.Matches(d with { Kind = DivergenceKind.Crash }));
    }

    [Fact]
    public void TheJudge_LabelsAPinnedMatch_AndExcludesItsRangeForTheRestOfTheRun_TranslationCoveringEntries()
    {
        var judge = new DivergenceJudge([Tex0]);
        Assert.Equal(0x30000UL, judge.Judge(Seen()));
        Assert.Equal("msm.md §3.3", Assert.Single(judge.Documented).Reference);
        Assert.Equal(0x30000UL, judge.ExcludedUntil(DivergenceKind.Translation, "camera", 0x28000));
        Assert.Equal(0x30000UL, judge.ExcludedUntil(DivergenceKind.Entries, "camera", 0x28000));
        Assert.Equal(0UL, judge.ExcludedUntil(DivergenceKind.Tlb, "camera", 0x28000));
        Assert.Equal(0UL, judge.ExcludedUntil(DivergenceKind.Translation, "camera", 0x30000));
        Assert.Empty(judge.Missing());
    }

    [Fact]
    public void TheJudge_CallsAnythingUndeclaredUnexpected_AndNamesTheRequiredOnesThatNeverAppeared()
    {
        var judge = new DivergenceJudge([Tex0]);
        Assert.Null(judge.Judge(Seen(samePage: false)));
        Assert.Empty(judge.Documented);
        Assert.Equal(Tex0, Assert.Single(judge.Missing()));
    }

    [Fact]
    public void APattern_ResumesPastWhatTheDivergentEntriesCover_AndExcludesNothingLater()
    {
        var larger = new ExpectedDivergence
        {
            Reference = "generic.md §5.1", Kind = DivergenceKind.Entries, Space = "camera", Start = 0, End = 0x1_0000_0000UL, SamePhysicalPage = true, Required = false,
            Legacy = ExpectedSide.Page(0x1000), Ported = ExpectedSide.Page(0x10000, 0x100000),
        };
        var judge = new DivergenceJudge([larger]);
        Assert.Equal(0x30000UL, judge.Judge(Seen() with { Kind = DivergenceKind.Entries }, coveredEnd: 0x30000));
        Assert.Equal(0UL, judge.ExcludedUntil(DivergenceKind.Entries, "camera", 0x20000));
        Assert.Equal(0x30000UL, judge.Judge(Seen(step: 7) with { Kind = DivergenceKind.Entries }, coveredEnd: 0x30000));
        Assert.Equal(2, judge.DocumentedCount);
        Assert.Single(judge.Documented);
        Assert.Empty(judge.Missing()); // not required
    }
}
