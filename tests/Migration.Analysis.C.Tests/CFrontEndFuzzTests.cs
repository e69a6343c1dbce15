using System.Text;
using CsCheck;

namespace Migration.Analysis.C.Tests;

/// <summary>
/// Issue 15, no input crashes a verb: whatever bytes a .c file holds, the C front end returns that file's report
/// (findings, or a per-file error naming why) and never throws; one bad file never loses the other files' findings.
/// </summary>
public sealed class CFrontEndFuzzTests : IDisposable
{
    private const string GoodSource = """
        int isp_map(void *obj, unsigned int da, void *sgt, int flags)
        {
        	return iommu_vmap(obj, da, sgt, flags);
        }

        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("cfront-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Analyses <paramref name="bytes"/> saved as x.c on one thread; any exception fails the test.</summary>
    private SourceFileReport AnalyzeOne(byte[] bytes, string name = "x.c")
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        CAnalysis result = CFolderAnalyzer.Analyze([path], _folder, CKernelCatalog.BuiltIn, maxParallelism: 1);
        SourceFileReport report = Assert.Single(result.SourceFiles);
        Assert.Equal(name, report.File);
        Assert.All(result.Findings, f => Assert.Equal(name, f.File));
        Assert.Equal(report.Calls, result.Findings.Count);
        // A defect of the front end would also be a per-file error; the fuzzing must still see it as one.
        Assert.False(report.Error is { } error && error.StartsWith("analysis failed", StringComparison.Ordinal), report.Error);
        return report;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void TwoHundredKilobytesOfRandomBytes_IsAReport_NotACrash()
    {
        // The reported crash: IndexOutOfRangeException in TokenCrossCheck.EnclosingByBraces aborted the whole run.
        foreach (int seed in new[] { 1, 2, 3 })
            AnalyzeOne(RandomBytes(200 * 1024, seed));
    }

    [Fact]
    public void RandomBytes_AreAReport_NotACrash()
    {
        Gen.Byte.Array[0, 2048].Sample(bytes => { AnalyzeOne(bytes); }, iter: 25, threads: 1);
    }

    [Fact]
    public void RandomCLikeText_IsAReport_NotACrash()
    {
        // Fragments the lexer and the brace counting react to, in random order: unbalanced braces, directives,
        // line continuations, CRs, NULs, invalid UTF-8, calls of catalog symbols.
        string[] pieces = ["{", "}", "(", ")", ";", "=", "\n", "\r", "\r\n", "\\\n", "#define X(a) a\n", "#if 0\n", "#endif\n",
            "iommu_vmap(", "iommu_get(", "int f(void)", " ", ",", "\"", "'", "/*", "*/", "//", "\0", "\xff", "\xc3", "->", "."];
        Gen.Int[0, pieces.Length - 1].Array[0, 300].Sample(picks =>
        {
            var bytes = picks.SelectMany(p => Encoding.Latin1.GetBytes(pieces[p])).ToArray();
            AnalyzeOne(bytes);
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void TruncatingAGoodFileAtEveryPosition_IsAReport_NotACrash()
    {
        byte[] good = Encoding.UTF8.GetBytes(GoodSource);
        for (int length = 0; length <= good.Length; length += 3)
            AnalyzeOne(good[..length]);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void LineBreaks_AreCountedAsClangCountsThem(string lineBreak)
    {
        // Bare CRs once gave tokens line numbers past the front end's line index (IndexOutOfRangeException).
        string text = "#define A 1\n#if 0\n#endif\n" + GoodSource;
        File.WriteAllText(Path.Combine(_folder, "x.c"), text.Replace("\n", lineBreak, StringComparison.Ordinal));

        CAnalysis result = CFolderAnalyzer.Analyze([Path.Combine(_folder, "x.c")], _folder, CKernelCatalog.BuiltIn, maxParallelism: 1);

        Finding finding = Assert.Single(result.Findings);
        Assert.Equal(("iommu_vmap", 6, 9, "isp_map"), (finding.KernelSymbol, finding.Line, finding.Column, finding.EnclosingMember));
        Assert.Null(Assert.Single(result.SourceFiles).Error);
    }

    [Fact]
    public void NulBytesInsideAGoodFile_StillFindTheCall()
    {
        SourceFileReport report = AnalyzeOne(Encoding.UTF8.GetBytes("\0\0\n" + GoodSource + "\0"));
        Assert.Equal(1, report.Calls);
    }

    [Fact]
    public void TenThousandNestedBraces_AreAReport_NotACrash()
    {
        string text = "void f(void)\n" + new string('{', 10_000) + "iommu_vmap(o, d, s, f);" + new string('}', 10_000) + "\n";
        AnalyzeOne(Encoding.ASCII.GetBytes(text));
    }

    [Fact]
    public void ATenMegabyteLine_IsAReport_NotACrash()
    {
        string text = "int x = " + new string('1', 10 * 1024 * 1024) + ";\n" + GoodSource;
        SourceFileReport report = AnalyzeOne(Encoding.ASCII.GetBytes(text));
        Assert.Equal(1, report.Calls);
    }

    [Fact]
    public void HugeNumbers_AreAReport_NotACrash()
    {
        SourceFileReport report = AnalyzeOne(Encoding.ASCII.GetBytes("double a = 1e400;\nunsigned long long b = 99999999999999999999;\n" + GoodSource));
        Assert.Equal(1, report.Calls);
    }

    [Theory]
    [InlineData("#include \"/dev/zero\"\n", "line 1: #include \"/dev/zero\"")]
    [InlineData("int a;\n  #  include </dev/stdin>\n", "line 2: #include \"/dev/stdin\"")]
    [InlineData("#include \"../../../../../../../../proc/self/fd/0\"\n", "line 1: #include \"../../../../../../../../proc/self/fd/0\"")]
    [InlineData("#include \"zero.h\"\n", "line 1: #include \"zero.h\"")]
    public void AnIncludeOfADeviceOrProcFile_IsAPerFileError_NotAHang(string include, string where)
    {
        // clang reads an included file to its end: /dev/zero hung migrate analyze with its memory growing.
        File.CreateSymbolicLink(Path.Combine(_folder, "zero.h"), "/dev/zero");
        SourceFileReport report = AnalyzeOne(Encoding.ASCII.GetBytes(include + GoodSource));
        Assert.Equal($"{where} names a device or kernel pseudo-file, which clang would read without end; the file is not analysed", report.Error);
    }

    [Fact]
    public void ASourceFileLinkingToDevZero_IsAPerFileError_NotAHang_AndTheOtherFilesAreAnalysed()
    {
        File.WriteAllText(Path.Combine(_folder, "good.c"), GoodSource);
        File.CreateSymbolicLink(Path.Combine(_folder, "zero.c"), "/dev/zero");

        CAnalysis result = CFolderAnalyzer.Analyze(CFolderAnalyzer.SourceFiles(_folder), _folder, CKernelCatalog.BuiltIn);

        Assert.Equal([("good.c", null), ("zero.c", "is a device or kernel pseudo-file (or links to one), which would be read without end; not analysed")],
            result.SourceFiles.Select(s => (s.File, s.Error)));
        Assert.Equal("good.c", Assert.Single(result.Findings).File);
    }

    [Fact]
    public void AnIncludeOfAMissingOrOrdinaryHeader_IsParsedAsBefore()
    {
        File.WriteAllText(Path.Combine(_folder, "local.h"), "#define LOCAL 1\n");
        SourceFileReport report = AnalyzeOne(Encoding.ASCII.GetBytes("#include \"local.h\"\n#include \"missing.h\"\n#include <linux/iommu.h>\n" + GoodSource));
        Assert.Equal((1, null), (report.Calls, report.Error));
    }

    [Fact]
    public void ARandomBytesFileGivenAlone_IsAnalysedAsAFileWithAnError_AndTheSarifListsIt()
    {
        // `migrate analyze x.c` on such a file exits 3 (some files failed): Migration.Cli.Tests' AnalyzeExitCodeTests.
        string path = Path.Combine(_folder, "x.c");
        File.WriteAllBytes(path, RandomBytes(200 * 1024, 11));

        AnalysisResult? result = PathAnalyzer.Analyze(path, out string? error);

        Assert.Null(error);
        Assert.True(result!.HasFileErrors);
        Assert.Equal("x.c", Assert.Single(result.SourceFiles, f => f.Error is not null).File);
        using var doc = System.Text.Json.JsonDocument.Parse(SarifWriter.Write(result, "1.0.0", PathAnalyzer.DefaultDocsBaseUri()));
        Assert.Equal(1, doc.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("sourceFiles").GetArrayLength());
    }

    [Fact]
    public void ARandomBytesFile_IsItsOwnError_AndTheGoodFilesFindingIsStillReported()
    {
        File.WriteAllText(Path.Combine(_folder, "good.c"), GoodSource);
        File.WriteAllBytes(Path.Combine(_folder, "random.c"), RandomBytes(200 * 1024, 7));

        CAnalysis result = CFolderAnalyzer.Analyze(CFolderAnalyzer.SourceFiles(_folder), _folder, CKernelCatalog.BuiltIn);

        Assert.Equal(["good.c", "random.c"], result.SourceFiles.Select(s => s.File));
        Finding finding = Assert.Single(result.Findings, f => f.File == "good.c");
        Assert.Equal(("iommu_vmap", 3, 9, "isp_map"), (finding.KernelSymbol, finding.Line, finding.Column, finding.EnclosingMember));
        Assert.Null(result.SourceFiles[0].Error);
        Assert.Matches(@"^cannot be parsed: no function definition could be read; \d+ syntax errors? left after stubbing, first at \d+:\d+: ", result.SourceFiles[1].Error);
    }
}
