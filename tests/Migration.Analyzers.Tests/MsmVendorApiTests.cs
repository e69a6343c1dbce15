using Microsoft.CodeAnalysis.Testing;

namespace Migration.Analyzers.Tests;

/// <summary>IOMMU003: the CAF MSM vendor API (msm.md §6, §7) and the CAF range extension (generic.md §8.1).</summary>
public class MsmVendorApiTests
{
    [Fact]
    public async Task VendorCalls_AreReported()
    {
        const string client = """
            using Legacy.Iommu;
            using Legacy.Msm;
            using Migration.Kernel;
            namespace Client;
            public static class Camera
            {
                public static int Setup(MsmIommuDriver msm, MsmIommuDomains domains, MsmSubsystem subsystem, IommuCore core, object sg)
                {
                    Device ctx = {|IOMMU003:msm.GetCtx("vfe_imgwr")|};
                    IommuDomain d = {|IOMMU003:domains.MsmGetIommuDomain(1)|};
                    uint iova = {|IOMMU003:domains.MsmAllocateIovaAddress(1, 2, 0x10000, 0x1000)|};
                    int rc = {|IOMMU003:domains.MsmIommuMapContigBuffer(0x2000_0000, 1, 2, 0x10000, 0x1000, 3, out uint ping)|};
                    ErrPtr<MsmMappedBuffer> buf = {|IOMMU003:subsystem.MapBuffer(0x3000_0000, 0x1000, 2, new[] { 2 }, 1)|};
                    rc |= {|IOMMU003:subsystem.UnmapBuffer(buf)|};
                    rc |= {|IOMMU003:core.IommuMapRange(d, iova, sg, 0x2000, 0)|};
                    rc |= {|IOMMU003:core.IommuUnmapRange(d, iova, 0x2000)|};
                    return rc + core.IommuAttachDevice(d, ctx); // the Era-A attach is not vendor API
                }
            }
            """;
        await TestSetup.Analyzer<VendorApiAnalyzer>(client).RunAsync();
    }

    [Fact]
    public async Task TheMessage_NamesTheKernelSymbolAndTheReplacement()
    {
        const string client = """
            using Legacy.Msm;
            namespace Client;
            public static class Camera
            {
                public static object Ctx(MsmIommuDriver msm) => msm.GetCtx("vpe_src");
            }
            """;
        await TestSetup.Analyzer<VendorApiAnalyzer>(client,
            new DiagnosticResult(IommuRules.MsmVendorApi).WithSpan("/0/Client.cs", 5, 53, 5, 74)
                .WithMessage("MsmIommuDriver.GetCtx models msm_iommu_get_ctx, the CAF MSM vendor API: use the client's own struct device attached with Generic.Iommu.IommuApi.AttachDevice(domain, dev); no safe automatic fix: which device the port attaches is a board decision"))
            .RunAsync();
    }
}
