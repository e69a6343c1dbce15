using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;

namespace Migration.Analyzers;

/// <summary>IOMMU003 — MSM vendor API use (msm_iommu_get_ctx, msm_subsystem_map_buffer, IOVA pools, iommu_map_range), from the API map.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MsmVendorApiAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IommuRules.MsmVendorApi);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        VendorUseAnalysis.Register(context, IommuRules.MsmVendorApiId);
    }
}
