using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;

namespace Migration.Analyzers;

/// <summary>IOMMU002 — OMAP iovmm API use (iommu_vmap/vmalloc/kmap/kmalloc and their frees, da_to_va, find_iovm_area), from the API map.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OmapIovmmApiAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IommuRules.OmapIovmmApi);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        VendorUseAnalysis.Register(context, IommuRules.OmapIovmmApiId);
    }
}
