using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Migration.Analyzers.Tests;

/// <summary>
/// The apply-every-fix harness on a client in the middle of its port (Fixtures/MidPortClient.cs.txt, compiled against
/// the real legacy and generic assemblies): each of the four fixes applies, and the result compiles.
/// </summary>
public class ApplyAllFixesTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(ProductSources.Root, "tests", "Migration.Analyzers.Tests", "Fixtures", name));

    [Fact]
    public async Task EveryFix_AppliesToTheMidPortClientAndTheResultCompiles()
    {
        var tree = CSharpSyntaxTree.ParseText(Fixture("MidPortClient.cs.txt"), new CSharpParseOptions(LanguageVersion.Latest), "MidPortClient.cs");
        var compilation = CSharpCompilation.Create("MidPort", [tree],
            Basic.Reference.Assemblies.Net100.References.All.Concat(ProductSources.ProductReferences("", "Migration.", "Legacy.Omap", "Legacy.Iommu", "Generic.Iommu")),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        // The input does not compile: MapSection passes the generic domain to the order-based calls.
        Assert.Equal(["CS1503", "CS1503"], compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToArray());

        FixRunner.Result result = await FixRunner.ApplyAllAsync(compilation);

        Assert.Equal(
        [
            "IOMMU001 MidPortClient.cs:30 domain-alloc-attach",
            "IOMMU002 MidPortClient.cs:52 dma-alloc-coherent",
            "IOMMU005 MidPortClient.cs:67 page-loop",
            "IOMMU004 MidPortClient.cs:74 order-to-bytes",
            "IOMMU004 MidPortClient.cs:75 order-to-bytes",
        ], result.AppliedTo);
        Assert.Empty(result.Fixed.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        string fixedText = result.Fixed.SyntaxTrees.Single().ToString();
        Assert.Contains("IommuDomain? mmu = IommuApi.DomainAlloc(_bus);", fixedText, StringComparison.Ordinal);
        Assert.Contains("if (mmu is null || IommuApi.AttachDevice(mmu, _dev) != 0)", fixedText, StringComparison.Ordinal);
        Assert.Contains("uint va = Generic.Iommu.Dma.DmaApi.AllocCoherent(_dev, size, out uint table);", fixedText, StringComparison.Ordinal);
        Assert.Contains("int ret = IommuApi.Map(domain, iova, pa, pages * 4096, 3);", fixedText, StringComparison.Ordinal);
        Assert.Contains("int ret = IommuApi.Map(domain, iova, pa, 0x100000u, 3);", fixedText, StringComparison.Ordinal);
        Assert.Contains("IommuApi.Unmap(domain, iova, 0x100000u);", fixedText, StringComparison.Ordinal);
        // What is left: the ignored unmap result (IOMMU006 has no fix) and the handle parameter of the vmalloc method.
        Assert.Equal(["IOMMU006"], result.Remaining.Select(d => d.Id).ToArray());
    }
}
