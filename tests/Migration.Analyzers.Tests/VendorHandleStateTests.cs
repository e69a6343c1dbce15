using Microsoft.CodeAnalysis.Testing;

namespace Migration.Analyzers.Tests;

/// <summary>IOMMU007: vendor handles kept in client state.</summary>
public class VendorHandleStateTests
{
    [Fact]
    public async Task HandleTypedFieldsAndAutoProperties_AreReported()
    {
        const string client = """
            using System.Collections.Generic;
            using Legacy.Msm;
            using Legacy.Omap;
            using Migration.Kernel;
            namespace Client;
            public sealed class IspDevice
            {
                private OmapIommu {|IOMMU007:_iommu|};
                private ErrPtr<OmapIommu> {|IOMMU007:_got|};
                private readonly List<OmapIommu> {|IOMMU007:_all|} = new();
                public OmapIommu[] {|IOMMU007:Many|} { get; set; }
                public OmapIommu {|IOMMU007:Iommu|} { get; private set; }
                public ErrPtr<MsmMappedBuffer> {|IOMMU007:Frame|} { get; set; }
                private OmapIommu Computed => _iommu;                  // stores nothing
                public void Use(OmapIommu parameter)                   // parameters and locals are not state
                {
                    OmapIommu local = parameter;
                    _iommu = local;
                }
            }
            public sealed record Session(OmapIommu {|IOMMU007:Handle|});
            """;
        await TestSetup.Analyzer<VendorHandleStateAnalyzer>(client).RunAsync();
    }

    [Fact]
    public async Task AContextFromGetCtxStoredInState_IsReported()
    {
        const string client = """
            using Legacy.Msm;
            using Migration.Kernel;
            namespace Client;
            public sealed class CameraContext
            {
                private static readonly MsmIommuDriver Msm = new();
                private Device _vfe;
                private Device _vpe;
                public Device Jpeg { get; set; }
                private Device {|IOMMU007:_early = Msm.GetCtx("ijpeg_src")|};
                public void Attach(Device fallback)
                {
                    {|IOMMU007:_vfe = Msm.GetCtx("vfe_imgwr")|};
                    Device ctx = Msm.GetCtx("vpe_src");
                    {|IOMMU007:_vpe = ctx ?? fallback|};
                    {|IOMMU007:Jpeg = Msm.GetCtx("ijpeg_dst")!|};
                    Device local = Msm.GetCtx("vcodec_a_mm1");   // a local is not state
                    Device own = new Device("isp");
                    _vfe = own;                                      // not from GetCtx
                }
            }
            """;
        await TestSetup.Analyzer<VendorHandleStateAnalyzer>(client).RunAsync();
    }

    [Fact]
    public async Task TheMessage_NamesTheHandleAndWhatToKeep()
    {
        const string client = """
            namespace Client;
            public sealed class IspDevice
            {
                public Legacy.Omap.OmapIommu Iommu { get; set; }
            }
            """;
        await TestSetup.Analyzer<VendorHandleStateAnalyzer>(client,
            new DiagnosticResult(IommuRules.VendorHandleState).WithSpan("/0/Client.cs", 4, 34, 4, 39)
                .WithMessage("IspDevice.Iommu keeps OmapIommu (struct iommu) in client state: keep a Generic.Iommu.IommuDomain (iommu_domain_alloc) and the client's Device (iommu_attach_device) instead; no safe automatic fix: every use of the handle changes with the port"))
            .RunAsync();
    }
}
