using Microsoft.CodeAnalysis.Testing;

namespace Migration.Analyzers.Tests;

/// <summary>IOMMU006: a map/unmap result thrown away, in either world.</summary>
public class IgnoredMapResultTests
{
    [Fact]
    public async Task DiscardedResults_AreReportedInBothWorlds()
    {
        const string client = """
            using Generic.Iommu;
            using Legacy.Iommu;
            using Legacy.Omap;
            using Migration.Kernel;
            namespace Client;
            public static class Paths
            {
                public static void Run(IommuCore core, Legacy.Iommu.IommuDomain old, Generic.Iommu.IommuDomain d, OmapIommu iommu, SgTable sgt)
                {
                    {|IOMMU006:core.IommuMap(old, 0x1000, 0x2000, 0, 3)|};
                    {|IOMMU006:core.IommuUnmap(old, 0x1000, 0)|};
                    {|IOMMU006:IommuApi.Map(d, 0x1000, 0x2000, 0x1000, 3)|};
                    {|IOMMU006:IommuApi.Unmap(d, 0x1000, 0x1000)|};
                    {|IOMMU006:Iovmm.Vmap(iommu, 0, sgt, 0)|};
                    {|IOMMU006:Generic.Iommu.Dma.DmaApi.MapSg(new Device("isp"), sgt, 1)|};
                }
            }
            """;
        await TestSetup.Analyzer<IgnoredMapResultAnalyzer>(client).RunAsync();
    }

    [Fact]
    public async Task UsedOrExplicitlyDiscardedResultsAndVoidCalls_AreNotReported()
    {
        const string client = """
            using Generic.Iommu;
            using Legacy.Omap;
            namespace Client;
            public static class Paths
            {
                public static int Run(IommuDomain d, OmapIommu iommu)
                {
                    _ = IommuApi.Unmap(d, 0x1000, 0x1000);          // on purpose
                    int ret = IommuApi.Map(d, 0x1000, 0x2000, 0x1000, 3);
                    if (IommuApi.Unmap(d, 0x1000, 0x1000) != 0x1000)
                        return -22;
                    Iovmm.Vfree(iommu, 0x1000);                      // void: nothing to check
                    IommuApi.DetachDevice(d, null);                  // not a map/unmap
                    return ret;
                }
            }
            """;
        await TestSetup.Analyzer<IgnoredMapResultAnalyzer>(client).RunAsync();
    }

    [Fact]
    public async Task TheMessage_SaysWhatTheResultCarries()
    {
        const string client = """
            using Generic.Iommu;
            namespace Client;
            public static class Paths
            {
                public static void Run(IommuDomain d) => IommuApi.Unmap(d, 0x1000, 0x1000);
            }
            """;
        await TestSetup.Analyzer<IgnoredMapResultAnalyzer>(client,
            new DiagnosticResult(IommuRules.IgnoredMapResult).WithSpan("/0/Client.cs", 5, 46, 5, 79)
                .WithMessage("The result of IommuApi.Unmap (iommu_unmap) is ignored: it returns the bytes unmapped (short at a hole, -EINVAL/-ENODEV as a huge size_t), so an error is lost; no safe automatic fix: what to do on failure is the caller's decision (check the result, or discard it with '_ =' on purpose)"))
            .RunAsync();
    }
}
