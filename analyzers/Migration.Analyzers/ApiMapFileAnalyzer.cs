using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Migration.Analyzers.ApiMap;

namespace Migration.Analyzers;

/// <summary>IOMMU000 — a project's iommu-api-map.json (AdditionalFiles) that is not valid JSON or breaks the schema; its entries are ignored.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApiMapFileAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IommuRules.ApiMapFile);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterAdditionalFileAction(c =>
        {
            if (!ApiMap.ApiMap.IsUserMapPath(c.AdditionalFile.Path) || c.AdditionalFile.GetText(c.CancellationToken) is not { } text)
                return;
            try
            {
                _ = ApiMapJson.Parse(text.ToString());
            }
            catch (ApiMapFormatException e)
            {
                int at = System.Math.Min(e.Offset, text.Length);
                var span = new TextSpan(at, 0);
                Location location = Location.Create(c.AdditionalFile.Path, span, text.Lines.GetLinePositionSpan(span));
                c.ReportDiagnostic(Diagnostic.Create(IommuRules.ApiMapFile, location, System.IO.Path.GetFileName(c.AdditionalFile.Path), e.Message));
            }
        });
    }
}
