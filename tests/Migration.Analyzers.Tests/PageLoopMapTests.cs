using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Migration.Analyzers.CodeFixes;

namespace Migration.Analyzers.Tests;

/// <summary>IOMMU005: a loop of 4 KiB iommu_map calls through the byte-sized API, and the one-call fix.</summary>
public class PageLoopMapTests
{
    private static DiagnosticResult Loop(int line, int column, int endColumn) =>
        new DiagnosticResult(IommuRules.PageLoopMapId, DiagnosticSeverity.Warning).WithSpan("/0/Client.cs", line, column, line, endColumn);

    [Fact]
    public async Task Negatives_AreNotReported()
    {
        const string client = """
            using Generic.Iommu;
            namespace Client;
            public static class Frames
            {
                public static void Map(IommuDomain d, uint iova, uint pa, uint len, uint[] pages)
                {
                    IommuApi.Map(d, iova, pa, len, 3);                               // one call
                    for (uint i = 0; i < 4; i++)
                        _ = IommuApi.Map(d, iova + i * 0x10000, pa + i * 0x10000, 0x10000, 3); // 64 KiB steps
                    for (int n = 0; n < 2; n++)
                        _ = IommuApi.Map(d, iova, pa, 4096, 3);                      // the loop variable is not in the iova
                    for (uint off = 0; off < len; off += 4096)
                        _ = IommuApi.Map(d, iova + off, pa, 4096, 1);                // padding: every page aliases one dummy page
                }
            }
            """;
        await TestSetup.Analyzer<PageLoopMapAnalyzer>(client).RunAsync();
    }

    [Fact]
    public async Task AScatterOfPages_IsReportedWithoutAFix()
    {
        const string client = """
            using Generic.Iommu;
            namespace Client;
            public static class Frames
            {
                public static int Map(IommuDomain d, uint iova, uint[] pages)
                {
                    for (int i = 0; i < pages.Length; i++)
                    {
                        int ret = IommuApi.Map(d, iova + (uint)i * 4096, pages[i], 4096, 3);
                        if (ret != 0)
                            return ret;
                    }
                    return 0;
                }
            }
            """;
        await TestSetup.Analyzer<PageLoopMapAnalyzer>(client,
            new DiagnosticResult(IommuRules.PageLoopMap).WithSpan("/0/Client.cs", 9, 23, 9, 80)
                .WithMessage("IommuApi.Map maps one 4096-byte page per iteration of this loop: since Linux 3.3 iommu_map splits a byte range by pgsize_bitmap and rolls back a failure, so one iommu_map of the whole buffer replaces the loop; no safe automatic fix: iova and paddr do not both advance by one page per iteration (a scatter of pages needs one call per contiguous run)"))
            .RunAsync();
    }

    [Fact]
    public async Task AnUnwindingByTheLoopVariable_IsNotRewritten()
    {
        const string client = """
            using Generic.Iommu;
            namespace Client;
            public static class Frames
            {
                public const uint Page = 4096;
                public static int Map(IommuDomain d, uint iova, uint pa, uint n)
                {
                    for (uint i = 0; i < n; i++)
                    {
                        int ret = IommuApi.Map(d, iova + i * Page, pa + i * Page, Page, 3);
                        if (ret != 0)
                        {
                            IommuApi.Unmap(d, iova, i * Page);
                            return ret;
                        }
                    }
                    return 0;
                }
            }
            """;
        await TestSetup.Analyzer<PageLoopMapAnalyzer>(client,
            new DiagnosticResult(IommuRules.PageLoopMap).WithSpan("/0/Client.cs", 10, 23, 10, 79)
                .WithMessage("IommuApi.Map maps one 4096-byte page per iteration of this loop: since Linux 3.3 iommu_map splits a byte range by pgsize_bitmap and rolls back a failure, so one iommu_map of the whole buffer replaces the loop; no safe automatic fix: the error path uses the loop variable (it unwinds the pages mapped so far; the 3.3 core does that itself)"))
            .RunAsync();
    }

    [Fact]
    public async Task EveryLoopShape_BecomesOneCall()
    {
        const string client = """
            using Generic.Iommu;
            namespace Client;
            public static class Frames
            {
                public const uint Page = 0x1000;
                public static int ByIndex(IommuDomain d, uint iova, uint pa, int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        int ret = {|IOMMU005:IommuApi.Map(d, iova + (uint)i * Page, pa + (uint)i * Page, Page, 3)|};
                        if (ret != 0)
                            return ret;
                    }
                    return 0;
                }
                public static int ByOffset(IommuDomain d, uint iova, uint pa, uint len)
                {
                    int err = 0;
                    for (uint off = 0; off < len; off += 4096)
                    {
                        err = {|IOMMU005:IommuApi.Map(d, iova + off, pa + off, 4096, 3)|};
                        if (err != 0)
                            break;
                    }
                    return err;
                }
                public static void Constant(IommuDomain d, uint iova, uint pa)
                {
                    for (uint i = 0; i < 16; ++i)
                        {|IOMMU005:IommuApi.Map(d, iova + (i << 12), pa + (i << 12), 4096, 0)|};
                }
                public static int InCondition(IommuDomain d, uint pa, uint len)
                {
                    for (uint off = 0; off < len; off += Page)
                        if ({|IOMMU005:IommuApi.Map(d, 0x10000 + off, pa + off, 4096, 3)|} != 0)
                            return -12;
                    return 0;
                }
            }
            """;
        const string fixedClient = """
            using Generic.Iommu;
            namespace Client;
            public static class Frames
            {
                public const uint Page = 0x1000;
                public static int ByIndex(IommuDomain d, uint iova, uint pa, int n)
                {
                    int ret = IommuApi.Map(d, iova, pa, (uint)n * Page, 3);
                    if (ret != 0)
                        return ret;
                    return 0;
                }
                public static int ByOffset(IommuDomain d, uint iova, uint pa, uint len)
                {
                    int err = 0;
                    for (uint off = 0; off < len; off += 4096)
                    {
                        err = IommuApi.Map(d, iova + off, pa + off, 4096, 3);
                        if (err != 0)
                            break;
                    }
                    return err;
                }
                public static void Constant(IommuDomain d, uint iova, uint pa)
                {
                    IommuApi.Map(d, iova, pa, 0x10000u, 0);
                }
                public static int InCondition(IommuDomain d, uint pa, uint len)
                {
                    if (IommuApi.Map(d, 0x10000, pa, (len + 0xFFFu) & ~0xFFFu, 3) != 0)
                        return -12;
                    return 0;
                }
            }
            """;
        var test = TestSetup.Fix<PageLoopMapAnalyzer, PageLoopCodeFixProvider>(client, fixedClient);
        test.FixedState.ExpectedDiagnostics.Add(Loop(18, 19, 65)); // the break keeps the loop (no fix)
        await test.RunAsync();
    }

    [Fact]
    public async Task TheFix_KeepsTheCommentsOnTheLoopAndOnItsStatements()
    {
        const string client = """
            using Generic.Iommu;
            namespace Client;
            public static class Frames
            {
                public static int ByIndex(IommuDomain d, uint iova, uint pa, int n)
                {
                    // Map the frame, page by page.
                    for (int i = 0; i < n; i++)
                    {
                        // One page of the frame.
                        int ret = {|IOMMU005:IommuApi.Map(d, iova + (uint)i * 4096, pa + (uint)i * 4096, 4096, 3)|};
                        if (ret != 0)
                            return ret; // nothing to unwind: the core rolls back
                    }
                    return 0;
                }
            }
            """;
        const string fixedClient = """
            using Generic.Iommu;
            namespace Client;
            public static class Frames
            {
                public static int ByIndex(IommuDomain d, uint iova, uint pa, int n)
                {
                    // Map the frame, page by page.
                    // One page of the frame.
                    int ret = IommuApi.Map(d, iova, pa, (uint)n * 4096, 3);
                    if (ret != 0)
                        return ret; // nothing to unwind: the core rolls back
                    return 0;
                }
            }
            """;
        await TestSetup.Fix<PageLoopMapAnalyzer, PageLoopCodeFixProvider>(client, fixedClient).RunAsync();
    }
}
