using Microsoft.CodeAnalysis.Testing;
using Migration.Analyzers.CodeFixes;

namespace Migration.Analyzers.Tests;

/// <summary>IOMMU004: the Era-A order-based iommu_map/iommu_unmap, and the order → bytes fix (generic.md §5.4).</summary>
public class OrderBasedMapTests
{
    [Fact]
    public async Task OrderBasedCallsOnALegacyDomain_AreReportedWithoutAFix()
    {
        const string client = """
            using Legacy.Iommu;
            namespace Client;
            public static class Camera
            {
                public static int Map(IommuCore core, IommuDomain d, uint iova, uint pa)
                {
                    int ret = core.IommuMap(d, iova, pa, 0, 3);
                    if (core.IommuUnmap(d, iova, 0) != 0)
                        return -1;
                    return ret;
                }
            }
            """;
        await TestSetup.Analyzer<VendorApiAnalyzer>(client,
            new DiagnosticResult(IommuRules.OrderBasedMap).WithSpan("/0/Client.cs", 7, 19, 7, 51)
                .WithMessage("IommuCore.IommuMap models the Era-A iommu_map taking a page order: use Generic.Iommu.IommuApi.Map(domain, iova, paddr, 4096u << gfp_order, prot); no safe automatic fix: the domain is a Legacy.Iommu.IommuDomain: allocate it with IommuApi.DomainAlloc(bus) first, then the rewrite applies"),
            new DiagnosticResult(IommuRules.OrderBasedMap).WithSpan("/0/Client.cs", 8, 13, 8, 40)
                .WithMessage("IommuCore.IommuUnmap models the Era-A iommu_unmap taking a page order: use Generic.Iommu.IommuApi.Unmap(domain, iova, 4096u << gfp_order), which returns the bytes unmapped; no safe automatic fix: iommu_unmap now returns the bytes unmapped (size_t) and this caller reads the old result (0/-errno or an order; generic.md §5.4)"))
            .RunAsync();
    }

    [Fact]
    public async Task TheRangeCalls_AreMsmVendorApiNotOrderBased()
    {
        const string client = """
            using Legacy.Iommu;
            namespace Client;
            public static class Gpu
            {
                public static int Map(IommuCore core, IommuDomain d, object sg) => core.IommuMapRange(d, 0x1000, sg, 0x2000, 0);
            }
            """;
        await TestSetup.Analyzer<VendorApiAnalyzer>(client,
            new DiagnosticResult(IommuRules.MsmVendorApi).WithSpan("/0/Client.cs", 5, 72, 5, 116)
                .WithMessage("IommuCore.IommuMapRange models iommu_map_range, the CAF MSM vendor API: use Generic.Iommu.IommuApi.Map per physically contiguous segment, or Generic.Iommu.Dma.DmaApi.MapSg; no safe automatic fix: a scatterlist becomes one iommu_map per contiguous run")).RunAsync();
    }

    [Fact]
    public async Task OnceTheDomainIsGeneric_TheCallBecomesByteSized()
    {
        // The middle of a port: the domain comes from IommuApi.DomainAlloc, the old calls no longer bind (CS1503).
        const string client = """
            using Generic.Iommu;
            namespace Client;
            public static class Camera
            {
                public static int Map(Legacy.Iommu.IommuCore core, IommuDomain d, uint iova, uint pa, int order)
                {
                    int ret = {|IOMMU004:core.IommuMap({|CS1503:d|}, iova, pa, 4, 3)|};
                    {|IOMMU004:core.IommuUnmap({|CS1503:d|}, iova, order + 1)|};
                    return ret;
                }
            }
            """;
        const string fixedClient = """
            using Generic.Iommu;
            namespace Client;
            public static class Camera
            {
                public static int Map(Legacy.Iommu.IommuCore core, IommuDomain d, uint iova, uint pa, int order)
                {
                    int ret = IommuApi.Map(d, iova, pa, 0x10000u, 3);
                    IommuApi.Unmap(d, iova, 4096u << (order + 1));
                    return ret;
                }
            }
            """;
        await TestSetup.Fix<VendorApiAnalyzer, OrderToBytesCodeFixProvider>(client, fixedClient).RunAsync();
    }
}
