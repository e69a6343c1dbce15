using Generic.Vectors;
using Migration.Vectors;

namespace Migration.Vectors.Tests;

/// <summary>Replays every golden-vector file: the bundled copy and whatever ../shared/vectors holds.</summary>
public class VectorReplayTests
{
    public static TheoryData<string, string> AllVectorFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in Directory.GetFiles(RepositoryPaths.BundledVectors, "*.json").Order(StringComparer.Ordinal))
            data.Add("bundled", Path.GetFileName(file));
        if (Directory.Exists(RepositoryPaths.SharedVectors))
        {
            foreach (string file in Directory.GetFiles(RepositoryPaths.SharedVectors, "*.json").Order(StringComparer.Ordinal))
                data.Add("shared", Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllVectorFiles))]
    public void EveryCaseOfAnImplementedSuitePasses_AndOtherSuitesArePending(string source, string fileName)
    {
        string folder = source == "bundled" ? RepositoryPaths.BundledVectors : RepositoryPaths.SharedVectors;
        VectorFile file = VectorFileReader.Read(Path.Combine(folder, fileName));

        if (VectorSuites.Catalog.Pending.ContainsKey(file.Suite))
        {
            // Named in the one explicit pending list: the replay refuses it loudly instead of skipping it.
            var ex = Assert.Throws<VectorFormatException>(() => VectorSuites.Runner.Run(file));
            Assert.Contains($"suite \"{file.Suite}\" is not implemented yet", ex.Message, StringComparison.Ordinal);
            return;
        }

        Assert.True(VectorSuites.Catalog.Implemented.ContainsKey(file.Suite),
            $"{source}/{fileName}: suite \"{file.Suite}\" is neither implemented nor in VectorSuites.Catalog.Pending");
        FileResult result = VectorSuites.Runner.Run(file);
        Assert.NotEmpty(result.Cases);
        var failures = result.Cases.Where(c => !c.Passed)
            .Select(c => c.Name + ": " + string.Join("; ", c.Mismatches.Take(5)))
            .ToList();
        Assert.True(failures.Count == 0, $"{source}/{fileName}: {failures.Count} failing case(s):\n" + string.Join("\n", failures));
    }

    [Fact]
    public void BundledCopy_HoldsEverySharedFileUnchanged()
    {
        if (!Directory.Exists(RepositoryPaths.SharedVectors))
            return; // a user's clone has no ../shared; the bundled copy is then the only source
        foreach (string shared in Directory.GetFiles(RepositoryPaths.SharedVectors, "*.json"))
        {
            string bundled = Path.Combine(RepositoryPaths.BundledVectors, Path.GetFileName(shared));
            Assert.True(File.Exists(bundled), $"{Path.GetFileName(shared)} is in ../shared/vectors but not bundled in vectors/");
            Assert.True(File.ReadAllBytes(shared).AsSpan().SequenceEqual(File.ReadAllBytes(bundled)),
                $"vectors/{Path.GetFileName(shared)} differs from ../shared/vectors: refresh the bundled copy");
        }
    }

    [Fact]
    public void PendingListIsEmpty_EverySuiteHasAModel()
    {
        Assert.Empty(VectorSuites.Catalog.Pending);
        Assert.Empty(VectorSuites.Catalog.Pending.Keys.Intersect(VectorSuites.Catalog.Implemented.Keys));
        foreach (string suite in VectorSuites.Catalog.Pending.Keys)
            Assert.Null(VectorSuites.Catalog.Create(suite));
    }

    [Fact]
    public void ImplementedSuites_AreTheFiveOfTheFormat()
    {
        Assert.Equal(["msm-core", "msm-pgtable", "omap-iovmm-alloc", "omap-pgtable", "pgsize-split"], VectorSuites.Catalog.Implemented.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, Func<IVectorSuite> make) in VectorSuites.Catalog.Implemented)
            Assert.Equal(name, make().Name);
    }

    [Fact]
    public void BundledFiles_HaveTheirKnownCaseCounts()
    {
        Assert.Equal(46, VectorFileReader.Read(Path.Combine(RepositoryPaths.BundledVectors, "msm-core.json")).Cases.Count);
        Assert.Equal(143, VectorFileReader.Read(Path.Combine(RepositoryPaths.BundledVectors, "pgsize-split.json")).Cases.Count);
        Assert.Equal(55, VectorFileReader.Read(Path.Combine(RepositoryPaths.BundledVectors, "msm-pgtable.json")).Cases.Count);
        Assert.Equal(100, VectorFileReader.Read(Path.Combine(RepositoryPaths.BundledVectors, "omap-pgtable.json")).Cases.Count);
        Assert.Equal(80, VectorFileReader.Read(Path.Combine(RepositoryPaths.BundledVectors, "omap-iovmm-alloc.json")).Cases.Count);
    }

    [Fact]
    public void WildWriteCases_AreReplayedNotSkipped()
    {
        VectorFile file = VectorFileReader.Read(Path.Combine(RepositoryPaths.BundledVectors, "omap-pgtable.json"));
        var wild = file.Cases.Where(c => c.HasTag("wild-write")).ToList();
        Assert.Equal(11, wild.Count);
        FileResult result = VectorSuites.Runner.Run(file with { Cases = wild });
        Assert.Equal(11, result.Passed);
    }

    [Theory]
    [InlineData("wild-write", 5)]
    [InlineData("l1-overflow", 1)]
    [InlineData("l2-slack", 1)]
    public void MsmEdgeCases_AreReplayedNotSkipped(string tag, int count)
    {
        VectorFile file = VectorFileReader.Read(Path.Combine(RepositoryPaths.BundledVectors, "msm-pgtable.json"));
        var tagged = file.Cases.Where(c => c.HasTag(tag)).ToList();
        Assert.Equal(count, tagged.Count);
        Assert.Equal(count, VectorSuites.Runner.Run(file with { Cases = tagged }).Passed);
    }
}
