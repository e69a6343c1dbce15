using Migration.Analysis.C.Interop;

namespace Migration.Analysis.C.Tests;

/// <summary>
/// Issue 18: C parsed with the user's headers (--include, --define, --compile-commands). The corpus with the test
/// headers of fixtures/include, the prelude left out when headers are given, and compile_commands.json entries
/// (relative paths, -D changing the parsed #ifdef branch, files without an entry).
/// </summary>
public sealed class UserHeadersTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cfront-headers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string FixtureInclude => Path.Combine(AppContext.BaseDirectory, "fixtures", "include");

    private static CAnalysis AnalyzeCorpus(CParseSettings settings) =>
        CFolderAnalyzer.Analyze(CFolderAnalyzer.SourceFiles(Corpus.Root), Corpus.Root, CKernelCatalog.BuiltIn, settings: settings);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void TheCorpus_WithTheTestHeaders_NeedsNoStub_AndOnlyTheBrokenFileKeepsSyntaxErrors()
    {
        CAnalysis prelude = AnalyzeCorpus(CParseSettings.None);
        CAnalysis headers = AnalyzeCorpus(new CParseSettings([FixtureInclude], [], null));

        // The numbers of c-front-end.md, "Parsing with the user's headers".
        Assert.Equal(["broken/syntax_error.c"], prelude.SourceFiles.Where(f => f.Note is not null).Select(f => f.File));
        Assert.Equal(["broken/syntax_error.c"], headers.SourceFiles.Where(f => f.Note is not null).Select(f => f.File));
        Assert.Equal((53, 26, 13, 4), (prelude.SourceFiles.Sum(f => f.Stubs), prelude.SourceFiles.Sum(f => f.FromAst), prelude.SourceFiles.Sum(f => f.FromStubbedAst), prelude.SourceFiles.Sum(f => f.FromTokens)));
        Assert.Equal((0, 40, 0, 3), (headers.SourceFiles.Sum(f => f.Stubs), headers.SourceFiles.Sum(f => f.FromAst), headers.SourceFiles.Sum(f => f.FromStubbedAst), headers.SourceFiles.Sum(f => f.FromTokens)));
        Assert.All(prelude.SourceFiles, f => Assert.Equal("prelude", f.Parse));
        Assert.All(headers.SourceFiles, f => Assert.Equal("headers", f.Parse));
        Assert.EndsWith("; parsed with the user's headers (--include)", headers.SourceFiles[0].Note, StringComparison.Ordinal);
        Assert.EndsWith("; parsed with the kernel prelude (no user headers)", prelude.SourceFiles[0].Note, StringComparison.Ordinal);

        // The same call sites, now found by the first parse except the ones no parse can see: the deliberately broken
        // statement and msm_isp.c's #ifdef CONFIG_MSM_IOMMU block and discarded macro argument.
        Assert.Equal(Corpus.Expected.Select(e => e with { Origin = "" }).OrderBy(e => e.ToString()),
            headers.Findings.Select(f => Corpus.Of(f) with { Origin = "" }).OrderBy(e => e.ToString()));
        Assert.Equal([("broken/syntax_error.c", 17), ("msm/msm_isp.c", 34), ("msm/msm_isp.c", 45)],
            headers.Findings.Where(f => f.Origin != FindingOrigin.Ast).Select(f => (f.File, f.Line)));
    }

    [Fact]
    public void WithHeaders_ThePreludeIsLeftOut_BecauseItsTypedefsAndMacrosClashWithTheRealOnes()
    {
        string file = Write("x.c", "#include <linux/types.h>\n#include <linux/init.h>\nstatic int __init f(phys_addr_t p) { return p != 0 && true; }\n");
        byte[] bytes = File.ReadAllBytes(file);
        string[] include = ["-I", FixtureInclude];
        using var index = new ClangIndex();

        // As the front end parses it: the annotations, the real headers, an empty in-memory header.
        using ClangTranslationUnit? withHeaders = ClangTranslationUnit.Parse(index, file, bytes, [(KernelPrelude.HeaderName, KernelPrelude.HeaderText(true, ""))],
            KernelPrelude.ArgumentsFor(include), CXTranslationUnitOptions.KeepGoing, out _);
        Assert.Empty(withHeaders!.Diagnostics().Where(d => d.IsError).Select(d => d.Message));

        // Were the prelude kept: "#define true 1" breaks linux/stddef.h's enum, and its 32-bit phys_addr_t conflicts.
        using ClangTranslationUnit? withPrelude = ClangTranslationUnit.Parse(index, file, bytes, [(KernelPrelude.HeaderName, KernelPrelude.HeaderText(false, ""))],
            KernelPrelude.ArgumentsFor(include), CXTranslationUnitOptions.KeepGoing, out _);
        var errors = withPrelude!.Diagnostics().Where(d => d.IsError).Select(d => d.Message).ToList();
        Assert.Contains("expected identifier", errors);
        Assert.Contains(errors, e => e.StartsWith("typedef redefinition with different types ('u64' (aka 'unsigned long long') vs 'unsigned int')", StringComparison.Ordinal));
    }

    [Fact]
    public void ACompileCommandsEntry_ResolvesRelativeIncludePathsAgainstItsDirectory()
    {
        // The macro hiding the call lives in the tree's header: only a parse that reads it sees iommu_vmalloc.
        Write("tree/include/media/isp_alloc.h", "#define ISP_ALLOC(obj, size) iommu_vmalloc(obj, 0, size, 0)\nvoid *iommu_vmalloc(void *obj, unsigned da, unsigned size, unsigned flags);\n");
        string source = Write("tree/drivers/isp.c", "#include <media/isp_alloc.h>\nvoid *isp_alloc(void *obj)\n{\n\treturn ISP_ALLOC(obj, 4096);\n}\n");
        string json = Write("build/compile_commands.json", """
            [
              { "directory": "../tree", "file": "drivers/isp.c",
                "command": "gcc -Wp,-MD,drivers/.isp.o.d -nostdinc -Iinclude -I ./arch/arm/include -Werror -fplugin=./scripts/x.so -march=armv7-a -o drivers/isp.o -c drivers/isp.c" }
            ]
            """);
        CompileCommands commands = CompileCommands.Read(json);
        string tree = Path.Combine(_folder, "tree");

        Assert.Equal(["-nostdinc", "-I", Path.Combine(tree, "include"), "-I", Path.Combine(tree, "arch", "arm", "include")], commands.FlagsFor(source));

        CAnalysis without = CFolderAnalyzer.Analyze([source], tree, CKernelCatalog.BuiltIn);
        CAnalysis with = CFolderAnalyzer.Analyze([source], tree, CKernelCatalog.BuiltIn, settings: new CParseSettings([], [], commands));

        Assert.Empty(without.Findings);
        Finding finding = Assert.Single(with.Findings);
        Assert.Equal(("iommu_vmalloc", 4, 9, "isp_alloc", FindingOrigin.Ast), (finding.KernelSymbol, finding.Line, finding.Column, finding.EnclosingMember, finding.Origin));
        Assert.Equal(("prelude", "headers"), (without.SourceFiles[0].Parse, with.SourceFiles[0].Parse));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ADefineFromCompileCommands_ChoosesTheIfdefBranchTheParseReads(bool defined)
    {
        string source = Write("drv/cam.c", """
            #ifdef CONFIG_MSM_IOMMU
            #define CAM_MAP(buf) msm_iommu_map_contig_buffer(buf, 0, 0, 4096, 4096, 0, 0)
            #else
            #define CAM_MAP(buf) 0
            #endif
            int cam_open(unsigned long buf)
            {
            	return CAM_MAP(buf);
            }

            """);
        string define = defined ? "\"-DCONFIG_MSM_IOMMU=1\", " : "";
        string json = Write("compile_commands.json", $$"""[{"directory": "{{_folder}}", "file": "{{source}}", "arguments": ["clang", {{define}}"-c", "drv/cam.c"]}]""");

        CAnalysis result = CFolderAnalyzer.Analyze([source], _folder, CKernelCatalog.BuiltIn, settings: new CParseSettings([], [], CompileCommands.Read(json)));

        // The call is only in a macro body: the tokens never see it, so only the configured branch can report it.
        Assert.Equal(defined ? [("msm_iommu_map_contig_buffer", 8, 9, FindingOrigin.Ast)] : [],
            result.Findings.Select(f => (f.KernelSymbol, f.Line, f.Column, f.Origin)));
        // A compile command with no -I still counts as the user's headers: the prelude is not added to a configured build.
        Assert.Equal("headers", Assert.Single(result.SourceFiles).Parse);
    }

    [Fact]
    public void AFileWithoutACompileCommandsEntry_IsParsedWithThePrelude_AndTheOtherWithItsFlags()
    {
        string listed = Write("a.c", "#ifdef WITH_VMAP\nint a(void *o) { return iommu_vmap(o, 0, 0, 0); }\n#endif\n");
        string unlisted = Write("b.c", "int b(void *o) { return iommu_vmap(o, 0, 0, 0); }\n");
        string json = Write("compile_commands.json", """[{"directory": ".", "file": "a.c", "command": "cc -DWITH_VMAP -c a.c"}]""");

        CAnalysis result = CFolderAnalyzer.Analyze([listed, unlisted], _folder, CKernelCatalog.BuiltIn, settings: new CParseSettings([], [], CompileCommands.Read(json)));

        Assert.Equal([("a.c", "headers"), ("b.c", "prelude")], result.SourceFiles.Select(f => (f.File, f.Parse)));
        Assert.Equal([("a.c", FindingOrigin.Ast), ("b.c", FindingOrigin.Ast)], result.Findings.Select(f => (f.File, f.Origin)));
    }

    [Fact]
    public void DefinesFromTheOptions_ComeAfterTheCompileCommand_SoTheyWin()
    {
        string source = Write("c.c", "#if MODE == 2\nint c(void *o) { return iommu_vmap(o, 0, 0, 0); }\n#endif\n");
        string json = Write("compile_commands.json", """[{"directory": ".", "file": "c.c", "arguments": ["cc", "-DMODE=1", "c.c"]}]""");

        CAnalysis one = CFolderAnalyzer.Analyze([source], _folder, CKernelCatalog.BuiltIn, settings: new CParseSettings([], [], CompileCommands.Read(json)));
        CAnalysis two = CFolderAnalyzer.Analyze([source], _folder, CKernelCatalog.BuiltIn, settings: new CParseSettings([], ["MODE=2"], CompileCommands.Read(json)));

        Assert.Equal(FindingOrigin.Tokens, Assert.Single(one.Findings).Origin); // skipped by the parse: only the tokens see it
        Assert.Equal(FindingOrigin.Ast, Assert.Single(two.Findings).Origin);
    }

    [Fact]
    public void AHeaderFoundThroughTheUsersFlags_ThatIsDevZero_IsAPerFileError_NotAHang()
    {
        string inc = Path.Combine(_folder, "inc");
        Directory.CreateDirectory(inc);
        File.CreateSymbolicLink(Path.Combine(inc, "zero.h"), "/dev/zero");
        string included = Write("z.c", "#include <zero.h>\nint f(void) { return 0; }\n");
        string forced = Write("y.c", "int f(void) { return 0; }\n");
        string json = Write("compile_commands.json", """[{"directory": ".", "file": "y.c", "arguments": ["cc", "-include", "inc/zero.h", "y.c"]}]""");

        CAnalysis result = CFolderAnalyzer.Analyze([forced, included], _folder, CKernelCatalog.BuiltIn, settings: new CParseSettings([inc], [], CompileCommands.Read(json)));

        Assert.Equal(
            [("y.c", $"-include \"{Path.Combine(inc, "zero.h")}\" names a device or kernel pseudo-file, which clang would read without end; the file is not analysed"),
             ("z.c", "line 1: #include \"zero.h\" names a device or kernel pseudo-file, which clang would read without end; the file is not analysed")],
            result.SourceFiles.Select(f => (f.File, f.Error)));
    }
}
