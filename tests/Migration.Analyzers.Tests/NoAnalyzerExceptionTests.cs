using Microsoft.CodeAnalysis;

namespace Migration.Analyzers.Tests;

/// <summary>
/// No AD0001 (analyzer exception) over every product project of the repository (src/, legacy/, generic/), each
/// compiled from its sources against the net10.0 references and the product assemblies next to the tests. Projects
/// whose package dependencies are not referenced here still compile with errors: the analyzers must cope with those too.
/// </summary>
public class NoAnalyzerExceptionTests
{
    public static TheoryData<string> ProductProjects()
    {
        var data = new TheoryData<string>();
        foreach (string world in new[] { "src", "legacy", "generic" })
        {
            foreach (string csproj in Directory.GetFiles(Path.Combine(ProductSources.Root, world), "*.csproj", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(ProductSources.Root, Path.GetDirectoryName(csproj)!).Replace('\\', '/'));
        }
        return data;
    }

    [Fact]
    public void EveryWorld_HasProjects() =>
        Assert.True(ProductProjects().Count >= 15, $"only {ProductProjects().Count} product projects found");

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public async Task NoAnalyzer_ThrowsOnTheProject(string projectDir)
    {
        string name = Path.GetFileName(projectDir);
        var compilation = ProductSources.Compile(projectDir, name, ProductSources.ProductReferences(name, "Migration.", "Legacy.", "Generic."));
        (var diagnostics, var exceptions) = await ProductSources.AnalyzeAsync(compilation);
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
