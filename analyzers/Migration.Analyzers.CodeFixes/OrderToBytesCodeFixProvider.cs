using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Migration.Analyzers.CodeFixes;

/// <summary>IOMMU004: rewrites the order-based IommuCore.IommuMap/IommuUnmap to IommuApi.Map/Unmap with the size in bytes.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OrderToBytesCodeFixProvider)), Shared]
public sealed class OrderToBytesCodeFixProvider : CodeFixProvider
{
    /// <summary>The code action's title.</summary>
    public const string Title = "Pass the size in bytes (4096 << gfp_order) to the byte-sized iommu_map/iommu_unmap";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(IommuRules.OrderBasedMapId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PlanApplier.RegisterAsync(context, "order-to-bytes", Title, VendorCallPlans.For);
}
