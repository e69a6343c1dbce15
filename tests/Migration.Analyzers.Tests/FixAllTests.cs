using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Migration.Analyzers.CodeFixes;

namespace Migration.Analyzers.Tests;

/// <summary>
/// Fix All in document, project and solution: the testing library applies each fix one by one and then Fix All in
/// every scope (all must give the same result) on two documents of one project and a document of a second project.
/// </summary>
public class FixAllTests
{
    private static string Before(string ns) => $$"""
        using Generic.Iommu;
        namespace {{ns}};
        public static class Frames
        {
            public static void A(IommuDomain d, uint iova, uint pa)
            {
                for (uint i = 0; i < 4; i++)
                    {|IOMMU005:IommuApi.Map(d, iova + i * 4096, pa + i * 4096, 4096, 3)|};
            }
            public static int B(IommuDomain d, uint iova, uint pa, uint n)
            {
                for (uint off = 0; off < n; off += 0x1000)
                    if ({|IOMMU005:IommuApi.Map(d, iova + off, pa + off, 0x1000, 3)|} != 0)
                        return -12;
                return 0;
            }
        }
        """;

    private static string After(string ns) => $$"""
        using Generic.Iommu;
        namespace {{ns}};
        public static class Frames
        {
            public static void A(IommuDomain d, uint iova, uint pa)
            {
                IommuApi.Map(d, iova, pa, 0x4000u, 3);
            }
            public static int B(IommuDomain d, uint iova, uint pa, uint n)
            {
                if (IommuApi.Map(d, iova, pa, (n + 0xFFFu) & ~0xFFFu, 3) != 0)
                    return -12;
                return 0;
            }
        }
        """;

    [Fact]
    public async Task FixAll_CoversDocumentProjectAndSolution()
    {
        var test = new CSharpCodeFixTest<PageLoopMapAnalyzer, PageLoopCodeFixProvider, DefaultVerifier> { ReferenceAssemblies = TestSetup.Net100 };
        test.TestState.Sources.Add(("/0/One.cs", Before("One")));
        test.TestState.Sources.Add(("/0/Two.cs", Before("Two")));
        test.TestState.Sources.Add((ModelStubs.FileName, ModelStubs.Source));
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        var other = new ProjectState("Other", LanguageNames.CSharp, "/1/Test", "cs") { Sources = { ("/1/Three.cs", Before("Three")) } };
        other.AdditionalProjectReferences.Add("TestProject");
        other.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.TestState.AdditionalProjects.Add("Other", other);

        test.FixedState.Sources.Add(("/0/One.cs", After("One")));
        test.FixedState.Sources.Add(("/0/Two.cs", After("Two")));
        test.FixedState.Sources.Add((ModelStubs.FileName, ModelStubs.Source));
        test.FixedState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        var otherFixed = new ProjectState("Other", LanguageNames.CSharp, "/1/Test", "cs") { Sources = { ("/1/Three.cs", After("Three")) } };
        otherFixed.AdditionalProjectReferences.Add("TestProject");
        otherFixed.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.FixedState.AdditionalProjects.Add("Other", otherFixed);
        await test.RunAsync();
    }
}
