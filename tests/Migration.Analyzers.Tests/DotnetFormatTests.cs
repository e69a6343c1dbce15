namespace Migration.Analyzers.Tests;

/// <summary>
/// Issue 19: the code fixes' output is formatted as the file around it, also when the real <c>dotnet format</c>
/// applies them (not only in the test framework's workspace). A throwaway project (the model stubs and a client with
/// two 4 KiB map loops) references the analyzer and code-fix dlls built with these tests through &lt;Analyzer Include&gt;,
/// so no package is restored; the fixed file is compared byte for byte. About 10 s here; filter with Category=DotnetFormat.
/// Only IOMMU005 here: dotnet format asks a provider for its Fix All action with the first diagnostic of an ID it
/// meets, and an IOMMU001/IOMMU002 site without a fix (an iommu_put, a da_to_va) offers none, so which of those
/// rules it fixes depends on the order it meets them.
/// </summary>
[Trait("Category", "DotnetFormat")]
public class DotnetFormatTests
{
    private const string Client = """
        using Generic.Iommu;

        namespace Client;

        public static class Frames
        {
            public static int MapFrames(IommuDomain d, uint iova, uint pa, int n)
            {
                for (int i = 0; i < n; i++)
                {
                    int ret = IommuApi.Map(d, iova + (uint)i * 4096, pa + (uint)i * 4096, 4096, 3);
                    if (ret != 0)
                        return ret;
                }
                return 0;
            }

            public static void MapTable(IommuDomain d, uint iova, uint pa, bool go)
            {
                if (go)
                    for (uint off = 0; off < 0x10000; off += 4096)
                    {
                        IommuApi.Map(d, iova + off, pa + off, 4096, 0);
                    }
            }
        }
        """;

    // The statements that leave the loop take the method's 8-space indentation; a loop under an if without braces gets a block.
    private const string Fixed = """
        using Generic.Iommu;

        namespace Client;

        public static class Frames
        {
            public static int MapFrames(IommuDomain d, uint iova, uint pa, int n)
            {
                int ret = IommuApi.Map(d, iova, pa, (uint)n * 4096, 3);
                if (ret != 0)
                    return ret;
                return 0;
            }

            public static void MapTable(IommuDomain d, uint iova, uint pa, bool go)
            {
                if (go)
                {
                    IommuApi.Map(d, iova, pa, 0x10000u, 0);
                }
            }
        }
        """;

    [Fact]
    public void DotnetFormat_AppliesThePageLoopFixFormattedAsTheFileAround()
    {
        string temp = Directory.CreateTempSubdirectory("iommu-analyzers-format-").FullName;
        try
        {
            string analyzer = Path.Combine(AppContext.BaseDirectory, "Migration.Analyzers.dll");
            string codeFixes = Path.Combine(AppContext.BaseDirectory, "Migration.Analyzers.CodeFixes.dll");
            ThrowawayProject.Write(Path.Combine(temp, "Format.csproj"), "enable", $"<Analyzer Include=\"{analyzer}\" />", $"<Analyzer Include=\"{codeFixes}\" />");
            File.WriteAllText(Path.Combine(temp, "ModelStubs.cs"), ModelStubs.Source + "\n");
            string client = Path.Combine(temp, "Client.cs");
            File.WriteAllText(client, Client + "\n");

            (int exit, string output) = DotnetCli.Run("format analyzers Format.csproj --verbosity normal --diagnostics IOMMU005 --severity info", temp);

            Assert.True(exit == 0, output);
            Assert.True(output.Contains("Formatted code file", StringComparison.Ordinal), output);
            Assert.Equal(Fixed + "\n", File.ReadAllText(client));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
