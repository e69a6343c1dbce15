using System.Text;
using Migration.Analysis.C.Interop;

namespace Migration.Analysis.C.Tests;

/// <summary>Which undeclared names become typedefs and which become externs, and what the second parse recovers.</summary>
public sealed class DiagnosticStubberTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cfront-stubs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("x = (iova_t)y;", "iova_t", true)] // a cast
    [InlineData("x = (iova_t *)y;", "iova_t", true)]
    [InlineData("{ isp_priv_t *priv = p; }", "isp_priv_t", true)] // a declaration at the start of a statement
    [InlineData("; buf_t b;", "buf_t", true)]
    [InlineData("size = NUM_BUFS * buf_size;", "NUM_BUFS", false)] // a product, not a declaration
    [InlineData("f(IOMMU_FLAG);", "IOMMU_FLAG", false)] // an argument
    [InlineData("x = g(FLAG) + 1;", "FLAG", false)] // "(FLAG)" after a callee is a call
    [InlineData("return -ENOMEM;", "ENOMEM", false)]
    [InlineData("if (a == MAGIC) b;", "MAGIC", false)]
    public void UsedAsType_AnswersWhetherTheNameIsATypeAtThatSpot(string code, string name, bool expected)
    {
        var source = new SourceText(Encoding.ASCII.GetBytes(code));
        Assert.Equal(expected, DiagnosticStubber.UsedAsType(source, code.IndexOf(name, StringComparison.Ordinal), name));
    }

    [Fact]
    public void ANameFirstSeenInACast_IsStubbedAsAType_SoTheCallInsideTheCastIsRecovered()
    {
        const string code = """
            static void f(struct isp_device *isp)
            {
            	iova_t da;
            	da = (iova_t)iommu_vmalloc(isp->iommu, 0, SZ_4K, IOMMU_FLAG);
            }
            """;
        string path = Path.Combine(_folder, "cast.c");
        File.WriteAllText(path, code);

        CAnalysis result = CFolderAnalyzer.Analyze([path], _folder, CKernelCatalog.BuiltIn);

        Finding f = Assert.Single(result.Findings);
        Assert.Equal((4, 15, "f", FindingOrigin.AstAfterStubs), (f.Line, f.Column, f.EnclosingMember!, f.Origin!));
        Assert.Null(result.SourceFiles[0].Error);
    }

    [Fact]
    public void TheStubs_AreTypedefsAndExterns_FromTheDiagnostics()
    {
        var source = new SourceText(Encoding.ASCII.GetBytes("x = (iova_t)y + FLAG;\n"));
        DiagnosticStubber.Stubs stubs = DiagnosticStubber.Stub(
        [
            new ParserDiagnostic(CXDiagnosticSeverity.Error, "unknown type name 'u128'", true, 1, 1),
            new ParserDiagnostic(CXDiagnosticSeverity.Error, "use of undeclared identifier 'iova_t'", true, 1, 6),
            new ParserDiagnostic(CXDiagnosticSeverity.Error, "use of undeclared identifier 'FLAG'; did you mean 'FLAGS'?", true, 1, 17),
            new ParserDiagnostic(CXDiagnosticSeverity.Error, "incomplete definition of type 'struct isp_device'", true, 1, 1),
            new ParserDiagnostic(CXDiagnosticSeverity.Warning, "use of undeclared identifier 'W'", true, 1, 1),
        ], source);

        Assert.Equal(["iova_t", "u128"], stubs.Typedefs);
        Assert.Equal(["FLAG"], stubs.Externs);
        Assert.Equal("/* stubs for names the kernel headers would declare */\ntypedef int iova_t;\ntypedef int u128;\nextern int FLAG;\n", stubs.Text());
    }

    [Fact]
    public void WithoutTheAnnotationMacros_AnInitFunctionWouldBeLost()
    {
        // The prelude's -D__init= is what keeps the function: the same text with an unknown annotation loses its call.
        string path = Path.Combine(_folder, "init.c");
        File.WriteAllText(path, "static int __init a(void)\n{\n\treturn iommu_get(\"isp\") != 0;\n}\nstatic int __unknown_annotation b(void)\n{\n\treturn iommu_get(\"isp\") != 0;\n}\n");

        CAnalysis result = CFolderAnalyzer.Analyze([path], _folder, CKernelCatalog.BuiltIn);

        Assert.Equal(["a ast", "b tokens"], result.Findings.Select(f => $"{f.EnclosingMember} {f.Origin}"));
    }
}
