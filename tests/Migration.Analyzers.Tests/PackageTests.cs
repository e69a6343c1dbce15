namespace Migration.Analyzers.Tests;

/// <summary>
/// `dotnet pack` of analyzers/Migration.Analyzers.Package into a temporary folder feed, then a throwaway project (its own
/// nuget.config: that folder added to the user's normal feed, a private global-packages folder) that references the
/// package and uses a vendor symbol: the IOMMU diagnostic must appear in its build output, and .editorconfig severities
/// apply in a real build. Restore takes the package from the folder; the project needs nothing else from a registry.
/// About 20 s here; filter with Category=Package.
/// </summary>
[Trait("Category", "Package")]
public class PackageTests
{
    private const string Client = """
        namespace Legacy.Omap
        {
            public sealed class OmapIommu { }
            public static class Iovmm
            {
                public static uint Vmalloc(OmapIommu obj, uint da, uint bytes, uint flags) => 0;
                public static void Vfree(OmapIommu obj, uint da) { }
            }
        }
        namespace Foreign
        {
            public static class Isp
            {
                public static uint Table(Legacy.Omap.OmapIommu iommu)
                {
                    uint da = Legacy.Omap.Iovmm.Vmalloc(iommu, 0, 4096, 0);
                    Legacy.Omap.Iovmm.Vfree(iommu, da);
                    return da;
                }
            }
        }
        """;

    [Fact]
    public void APackedAnalyzer_ReportsInAForeignProjectsBuild()
    {
        string temp = Directory.CreateTempSubdirectory("iommu-analyzers-package-").FullName;
        try
        {
            string feed = Path.Combine(temp, "feed");
            // A version no cache has seen: NuGet reuses a cached package of the same version forever.
            string version = "1.0.0-test." + DateTime.UtcNow.Ticks;
            string package = Path.Combine(ProductSources.Root, "analyzers", "Migration.Analyzers.Package", "Migration.Analyzers.Package.csproj");
            (int packExit, string packOut) = DotnetCli.Run($"pack \"{package}\" -c Release -o \"{feed}\" --artifacts-path \"{Path.Combine(temp, "artifacts")}\" -p:Version={version}", ProductSources.Root);
            Assert.True(packExit == 0, packOut);
            string nupkg = Path.Combine(feed, $"IommuMigration.Analyzers.{version}.nupkg");
            using (var zip = System.IO.Compression.ZipFile.OpenRead(nupkg))
            {
                Assert.Equal(["analyzers/dotnet/cs/Migration.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/Migration.Analyzers.dll"],
                    zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".dll", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray());
                // The rule docs the help links open, and the props that point the links at them.
                string[] docs = Directory.GetFiles(Path.Combine(ProductSources.Root, "analyzers", "docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
                Assert.Equal(docs, zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("docs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());
                Assert.Contains(zip.Entries, e => e.FullName == "build/IommuMigration.Analyzers.props");
            }

            string project = Path.Combine(temp, "consumer");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="iommu-analyzers-test" value="{feed}" />
                  </packageSources>
                  <config>
                    <add key="globalPackagesFolder" value="{Path.Combine(temp, "packages")}" />
                  </config>
                </configuration>
                """);
            ThrowawayProject.Write(Path.Combine(project, "Consumer.csproj"), "disable", $"<PackageReference Include=\"IommuMigration.Analyzers\" Version=\"{version}\" />");
            File.WriteAllText(Path.Combine(project, "Isp.cs"), Client);

            (int buildExit, string buildOut) = DotnetCli.Run("build", project);
            Assert.True(buildExit == 0, buildOut);
            Assert.Contains("Isp.cs(16,23): warning IOMMU002: Iovmm.Vmalloc models iommu_vmalloc, OMAP's 3.0 iovmm API", buildOut, StringComparison.Ordinal);
            Assert.Contains("Isp.cs(17,13): warning IOMMU002: Iovmm.Vfree models iommu_vfree", buildOut, StringComparison.Ordinal);
            // The help link opens the page the package installed (the compiler prints it after the message).
            string installedPage = Path.Combine(temp, "packages", "iommumigration.analyzers", version, "docs", "IOMMU002.md");
            Assert.True(File.Exists(installedPage), installedPage);
            Assert.Contains($"({new Uri(installedPage).AbsoluteUri})", buildOut, StringComparison.Ordinal);

            // The compiler's rule-wide severity, and a per-symbol key (which the rule-wide key would override).
            File.WriteAllText(Path.Combine(project, ".editorconfig"),
                "root = true\n\n[*.cs]\ndotnet_diagnostic.IOMMU002.severity = error\n");
            (int errorExit, string errorOut) = DotnetCli.Run("build --no-restore", project);
            Assert.NotEqual(0, errorExit);
            Assert.Contains("Isp.cs(16,23): error IOMMU002", errorOut, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(project, ".editorconfig"),
                "root = true\n\n[*.cs]\niommu_migration.severity.Legacy.Omap.Iovmm.Vfree = error\niommu_migration.severity.Legacy.Omap.Iovmm.Vmalloc = none\n");
            (int symbolExit, string symbolOut) = DotnetCli.Run("build --no-restore", project);
            Assert.NotEqual(0, symbolExit);
            Assert.Contains("Isp.cs(17,13): error IOMMU002", symbolOut, StringComparison.Ordinal);
            Assert.DoesNotContain("Iovmm.Vmalloc models", symbolOut, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
