using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Migration.Analyzers.ApiMap;

namespace Migration.Analyzers.Tests;

/// <summary>A project's own iommu-api-map.json (AdditionalFiles): wildcards, types, namespaces, overrides, errors.</summary>
public class UserApiMapTests
{
    private const string Client = """
        using Legacy.Omap;
        using Vendor.Isp;
        namespace Client;
        public static class Isp
        {
            public static uint Run(OmapIommu iommu, IspHelpers h)
            {
                uint flags = Iovmm.VmallocFlags;
                uint da = Iovmm.Vmalloc(iommu, 0, 4096, flags);
                Iovmm.Kfree(iommu, da);
                return h.MapTable(da) + IspHelpers.Version;
            }
        }
        """;

    private const string VendorHelpers = """
        namespace Vendor.Isp
        {
            public sealed class IspHelpers
            {
                public const uint Version = 3;
                public uint MapTable(uint da) => da;
            }
        }
        """;

    private static Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> With<TAnalyzer>(string map)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = TestSetup.Analyzer<TAnalyzer>(Client);
        test.TestState.Sources.Add(("/0/VendorHelpers.cs", VendorHelpers));
        test.TestState.AdditionalFiles.Add(("/0/iommu-api-map.json", map));
        return test;
    }

    private static DiagnosticResult At(string id, int line, int column, int endColumn) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithSpan("/0/Client.cs", line, column, line, endColumn);

    [Fact]
    public async Task AWildcard_CoversEveryMemberOfTheTypeAndAMemberEntryStaysMoreSpecific()
    {
        // Iovmm.* moves the whole type to IOMMU003 (a project's own classification) — constants included — but the
        // built-in member entries (Vmalloc, Kfree) are more specific and stay IOMMU002.
        var test = With<VendorApiAnalyzer>("""
            { "version": 1, "entries": [ { "symbol": "Legacy.Omap.Iovmm.*", "rule": "IOMMU003", "kernel": "iovmm" } ] }
            """);
        test.ExpectedDiagnostics.Add(At("IOMMU003", 8, 22, 40)
            .WithMessage("Iovmm.VmallocFlags models iovmm, the CAF MSM vendor API: use the generic IOMMU API; no safe automatic fix: no one-to-one rewrite is known"));
        test.ExpectedDiagnostics.Add(At("IOMMU002", 9, 19, 55)
            .WithMessage("Iovmm.Vmalloc models iommu_vmalloc, OMAP's 3.0 iovmm API: use Generic.Iommu.Dma.DmaApi.AllocCoherent(dev, size, out dma) (dma_alloc_coherent) or Generic.Omap.OmapIovmm.Vmalloc(domain, dev, da, bytes, flags); no safe automatic fix: the IOVMF flags (endianness, element size) have no DMA-API counterpart"));
        test.ExpectedDiagnostics.Add(At("IOMMU002", 10, 9, 31)
            .WithMessage("Iovmm.Kfree models iommu_kfree, OMAP's 3.0 iovmm API: use Generic.Iommu.Dma.DmaApi.FreeCoherent(dev, size, va, dma); no safe automatic fix: 3.2 removed iommu_kfree (omap.md §7.2)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task ANamespaceEntry_FlagsAProjectsOwnVendorLayer_AndAMemberEntryOverridesIt()
    {
        var test = With<VendorApiAnalyzer>("""
            {
              "entries": [
                { "symbol": "Vendor.Isp", "rule": "IOMMU002", "kernel": "isp_vendor_helpers", "replacement": "the DMA-mapping API" },
                { "symbol": "Vendor.Isp.IspHelpers.Version", "rule": "none" },
                { "symbol": "Legacy.Omap.Iovmm.Kfree", "rule": "none" },
                { "symbol": "Legacy.Omap.Iovmm.Vmalloc", "replacement": "our own pool" }
              ]
            }
            """);
        test.ExpectedDiagnostics.Add(At("IOMMU002", 9, 19, 55)
            .WithMessage("Iovmm.Vmalloc models iommu_vmalloc, OMAP's 3.0 iovmm API: use our own pool; no safe automatic fix: the IOVMF flags (endianness, element size) have no DMA-API counterpart"));
        test.ExpectedDiagnostics.Add(At("IOMMU002", 11, 16, 30)
            .WithMessage("IspHelpers.MapTable models isp_vendor_helpers, OMAP's 3.0 iovmm API: use the DMA-mapping API; no safe automatic fix: no one-to-one rewrite is known"));
        await test.RunAsync();
    }

    [Fact]
    public async Task AMapThatBreaksTheSchema_IsReportedAtTheFileAndIgnored()
    {
        var test = With<ApiMapFileAnalyzer>("""
            { "entries": [ { "symbol": "Legacy.Omap.Iovmm.*", "rule": "IOMMU009" } ] }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(IommuRules.ApiMapFile).WithSpan("/0/iommu-api-map.json", 1, 1, 1, 1)
            .WithArguments("iommu-api-map.json", "entries[0].rule \"IOMMU009\" is not one of IOMMU001, IOMMU002, IOMMU003, IOMMU004, none"));
        await test.RunAsync();
    }

    [Fact]
    public async Task InvalidJson_IsReportedAtItsLineAndColumn()
    {
        var test = With<ApiMapFileAnalyzer>("{ \"entries\": [\n  { \"symbol\": \"A.B\" \"rule\": \"IOMMU001\" }\n] }");
        test.ExpectedDiagnostics.Add(new DiagnosticResult(IommuRules.ApiMapFile).WithSpan("/0/iommu-api-map.json", 2, 21, 2, 21)
            .WithArguments("iommu-api-map.json", "line 2, column 21: expected '}'"));
        await test.RunAsync();
    }

    [Fact]
    public void SchemaErrors_NameTheEntryAndProperty()
    {
        Assert.Equal("entries[1] has an unknown property \"kernal\" (known: symbol, rule, kernel, replacement, c, fix, noFix, role, checkResult, result, handle, returnsHandle, reference, comment)",
            Assert.Throws<ApiMapFormatException>(() => ApiMapJson.Parse("""{ "entries": [ { "symbol": "A" }, { "symbol": "B", "kernal": "x" } ] }""")).Message);
        Assert.Equal("entries[0].symbol \"A.*.B\" must be a dotted name, optionally ending in '*'",
            Assert.Throws<ApiMapFormatException>(() => ApiMapJson.Parse("""{ "entries": [ { "symbol": "A.*.B" } ] }""")).Message);
        Assert.Equal("entries[0].checkResult must be true or false",
            Assert.Throws<ApiMapFormatException>(() => ApiMapJson.Parse("""{ "entries": [ { "symbol": "A", "checkResult": "yes" } ] }""")).Message);
        Assert.Equal("the map needs an \"entries\" array", Assert.Throws<ApiMapFormatException>(() => ApiMapJson.Parse("{}")).Message);
    }

    [Fact]
    public void Lookups_PickTheMostSpecificEntryThatSetsTheField()
    {
        var map = ApiMap.ApiMap.BuiltIn.With(ApiMapJson.Parse("""
            { "entries": [ { "symbol": "Legacy.Omap.*", "rule": "IOMMU003" }, { "symbol": "Legacy.Omap.Iovmm", "checkResult": false } ] }
            """));
        Assert.Equal("IOMMU002", map.FindRule("Legacy.Omap.Iovmm.Vmalloc")!.RuleId);          // member beats wildcard
        Assert.Equal("IOMMU003", map.FindRule("Legacy.Omap.Iovmm.VmallocFlags")!.RuleId);      // wildcard
        Assert.Equal("IOMMU003", map.FindRule("Legacy.Omap.OmapIommu.Name")!.RuleId);          // the handle entry sets no rule
        Assert.Null(map.FindRule("Legacy.OmapX.Foo"));                                          // "Legacy.Omap." is not a prefix of it
        Assert.True(map.Find("Legacy.Omap.Iovmm.Vmalloc", e => e.CheckResult is not null)!.CheckResult);
        Assert.False(map.Find("Legacy.Omap.Iovmm.Kfree", e => e.CheckResult is not null)!.CheckResult); // the type entry
        Assert.Equal("IOMMU002", ApiMap.ApiMap.BuiltIn.FindRule("Legacy.Omap.Iovmm.Vmalloc")!.RuleId); // the built-in map is untouched
    }
}
