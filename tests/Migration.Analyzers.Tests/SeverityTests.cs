using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Migration.Analyzers.Tests;

/// <summary>
/// Severities from .editorconfig/globalconfig: the per-symbol iommu_migration.severity.&lt;symbol&gt; the analyzers apply,
/// and the docs base. (The rule-wide dotnet_diagnostic.IOMMU00N.severity is the compiler's: PackageTests checks it in a
/// real build, where it also wins over a per-symbol key.)
/// </summary>
public class SeverityTests
{
    private const string Client = """
        using Legacy.Omap;
        namespace Client;
        public static class Isp
        {
            public static void Run(OmapIommu iommu)
            {
                uint da = Iovmm.Vmalloc(iommu, 0, 4096, 1);
                uint va = Iovmm.DaToVa(iommu, da);
                Iovmm.Vfree(iommu, da);
            }
        }
        """;

    private static DiagnosticResult At(int line, int column, int endColumn, DiagnosticSeverity severity) =>
        new DiagnosticResult(IommuRules.OmapIovmmApiId, severity).WithSpan("/0/Client.cs", line, column, line, endColumn);

    private static Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<VendorApiAnalyzer, DefaultVerifier> With(string editorconfig, params DiagnosticResult[] expected)
    {
        var test = TestSetup.Analyzer<VendorApiAnalyzer>(Client, expected);
        test.TestState.AnalyzerConfigFiles.Add(TestSetup.EditorConfig(editorconfig));
        return test;
    }

    [Fact]
    public async Task APerSymbolSeverity_RaisesOneSymbol() =>
        await With("iommu_migration.severity.Legacy.Omap.Iovmm.Vmalloc = error",
            At(7, 19, 51, DiagnosticSeverity.Error), At(8, 19, 42, DiagnosticSeverity.Warning), At(9, 9, 31, DiagnosticSeverity.Warning)).RunAsync();

    [Fact]
    public async Task ATypeKey_CoversItsMembersAndTheMemberKeyWins() =>
        await With("iommu_migration.severity.Legacy.Omap.Iovmm = suggestion\niommu_migration.severity.Legacy.Omap.Iovmm.Vfree = error",
            At(7, 19, 51, DiagnosticSeverity.Info), At(8, 19, 42, DiagnosticSeverity.Info), At(9, 9, 31, DiagnosticSeverity.Error)).RunAsync();

    [Fact]
    public async Task NoneSeverity_SilencesASymbol_AndANamespaceKeyCoversItsTypes() =>
        await With("iommu_migration.severity.Legacy.Omap = silent\niommu_migration.severity.Legacy.Omap.Iovmm.DaToVa = none",
            At(7, 19, 51, DiagnosticSeverity.Hidden), At(9, 9, 31, DiagnosticSeverity.Hidden)).RunAsync();

    [Fact]
    public async Task AGlobalConfig_WorksToo()
    {
        var test = TestSetup.Analyzer<VendorApiAnalyzer>(Client,
            At(7, 19, 51, DiagnosticSeverity.Warning), At(8, 19, 42, DiagnosticSeverity.Error), At(9, 9, 31, DiagnosticSeverity.Warning));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\niommu_migration.severity.Legacy.Omap.Iovmm.DaToVa = error\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task TheDocsBase_CanBeMovedPerProject()
    {
        var test = TestSetup.Analyzer<VendorApiAnalyzer>("namespace Client; public static class A { public static void F(Legacy.Omap.OmapIommu i) => Legacy.Omap.Iovmm.Vfree(i, 0x1000); }");
        test.TestState.AnalyzerConfigFiles.Add(TestSetup.EditorConfig("iommu_migration.docs_base_uri = file:///srv/iommu-docs"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(IommuRules.Get(IommuRules.OmapIovmmApiId, "file:///srv/iommu-docs")).WithSpan("/0/Client.cs", 1, 92, 1, 126)
            .WithArguments("Iovmm.Vfree", "iommu_vfree", "Generic.Iommu.Dma.DmaApi.FreeCoherent(dev, size, va, dma) (dma_free_coherent) or Generic.Omap.OmapIovmm.Vfree(domain, dev, da)",
                "no safe automatic fix: on its own it lacks the size and the CPU address (the fix on the buffer's iommu_vmalloc rewrites it when the whole buffer lives in one method)"));
        test.DiagnosticVerifier = (diagnostic, _, verifier) =>
            verifier.Equal("file:///srv/iommu-docs/IOMMU002.md", diagnostic.Descriptor.HelpLinkUri);
        await test.RunAsync();
    }
}
