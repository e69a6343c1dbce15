using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;

namespace Migration.Analyzers;

/// <summary>IOMMU001 — OMAP vendor iommu API use (iommu_get/put, TLB and page-table primitives, ctx save/restore, set_isr/twl/da_range), from the API map.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OmapIommuApiAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IommuRules.OmapIommuApi);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        VendorUseAnalysis.Register(context, IommuRules.OmapIommuApiId);
    }
}
