namespace Migration.Analysis.C.Tests;

/// <summary>A file that cannot be read, or that stays broken after stubbing, is a per-file error; the run goes on.</summary>
public sealed class FileErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cfront-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ADanglingSymlink_IsUnreadable_AndTheOtherFilesAreStillAnalysed()
    {
        File.Copy(Path.Combine(Corpus.Root, "omap3isp", "isp.c"), Path.Combine(_folder, "isp.c"));
        File.CreateSymbolicLink(Path.Combine(_folder, "gone.c"), Path.Combine(_folder, "no-such-target.c"));

        CAnalysis result = CFolderAnalyzer.Analyze(CFolderAnalyzer.SourceFiles(_folder), _folder, CKernelCatalog.BuiltIn);

        SourceFileReport gone = Assert.Single(result.SourceFiles, s => s.File == "gone.c");
        Assert.StartsWith("cannot be read: ", gone.Error, StringComparison.Ordinal);
        Assert.Equal(0, gone.Calls);
        Assert.Null(Assert.Single(result.SourceFiles, s => s.File == "isp.c").Error);
        Assert.Equal(5, result.Findings.Count(f => f.File == "isp.c"));
    }

    [Fact]
    public void ADirectoryNamedLikeACFile_IsUnreadable()
    {
        string directory = Path.Combine(_folder, "x.c");
        Directory.CreateDirectory(directory);

        CAnalysis result = CFolderAnalyzer.Analyze([directory], _folder, CKernelCatalog.BuiltIn);

        SourceFileReport report = Assert.Single(result.SourceFiles);
        Assert.Equal("x.c", report.File);
        Assert.StartsWith("cannot be read: ", report.Error, StringComparison.Ordinal);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void ASyntaxError_IsAPerFileNote_NamingThePosition_AndTheFilesCallsAreStillReported()
    {
        string broken = Path.Combine(Corpus.Root, "broken", "syntax_error.c");

        CAnalysis result = CFolderAnalyzer.Analyze([broken], Corpus.Root, CKernelCatalog.BuiltIn);

        SourceFileReport report = Assert.Single(result.SourceFiles);
        Assert.Null(report.Error);
        Assert.Equal("2 syntax errors left after stubbing, first at 11:3: expected ')'; calls in the unparsed code come from the token cross-check; parsed with the kernel prelude (no user headers)", report.Note);
        Assert.Equal(["iommu_get ast", "iommu_put tokens"], result.Findings.Select(f => $"{f.KernelSymbol} {f.Origin}"));
    }

    [Fact]
    public void ErrorsOnlyForNamesTheHeadersWouldDeclare_AreNotFileErrors()
    {
        // Every corpus file but broken/ parses with errors (missing includes, incomplete structs): none is a file error
        // or a note; broken/ keeps syntax errors, but its functions parsed, so it is a note and still no error.
        CAnalysis result = CFolderAnalyzer.Analyze(CFolderAnalyzer.SourceFiles(Corpus.Root), Corpus.Root, CKernelCatalog.BuiltIn);
        Assert.DoesNotContain(result.SourceFiles, s => s.Error is not null);
        Assert.Equal(["broken/syntax_error.c"], result.SourceFiles.Where(s => s.Note is not null).Select(s => s.File));
    }

    [Fact]
    public void SourceFiles_SkipsBuildOutputAndGit_AndSortsByPath()
    {
        foreach (string dir in new[] { "b", "a/bin", "obj", ".git", "a" })
            Directory.CreateDirectory(Path.Combine(_folder, dir));
        foreach (string file in new[] { "b/z.c", "a/y.c", "a/bin/skip.c", "obj/skip.c", ".git/skip.c", "top.c", "not-c.h" })
            File.WriteAllText(Path.Combine(_folder, file), "int x;\n");

        Assert.Equal(["a/y.c", "b/z.c", "top.c"], CFolderAnalyzer.SourceFiles(_folder).Select(p => Path.GetRelativePath(_folder, p).Replace('\\', '/')));
    }
}
