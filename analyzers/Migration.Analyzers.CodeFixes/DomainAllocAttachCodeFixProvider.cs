using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Migration.Analyzers.CodeFixes;

/// <summary>IOMMU001: rewrites iommu_get/iommu_put to iommu_domain_alloc + iommu_attach_device / iommu_detach_device + iommu_domain_free.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DomainAllocAttachCodeFixProvider)), Shared]
public sealed class DomainAllocAttachCodeFixProvider : CodeFixProvider
{
    /// <summary>The code action's title.</summary>
    public const string Title = "Allocate a generic domain and attach the device instead of iommu_get";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(IommuRules.OmapIommuApiId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => PlanApplier.RegisterAsync(context, "domain-alloc-attach", Title, VendorCallPlans.For);
}
