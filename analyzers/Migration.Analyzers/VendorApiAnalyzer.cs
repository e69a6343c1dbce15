using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;

namespace Migration.Analyzers;

/// <summary>
/// IOMMU001–IOMMU004, the rules the API map assigns per symbol: OMAP vendor iommu API use (001: iommu_get/put, TLB and
/// page-table primitives, ctx save/restore, set_isr/twl/da_range), OMAP iovmm use (002), the MSM vendor API (003:
/// msm_iommu_get_ctx, msm_subsystem_map_buffer, IOVA pools, iommu_map_range) and the Era-A order-based
/// iommu_map/iommu_unmap(…, gfp_order, …) (004: Legacy.Iommu.IommuCore.IommuMap/IommuUnmap; 3.3 passes the size in
/// bytes, 4096 &lt;&lt; gfp_order, generic.md §5.4).
/// </summary>
/// <remarks>
/// One analyzer for four rules, against the one-analyzer-per-rule habit of the other files: the four rules differ
/// only in which rule the map names for a symbol, so one analyzer per rule bound every identifier, invocation and
/// creation once per rule. Here each node is bound once and reported under the rule its map entry names (issue 19).
/// Each rule keeps its own descriptor, message, severity (per rule and per symbol), help link, docs page and
/// release-table row.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VendorApiAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(IommuRules.OmapIommuApi, IommuRules.OmapIovmmApi, IommuRules.MsmVendorApi, IommuRules.OrderBasedMap);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        VendorUseAnalysis.Register(context);
    }
}
