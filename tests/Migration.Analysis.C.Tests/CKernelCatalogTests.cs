namespace Migration.Analysis.C.Tests;

/// <summary>The kernel-symbol view of the built-in API map.</summary>
public class CKernelCatalogTests
{
    [Fact]
    public void HoldsTheVendorSymbols_AndTheEraAMapCalls_ButNotTheGenericOnes()
    {
        CKernelCatalog catalog = CKernelCatalog.BuiltIn;
        Assert.Equal("IOMMU002", catalog.Get("iommu_vmalloc")!.RuleId);
        Assert.Equal("IOMMU003", catalog.Get("msm_subsystem_map_buffer")!.RuleId);
        Assert.Equal("IOMMU001", catalog.Get("iommu_get")!.RuleId);
        // iommu_map is in the map twice (Legacy order-based with IOMMU004, Generic byte-sized without a rule).
        Assert.Equal(("IOMMU004", "order-map"), (catalog.Get("iommu_map")!.RuleId!, catalog.Get("iommu_map")!.Role!));
        Assert.DoesNotContain("dma_map_sg", catalog.Symbols);
        Assert.DoesNotContain("omap_iommu_vmalloc", catalog.Symbols);
        Assert.DoesNotContain(catalog.Symbols, s => s.Contains(' ', StringComparison.Ordinal)); // "struct iommu" is a type, not a call
    }

    [Fact]
    public void AnEraACall_IsReportedOnlyWithAnOrderArgument()
    {
        CKernelCatalog catalog = CKernelCatalog.BuiltIn;
        Assert.NotNull(catalog.EntryFor(new CallSite("iommu_map", 1, 1, null, ["d", "iova", "pa", "get_order(len)", "0"])));
        Assert.Null(catalog.EntryFor(new CallSite("iommu_map", 1, 1, null, ["d", "iova", "pa", "SZ_64K", "0"])));
        Assert.Null(catalog.EntryFor(new CallSite("iommu_map", 1, 1, null, ["d", "iova"])));
        Assert.NotNull(catalog.EntryFor(new CallSite("iommu_unmap", 1, 1, null, ["d", "iova", "0"])));
        Assert.NotNull(catalog.EntryFor(new CallSite("iommu_vfree", 1, 1, null, [])));
        Assert.Null(catalog.EntryFor(new CallSite("kfree", 1, 1, null, ["p"])));
    }
}
