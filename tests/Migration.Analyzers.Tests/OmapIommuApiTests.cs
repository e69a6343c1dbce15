using Microsoft.CodeAnalysis.Testing;
using Migration.Analyzers.CodeFixes;

namespace Migration.Analyzers.Tests;

/// <summary>IOMMU001: the OMAP vendor iommu API, and the iommu_get → domain alloc + attach fix.</summary>
public class OmapIommuApiTests
{
    [Fact]
    public async Task VendorIommuCalls_AreReported()
    {
        const string client = """
            using Legacy.Omap;
            namespace Client;
            public static class Isp
            {
                public static void Suspend(OmapIommuDriver driver, OmapIommu iommu)
                {
                    {|IOMMU001:OmapIommu.SaveCtx(iommu)|};
                    {|IOMMU001:OmapIommu.RestoreCtx(iommu)|};
                    {|IOMMU001:OmapIommu.FlushIotlbAll(iommu)|};
                    {|IOMMU001:OmapIommu.SetTwl(iommu, true)|};
                    int r = {|IOMMU001:OmapIommu.SetDaRange(iommu, 0x1000, 0xFFFFF000)|} + {|IOMMU001:OmapIommu.SetIsr(driver, "isp", null, null)|};
                    uint bytes = {|IOMMU001:IopgTable.ClearEntry(iommu, 0x1000)|};
                    string name = iommu.Name; // a property the map does not list
                }
            }
            """;
        await TestSetup.Analyzer<VendorApiAnalyzer>(client).RunAsync();
    }

    [Fact]
    public async Task TheVendorsOwnCodeAndMethodGroups_AreHandled()
    {
        // The stubs' Legacy.Omap.OwnUse calls Iovmm itself: implementation, not a client. A method group is a use.
        const string client = """
            using System;
            using Legacy.Omap;
            namespace Client;
            public static class Isp
            {
                public static Action<OmapIommu> Saver => {|IOMMU001:OmapIommu.SaveCtx|};
            }
            """;
        await TestSetup.Analyzer<VendorApiAnalyzer>(client).RunAsync();
    }

    [Fact]
    public async Task GetCheckPut_BecomesDomainAllocAttachDetachFree()
    {
        const string client = """
            using Generic.Iommu;
            using Legacy.Omap;
            using Migration.Kernel;
            namespace Client;
            public sealed class Isp
            {
                private readonly OmapIommuDriver _driver = new();
                public int PowerCycle(BusType bus, Device dev)
                {
                    ErrPtr<OmapIommu> mmu = {|IOMMU001:OmapIommu.Get(_driver, "isp")|};
                    if (mmu.IsErrOrNull)
                        return -Errno.ENODEV;
                    {|IOMMU001:OmapIommu.Put(mmu)|};
                    return 0;
                }
            }
            """;
        const string fixedClient = """
            using Generic.Iommu;
            using Legacy.Omap;
            using Migration.Kernel;
            namespace Client;
            public sealed class Isp
            {
                private readonly OmapIommuDriver _driver = new();
                public int PowerCycle(BusType bus, Device dev)
                {
                    IommuDomain mmu = IommuApi.DomainAlloc(bus);
                    if (mmu is null || IommuApi.AttachDevice(mmu, dev) != 0)
                    {
                        if (mmu is not null)
                        {
                            IommuApi.DomainFree(mmu);
                            mmu = null;
                        }

                        return -Errno.ENODEV;
                    }
                    if (mmu is not null)
                    {
                        IommuApi.DetachDevice(mmu, dev);
                        IommuApi.DomainFree(mmu);
                    }
                    return 0;
                }
            }
            """;
        await TestSetup.Fix<VendorApiAnalyzer, DomainAllocAttachCodeFixProvider>(client, fixedClient).RunAsync();
    }

    [Fact]
    public async Task AHandleUsedByOtherCalls_GetsNoFixAndTheMessageSaysWhy()
    {
        const string client = """
            using Generic.Iommu;
            using Legacy.Omap;
            using Migration.Kernel;
            namespace Client;
            public static class Isp
            {
                public static int Probe(OmapIommuDriver driver, BusType bus, Device dev)
                {
                    var mmu = OmapIommu.Get(driver, "isp");
                    if (mmu.IsErr)
                        return mmu.PtrErr;
                    OmapIommu.SaveCtx(mmu.Value);
                    return 0;
                }
            }
            """;
        var test = TestSetup.Fix<VendorApiAnalyzer, DomainAllocAttachCodeFixProvider>(client, client);
        test.TestState.ExpectedDiagnostics.Add(new DiagnosticResult(IommuRules.OmapIommuApi).WithSpan("/0/Client.cs", 9, 19, 9, 47)
            .WithMessage("OmapIommu.Get models iommu_get, the OMAP vendor iommu API that Linux 3.2 removed: use Generic.Iommu.IommuApi.DomainAlloc(bus) + IommuApi.AttachDevice(domain, dev); no safe automatic fix: the error path reads the handle (its ERR_PTR value has no counterpart after the port)"));
        test.TestState.ExpectedDiagnostics.Add(new DiagnosticResult(IommuRules.OmapIommuApiId, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan("/0/Client.cs", 12, 9, 12, 37));
        test.FixedState.ExpectedDiagnostics.AddRange(test.TestState.ExpectedDiagnostics);
        await test.RunAsync();
    }

    [Fact]
    public async Task TwoCandidateDevices_MakeTheRewriteAmbiguous_UnlessEditorconfigNamesOne()
    {
        const string client = """
            using Generic.Iommu;
            using Legacy.Omap;
            using Migration.Kernel;
            namespace Client;
            public static class Isp
            {
                public static int Cycle(OmapIommuDriver driver, BusType bus, Device isp, Device csi)
                {
                    var mmu = OmapIommu.Get(driver, "isp");
                    if (mmu.IsErr)
                        return -Errno.ENODEV;
                    OmapIommu.Put(mmu);
                    return 0;
                }
            }
            """;
        var ambiguous = TestSetup.Analyzer<VendorApiAnalyzer>(client,
            new DiagnosticResult(IommuRules.OmapIommuApi).WithSpan("/0/Client.cs", 9, 19, 9, 47)
                .WithMessage("OmapIommu.Get models iommu_get, the OMAP vendor iommu API that Linux 3.2 removed: use Generic.Iommu.IommuApi.DomainAlloc(bus) + IommuApi.AttachDevice(domain, dev); no safe automatic fix: several Device values in scope (isp, csi); set iommu_migration.port.device_expression"),
            new DiagnosticResult(IommuRules.OmapIommuApiId, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan("/0/Client.cs", 12, 9, 12, 27));
        await ambiguous.RunAsync();

        const string fixedClient = """
            using Generic.Iommu;
            using Legacy.Omap;
            using Migration.Kernel;
            namespace Client;
            public static class Isp
            {
                public static int Cycle(OmapIommuDriver driver, BusType bus, Device isp, Device csi)
                {
                    IommuDomain mmu = IommuApi.DomainAlloc(bus);
                    if (mmu is null || IommuApi.AttachDevice(mmu, isp) != 0)
                    {
                        if (mmu is not null)
                        {
                            IommuApi.DomainFree(mmu);
                            mmu = null;
                        }

                        return -Errno.ENODEV;
                    }
                    if (mmu is not null)
                    {
                        IommuApi.DetachDevice(mmu, isp);
                        IommuApi.DomainFree(mmu);
                    }
                    return 0;
                }
            }
            """;
        var configured = TestSetup.Fix<VendorApiAnalyzer, DomainAllocAttachCodeFixProvider>(client.Replace("var mmu = OmapIommu.Get(driver, \"isp\")", "var mmu = {|IOMMU001:OmapIommu.Get(driver, \"isp\")|}").Replace("OmapIommu.Put(mmu);", "{|IOMMU001:OmapIommu.Put(mmu)|};"), fixedClient);
        configured.TestState.AnalyzerConfigFiles.Add(TestSetup.EditorConfig("iommu_migration.port.device_expression = isp"));
        configured.FixedState.AnalyzerConfigFiles.Add(TestSetup.EditorConfig("iommu_migration.port.device_expression = isp"));
        await configured.RunAsync();
    }
}
