namespace Migration.Layering.Tests;

/// <summary>Every test method of the repository is named Subject_Outcome (issue #19), and the scan behind it finds them.</summary>
public class TestNamingTests
{
    [Fact]
    public void EveryTestMethod_IsSubjectThenOutcome()
    {
        IReadOnlyList<TestMethodScan.TestMethod> methods = TestMethodScan.FindAll(Path.Combine(RepositoryPaths.Root, "tests"));
        // The rule is only as good as the scan: about 1,800 test methods exist, so a scan finding few has broken.
        Assert.True(methods.Count > 1500, $"the scan found only {methods.Count} test methods under tests/");
        var offenders = methods.Where(m => !TestNamingRule.Follows(m.Name)).Select(m => $"tests/{m.File}:{m.Line}: {m.Name}").ToList();
        Assert.True(offenders.Count == 0,
            $"{offenders.Count} test methods are not named Subject_Outcome (README.md, Contributing):{Environment.NewLine}{string.Join(Environment.NewLine, offenders)}");
    }

    [Fact]
    public void TheScan_FindsFactsAndTheoriesInEveryAttributeShape()
    {
        const string source = """
            public class Sample
            {
                [Fact]
                public void Plain_Fact() { }

                [Theory]
                [InlineData(1,
                    2)]
                [InlineData(3, 4)]
                public void Spread_Theory(int a, int b) { }

                [Fact(Skip = "why")]
                // a comment between
                public async Task Skipped_Async() => await Task.Yield();

                [Trait("k", "v"), Fact]
                public Task<int> Listed_Generic<T>() => Task.FromResult(0);

                [Fact] public void OneLine_Fact() { }

                [MemberData(nameof(Rows))]
                public void NotATest(int a) { }

                public static IEnumerable<object[]> Rows() => [];
            }
            """;
        TestMethodScan.TestMethod[] expected =
        [
            new("S.cs", 4, "Plain_Fact"), new("S.cs", 10, "Spread_Theory"), new("S.cs", 14, "Skipped_Async"),
            new("S.cs", 17, "Listed_Generic"), new("S.cs", 19, "OneLine_Fact"),
        ];
        Assert.Equal(expected, TestMethodScan.InSource("S.cs", source));
    }

    [Theory]
    [InlineData("Map4K_WritesOneSmallPageDescriptor", true)]
    [InlineData("ClearEntry_OfAnEmptyL1_StillFlushesDa", true)]
    [InlineData("Unmap1MAnd16M_ClearFirstLevelSlots", true)]
    [InlineData("Map_4K_WritesOneSmallPageDescriptor", true)] // a part may start with a digit
    [InlineData("Map_4K_writes_one_small_page_descriptor", false)] // snake_case sentence
    [InlineData("ReadWriteSmallPageOrsTheFrameAddress", false)] // no subject/outcome split
    [InlineData("Map__Writes", false)] // empty part
    [InlineData("Map_Writes_", false)]
    [InlineData("map_Writes", false)]
    [InlineData("4K_Map", false)] // the subject starts with a letter
    public void TheRule_AcceptsOnlySubjectThenOutcome(string name, bool follows) =>
        Assert.Equal(follows, TestNamingRule.Follows(name));
}
