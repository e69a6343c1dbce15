using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Migration.Analyzers.CodeFixes;

/// <summary>IOMMU002: rewrites iommu_vmalloc + da_to_va (+ find_iovm_area) + iommu_vfree of a method-local buffer to dma_alloc_coherent/dma_free_coherent.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DmaAllocCoherentCodeFixProvider)), Shared]
public sealed class DmaAllocCoherentCodeFixProvider : CodeFixProvider
{
    /// <summary>The code action's title.</summary>
    public const string Title = "Allocate the buffer with dma_alloc_coherent instead of iommu_vmalloc";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(IommuRules.OmapIovmmApiId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PlanApplier.RegisterAsync(context, "dma-alloc-coherent", Title, VendorCallPlans.For);
}
