using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;

namespace Migration.Analyzers;

/// <summary>
/// IOMMU004 — the Era-A order-based iommu_map/iommu_unmap(…, gfp_order, …) (Legacy.Iommu.IommuCore.IommuMap/IommuUnmap):
/// 3.3 passes the size in bytes, 4096 &lt;&lt; gfp_order (generic.md §5.4). Fixed where the byte-sized call binds.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OrderBasedMapAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IommuRules.OrderBasedMap);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        VendorUseAnalysis.Register(context, IommuRules.OrderBasedMapId);
    }
}
