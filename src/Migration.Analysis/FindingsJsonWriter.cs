using System.Text.Json;
using System.Text.Json.Serialization;

namespace Migration.Analysis;

/// <summary>
/// Writes an <see cref="AnalysisResult"/> as plain JSON: the root, the projects, the rules, per-rule counts, every
/// finding and, for C inputs, the per-file reports (recovery counts by origin, errors).
/// </summary>
public static class FindingsJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSON text of <paramref name="result"/>.</summary>
    public static string Write(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var document = new
        {
            root = result.Root,
            projects = result.Projects,
            rules = result.Rules,
            counts = result.Rules.ToDictionary(r => r.Id, r => result.Findings.Count(f => f.RuleId == r.Id)),
            findings = result.Findings,
            analyzerExceptions = result.AnalyzerExceptions,
            // C front end only (absent for C#-only runs): per file, the calls found by each means and the file's error.
            sourceFiles = result.SourceFiles.Count > 0 ? result.SourceFiles : null,
        };
        return JsonSerializer.Serialize(document, Options) + "\n";
    }
}
