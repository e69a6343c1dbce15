namespace Migration.Benchmarks.Tests;

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
}
